//! The contract crates in cw-multi-test: the same code as the artifacts,
//! compiled natively. Fast, and without gas.

use std::collections::BTreeMap;

use cosmwasm_std::{
    to_json_vec, Addr, Binary, Coin, ContractResult, CosmosMsg, Empty, QueryRequest, SystemResult,
    WasmMsg, WasmQuery,
};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor, SudoMsg, WasmSudo};

use super::{Code, Engine, EngineKind, Tx};

/// cw-multi-test's `App` with the suite's codes.
pub struct NativeEngine {
    app: App,
    codes: BTreeMap<&'static str, u64>,
    minted: BTreeMap<String, Vec<Coin>>,
}

fn code_of(code: Code) -> (&'static str, Box<dyn Contract<Empty>>) {
    match code {
        Code::Vault => (
            "fund-vault",
            Box::new(
                ContractWrapper::new(
                    fund_vault::contract::execute,
                    fund_vault::contract::instantiate,
                    fund_vault::contract::query,
                )
                .with_sudo(fund_vault::contract::sudo)
                .with_migrate(fund_vault::contract::migrate),
            ),
        ),
        Code::Staking => (
            "staking-rewards",
            Box::new(
                ContractWrapper::new(
                    staking_rewards::contract::execute,
                    staking_rewards::contract::instantiate,
                    staking_rewards::contract::query,
                )
                .with_sudo(staking_rewards::contract::sudo)
                .with_migrate(staking_rewards::contract::migrate),
            ),
        ),
        Code::Socializer => (
            "loss-socializer",
            Box::new(
                ContractWrapper::new(
                    loss_socializer::contract::execute,
                    loss_socializer::contract::instantiate,
                    loss_socializer::contract::query,
                )
                .with_sudo(loss_socializer::contract::sudo)
                .with_migrate(loss_socializer::contract::migrate),
            ),
        ),
        Code::Cw20 => (
            "cw20-base",
            Box::new(ContractWrapper::new(
                cw20_base::contract::execute,
                cw20_base::contract::instantiate,
                cw20_base::contract::query,
            )),
        ),
    }
}

/// Contract executions in `res`: multi-test emits one `execute` (or
/// `sudo`) event per execution.
fn executions(res: &AppResponse) -> u64 {
    res.events
        .iter()
        .filter(|e| e.ty == "execute" || e.ty == "sudo")
        .count() as u64
}

fn tx(res: AppResponse) -> Tx {
    Tx {
        executions: executions(&res),
        data: res.data,
        events: res.events,
        gas: None,
    }
}

/// The root cause of a multi-test error: the contract's own message.
fn error(e: anyhow::Error) -> String {
    e.root_cause().to_string()
}

impl NativeEngine {
    /// An empty app at multi-test's genesis block (the same time and height
    /// as the VM engine's).
    pub fn new() -> Self {
        Self {
            app: App::default(),
            codes: BTreeMap::new(),
            minted: BTreeMap::new(),
        }
    }
}

impl Default for NativeEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine for NativeEngine {
    fn kind(&self) -> EngineKind {
        EngineKind::Native
    }

    fn account(&mut self, name: &str) -> String {
        self.app.api().addr_make(name).to_string()
    }

    fn contract_account(&mut self, name: &str) -> String {
        self.app
            .api()
            .addr_make(&format!("contract:{name}"))
            .to_string()
    }

    fn instantiate(
        &mut self,
        code: Code,
        label: &str,
        sender: &str,
        msg: &[u8],
    ) -> Result<String, String> {
        let (name, contract) = code_of(code);
        let id = match self.codes.get(name) {
            Some(id) => *id,
            None => {
                let id = self.app.store_code(contract);
                self.codes.insert(name, id);
                id
            }
        };
        let msg: serde_json::Value = serde_json::from_slice(msg).map_err(|e| e.to_string())?;
        self.app
            .instantiate_contract(
                id,
                Addr::unchecked(sender),
                &msg,
                &[],
                label,
                Some(sender.to_string()),
            )
            .map(|a| a.to_string())
            .map_err(error)
    }

    fn mint(&mut self, addr: &str, coin: Coin) {
        let coins = self.minted.entry(addr.to_string()).or_default();
        coins.push(coin);
        let coins = coins.clone();
        let addr = Addr::unchecked(addr);
        self.app.init_modules(|router, _, storage| {
            router
                .bank
                .init_balance(storage, &addr, coins)
                .expect("bank balance");
        });
    }

    fn execute(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &[u8],
        funds: &[Coin],
    ) -> Result<Tx, String> {
        let msg = CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: contract.to_string(),
            msg: Binary::from(msg),
            funds: funds.to_vec(),
        });
        let mut res = self
            .app
            .execute(Addr::unchecked(sender), msg)
            .map_err(error)?;
        // wasmd wraps the data in a MsgExecuteContractResponse
        res.data = match res.data {
            Some(d) => {
                cw_utils::parse_execute_response_data(d.as_slice())
                    .map_err(|e| e.to_string())?
                    .data
            }
            None => None,
        };
        Ok(tx(res))
    }

    fn sudo(&mut self, contract: &str, msg: &[u8]) -> Result<Tx, String> {
        self.app
            .sudo(SudoMsg::Wasm(WasmSudo {
                contract_addr: Addr::unchecked(contract),
                message: Binary::from(msg),
            }))
            .map(tx)
            .map_err(error)
    }

    fn query(&mut self, contract: &str, msg: &[u8]) -> Result<Binary, String> {
        let request: QueryRequest<Empty> = QueryRequest::Wasm(WasmQuery::Smart {
            contract_addr: contract.to_string(),
            msg: Binary::from(msg),
        });
        let bytes = to_json_vec(&request).map_err(|e| e.to_string())?;
        match cosmwasm_std::Querier::raw_query(&self.app, &bytes) {
            SystemResult::Ok(ContractResult::Ok(b)) => Ok(b),
            SystemResult::Ok(ContractResult::Err(e)) => Err(e),
            SystemResult::Err(e) => Err(e.to_string()),
        }
    }

    fn raw(&mut self, contract: &str, key: &[u8]) -> Option<Vec<u8>> {
        self.app
            .wrap()
            .query_wasm_raw(contract, key.to_vec())
            .ok()
            .flatten()
    }

    fn bank_balance(&mut self, addr: &str, denom: &str) -> u128 {
        self.app
            .wrap()
            .query_balance(addr, denom)
            .map(|c| c.amount.u128())
            .unwrap_or(0)
    }

    fn advance(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds / 5;
        });
    }

    fn block_time(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    fn migrate(&mut self, contract: &str, code: Code, msg: &[u8]) -> Result<Tx, String> {
        let (_, wrapper) = code_of(code);
        let id = self.app.store_code(wrapper);
        let info = self
            .app
            .wrap()
            .query_wasm_contract_info(contract)
            .map_err(|e| e.to_string())?;
        let admin = info.admin.ok_or(format!("{contract} has no admin"))?;
        let msg: serde_json::Value = serde_json::from_slice(msg).map_err(|e| e.to_string())?;
        self.app
            .migrate_contract(admin, Addr::unchecked(contract), &msg, id)
            .map(tx)
            .map_err(error)
    }

    fn dump(&mut self, contract: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
        let addr = Addr::unchecked(contract);
        self.app
            .contract_storage(&addr)
            .range(None, None, cosmwasm_std::Order::Ascending)
            .collect()
    }
}
