//! A minimal chain of artifacts: executes a message on one contract and
//! dispatches the `WasmMsg::Execute` sub-messages it returns to the other
//! contracts of the chain, depth first and in order, as wasmd does. Every
//! execution gets a fresh instance; raw queries read the other contracts'
//! stores. Bank transfers and calls to contracts outside the chain are not
//! executed (they are counted as messages only). There is no rollback: a
//! failed call fails the whole run, which is all a benchmark needs.

use std::collections::BTreeMap;

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{Addr, Binary, Coin, CosmosMsg, Event, WasmMsg};
use serde::Serialize;

use crate::gas::{Registry, SdkGas};
use crate::VmContract;

/// One contract execution within a run.
#[derive(Debug, Clone)]
pub struct Execution {
    /// The contract executed.
    pub contract: String,
    /// Its SDK gas (without wasmd's per-call overhead).
    pub sdk: SdkGas,
    /// Smart queries it made.
    pub smart_queries: u64,
}

/// Everything one top-level message caused.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// Executions in order, the top-level one first.
    pub executions: Vec<Execution>,
    /// Messages to bank or to contracts outside the chain.
    pub external_messages: usize,
    /// Data of the top-level call.
    pub data: Option<Binary>,
    /// Events of every execution.
    pub events: Vec<Event>,
}

impl Run {
    /// SDK gas of every execution, without per-call overheads.
    pub fn gas(&self) -> u64 {
        self.executions.iter().map(|e| e.sdk.total()).sum()
    }

    /// Smart queries made by every execution.
    pub fn smart_queries(&self) -> u64 {
        self.executions.iter().map(|e| e.smart_queries).sum()
    }
}

/// Contracts by address, sharing one raw-query registry.
#[derive(Default)]
pub struct Chain {
    registry: Registry,
    contracts: BTreeMap<String, VmContract>,
}

impl Chain {
    /// An empty chain.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `wasm` at `address`.
    pub fn add(&mut self, address: &str, wasm: Vec<u8>) {
        let c = VmContract::at(wasm, address, self.registry.clone(), &[]);
        self.contracts.insert(address.to_string(), c);
    }

    /// Adds `wasm` at `address`, run from the module `cache` holds for it
    /// (stored with [`crate::ModuleCache::store`]) instead of compiled on
    /// every call.
    pub fn add_cached(
        &mut self,
        address: &str,
        wasm: Vec<u8>,
        cache: std::rc::Rc<crate::ModuleCache>,
        checksum: cosmwasm_std::Checksum,
    ) {
        let c =
            VmContract::at(wasm, address, self.registry.clone(), &[]).with_cache(cache, checksum);
        self.contracts.insert(address.to_string(), c);
    }

    /// The contract at `address`.
    pub fn contract(&mut self, address: &str) -> &mut VmContract {
        self.contracts
            .get_mut(address)
            .unwrap_or_else(|| panic!("no contract {address} in the chain"))
    }

    /// Moves every contract's block time forward.
    pub fn advance(&mut self, seconds: u64) {
        for c in self.contracts.values_mut() {
            c.advance(seconds);
        }
    }

    /// Executes `msg` on `contract` from `sender` and everything it causes.
    pub fn execute<M: Serialize>(
        &mut self,
        contract: &str,
        sender: &str,
        funds: &[Coin],
        msg: &M,
    ) -> Result<Run, String> {
        let bytes = cosmwasm_std::to_json_vec(msg).map_err(|e| e.to_string())?;
        let mut run = Run::default();
        self.dispatch(contract, sender, funds, &bytes, &mut run, true)?;
        Ok(run)
    }

    fn dispatch(
        &mut self,
        contract: &str,
        sender: &str,
        funds: &[Coin],
        msg: &[u8],
        run: &mut Run,
        top: bool,
    ) -> Result<(), String> {
        let info = message_info(&Addr::unchecked(sender), funds);
        let called = self
            .contract(contract)
            .execute_raw(&info, msg)
            .map_err(|e| format!("{contract}: VM error {e}"))?;
        let response = called
            .result
            .into_result()
            .map_err(|e| format!("{contract} failed: {e}"))?;
        run.executions.push(Execution {
            contract: contract.to_string(),
            sdk: called.sdk,
            smart_queries: called.smart_queries,
        });
        run.events.extend(response.events.iter().cloned());
        if top {
            run.data = response.data.clone();
        }
        for sub in response.messages {
            match sub.msg {
                CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr,
                    msg,
                    funds,
                }) if self.contracts.contains_key(&contract_addr) => {
                    self.dispatch(&contract_addr, contract, &funds, &msg, run, false)?;
                }
                _ => run.external_messages += 1,
            }
        }
        Ok(())
    }
}
