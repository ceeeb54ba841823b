//! Runs a deploy plan on the embedded VM exactly as written: each store
//! step uploads its artifact (the chain's upload checks included) and must
//! have the checksum the plan names; each instantiate2 step's address is
//! computed again from the code it references, the sender and the salt, as
//! wasmd does, and must be the plan's; each message of the wiring proposal
//! runs as the chain runs it when the proposal passes.

use std::collections::BTreeMap;

use cosmwasm_std::{Binary, Checksum};
use serde_json::Value;

use super::plan::{Action, Plan, Step};
use super::predict_address;
use crate::engine::vm::VmEngine;
use crate::engine::{Code, Engine};

/// Why a plan did not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunError {
    /// The step (`3. instantiate-vault`) or message that failed.
    pub step: String,
    /// What the chain said.
    pub reason: String,
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "step {}: {}", self.step, self.reason)
    }
}

impl std::error::Error for RunError {}

/// The code an artifact file holds.
fn code_of(wasm_file: &str) -> Option<Code> {
    match wasm_file.rsplit('/').next()? {
        "fund_vault.wasm" => Some(Code::Vault),
        "staking_rewards.wasm" => Some(Code::Staking),
        "loss_socializer.wasm" => Some(Code::Socializer),
        _ => None,
    }
}

/// A stored code: its id, contract and checksum.
type Stored = (u64, Code, Checksum);

/// A chain running a plan.
struct Runner<'a> {
    plan: &'a Plan,
    engine: VmEngine,
    prefix: &'static str,
    codes: BTreeMap<String, Stored>,
}

fn field<'v>(tx: &'v Value, name: &str) -> Result<&'v Value, String> {
    tx.get(name)
        .ok_or_else(|| format!("the message has no `{name}`"))
}

fn text<'v>(tx: &'v Value, name: &str) -> Result<&'v str, String> {
    field(tx, name)?
        .as_str()
        .ok_or_else(|| format!("`{name}` is not a string"))
}

/// An error of step `name`.
fn fail(name: &str) -> impl Fn(String) -> RunError + '_ {
    move |reason| RunError {
        step: name.to_string(),
        reason,
    }
}

impl Runner<'_> {
    fn store(&mut self, wasm_file: &str, checksum: &str, var: &str) -> Result<(), String> {
        let code =
            code_of(wasm_file).ok_or_else(|| format!("{wasm_file} is not a Backstop artifact"))?;
        let stored = self.engine.store(code)?;
        if stored.to_hex() != checksum {
            return Err(format!(
                "{wasm_file} has sha256 {}, not the {checksum} the plan was written for: write the plan again",
                stored.to_hex()
            ));
        }
        let id = self.codes.len() as u64 + 1;
        self.codes.insert(var.to_string(), (id, code, stored));
        Ok(())
    }

    fn instantiate2(&mut self, address: &str, tx: &Value) -> Result<(), String> {
        let code_id = text(tx, "code_id")?;
        let var = code_id.trim_start_matches('$');
        let (_, code, checksum) = *self
            .codes
            .get(var)
            .ok_or_else(|| format!("code_id {code_id} was set by no earlier store step"))?;
        let sender = text(tx, "sender")?;
        let salt = Binary::from_base64(text(tx, "salt")?).map_err(|e| format!("salt: {e}"))?;
        let salt = String::from_utf8(salt.to_vec()).map_err(|e| format!("salt: {e}"))?;
        let at =
            predict_address(self.prefix, &checksum, sender, &salt).map_err(|e| e.to_string())?;
        if at != address {
            return Err(format!(
                "the chain puts this contract at {at}, not at the plan's {address}"
            ));
        }
        let msg = serde_json::to_vec(field(tx, "msg")?).map_err(|e| e.to_string())?;
        self.engine.instantiate_at(code, address, sender, &msg)
    }

    fn message(&mut self, tx: &Value) -> Result<(), String> {
        let ids = self
            .codes
            .values()
            .map(|(id, code, _)| (*id, *code))
            .collect();
        run_message(&mut self.engine, &self.plan.authority, &ids, tx)
    }

    fn step(&mut self, s: &Step, skip: &[String]) -> Result<(), RunError> {
        let name = format!("{}. {}", s.n, s.id);
        match &s.action {
            Action::StoreCode {
                wasm_file,
                checksum,
                code_id_var,
                ..
            } => self
                .store(wasm_file, checksum, code_id_var)
                .map_err(fail(&name)),
            Action::Instantiate2 { address, tx, .. } => {
                self.instantiate2(address, tx).map_err(fail(&name))
            }
            Action::Proposal {
                links, proposal, ..
            } => {
                let messages = proposal["messages"].as_array().cloned().unwrap_or_default();
                for (i, m) in messages.iter().enumerate() {
                    let id = links.get(i).map_or(String::new(), |l| l.id.clone());
                    if skip.contains(&id) {
                        continue;
                    }
                    self.message(m)
                        .map_err(fail(&format!("{name}, message {} ({id})", i + 1)))?;
                }
                Ok(())
            }
        }
    }
}

/// Runs one message of a proposal as the chain does when it passes:
/// `MsgSudoContract` and `MsgMigrateContract` from the gov module
/// (`authority`), `MsgExecuteContract` from its sender. `codes` maps the
/// code ids of the chain to their contracts.
fn run_message(
    engine: &mut VmEngine,
    authority: &str,
    codes: &BTreeMap<u64, Code>,
    tx: &Value,
) -> Result<(), String> {
    let contract = text(tx, "contract")?;
    let msg = serde_json::to_vec(field(tx, "msg")?).map_err(|e| e.to_string())?;
    let from_gov = |who: &str| match who == authority {
        true => Ok(()),
        false => Err(format!("{who} is not the gov module {authority}")),
    };
    match text(tx, "@type")? {
        "/cosmwasm.wasm.v1.MsgSudoContract" => {
            from_gov(text(tx, "authority")?)?;
            engine.sudo(contract, &msg).map(|_| ())
        }
        "/cosmwasm.wasm.v1.MsgMigrateContract" => {
            from_gov(text(tx, "sender")?)?;
            let id: u64 = text(tx, "code_id")?
                .parse()
                .map_err(|_| "code_id is not a number".to_string())?;
            let code = codes
                .get(&id)
                .ok_or_else(|| format!("no code {id} on this chain"))?;
            engine.migrate(contract, *code, &msg).map(|_| ())
        }
        "/cosmwasm.wasm.v1.MsgExecuteContract" => engine
            .execute(text(tx, "sender")?, contract, &msg, &[])
            .map(|_| ()),
        other => Err(format!(
            "a proposal message of type {other} does not run here"
        )),
    }
}

/// The code ids a chain gives the plan's store steps, in order from 1 (as
/// [`execute`] stores them).
pub fn code_ids(plan: &Plan) -> BTreeMap<u64, Code> {
    plan.steps
        .iter()
        .filter_map(|s| match &s.action {
            Action::StoreCode { wasm_file, .. } => code_of(wasm_file),
            _ => None,
        })
        .enumerate()
        .map(|(i, code)| (i as u64 + 1, code))
        .collect()
}

/// Submits `proposal` (as `backstop propose` writes it) to a chain the
/// plan deployed, and runs its messages in order as a passed proposal.
pub fn submit(engine: &mut VmEngine, plan: &Plan, proposal: &Value) -> Result<(), RunError> {
    let messages = proposal["messages"].as_array().cloned().unwrap_or_default();
    let codes = code_ids(plan);
    for (i, m) in messages.iter().enumerate() {
        run_message(engine, &plan.authority, &codes, m)
            .map_err(fail(&format!("proposal message {}", i + 1)))?;
    }
    Ok(())
}

/// Runs `plan` on a new VM chain of its prefix and returns the chain.
/// Steps and wiring messages whose id is in `skip` are left out (to see
/// what a deployment that missed them looks like).
pub fn execute(plan: &Plan, skip: &[String]) -> Result<VmEngine, RunError> {
    let prefix = super::leak_prefix(&plan.prefix);
    let setup = |reason: String| RunError {
        step: "0. chain".into(),
        reason,
    };
    let mut engine = VmEngine::with_prefix(prefix).map_err(setup)?;
    if let Some(token) = &plan.asset_cw20 {
        // the token exists before the plan runs, as it does on the chain
        let msg = br#"{"name":"Asset token","symbol":"ASSET","decimals":6,"initial_balances":[]}"#;
        engine
            .instantiate_at(Code::Cw20, token, &plan.deployer, msg)
            .map_err(setup)?;
    }
    let mut runner = Runner {
        plan,
        engine,
        prefix,
        codes: BTreeMap::new(),
    };
    for s in &plan.steps {
        if !skip.contains(&s.id) {
            runner.step(s, skip)?;
        }
    }
    Ok(runner.engine)
}
