//! The two chains a scenario runs on. Both run the same contract code and
//! must agree on every balance; they differ in how:
//!
//! * [`vm::VmEngine`] runs the optimized artifacts in `cosmwasm-vm` through
//!   `tools/vm-harness`: the chain's upload checks, a fresh instance per
//!   call, and SDK gas metered as wasmd charges it.
//! * [`native::NativeEngine`] runs the contract crates in cw-multi-test:
//!   faster, without gas.

pub mod native;
pub mod vm;

use cosmwasm_std::{Binary, Coin, Event};

/// Which engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EngineKind {
    /// The optimized artifacts in cosmwasm-vm.
    Vm,
    /// The contract crates in cw-multi-test.
    Native,
}

impl EngineKind {
    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Vm => "vm",
            EngineKind::Native => "native",
        }
    }
}

impl std::str::FromStr for EngineKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "vm" => Ok(EngineKind::Vm),
            "native" => Ok(EngineKind::Native),
            other => Err(format!("unknown engine `{other}`: use vm or native")),
        }
    }
}

/// The contracts a deployment may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// `fund-vault`.
    Vault,
    /// `staking-rewards`.
    Staking,
    /// `loss-socializer`.
    Socializer,
    /// cw20-base, for a cw20 asset.
    Cw20,
}

/// What one transaction did.
#[derive(Clone, Debug, Default)]
pub struct Tx {
    /// Data of the top-level execution.
    pub data: Option<Binary>,
    /// Events of every execution.
    pub events: Vec<Event>,
    /// Contract executions, the top-level one included.
    pub executions: u64,
    /// SDK gas of the executions, without wasmd's fixed 60,000 per
    /// execution (`None` on the native engine).
    pub gas: Option<u64>,
}

/// A chain the simulator deploys the suite on and drives. Every
/// transaction is atomic: a failed one changes nothing.
pub trait Engine {
    /// Which engine this is.
    fn kind(&self) -> EngineKind;
    /// The address of a user account named `name` (a wallet: 20 bytes on
    /// the VM, as on chain).
    fn account(&mut self, name: &str) -> String;
    /// The address of an account run by a contract (a market), named
    /// `name`.
    fn contract_account(&mut self, name: &str) -> String;
    /// Uploads `code` (once) and instantiates it from `sender`; returns the
    /// new contract's address.
    fn instantiate(
        &mut self,
        code: Code,
        label: &str,
        sender: &str,
        msg: &[u8],
    ) -> Result<String, String>;
    /// Gives `addr` a bank balance at genesis.
    fn mint(&mut self, addr: &str, coin: Coin);
    /// Executes `msg` on `contract` from `sender` with `funds`, and every
    /// message it causes.
    fn execute(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &[u8],
        funds: &[Coin],
    ) -> Result<Tx, String>;
    /// The chain's `MsgSudoContract` (a governance proposal).
    fn sudo(&mut self, contract: &str, msg: &[u8]) -> Result<Tx, String>;
    /// A smart query.
    fn query(&mut self, contract: &str, msg: &[u8]) -> Result<Binary, String>;
    /// A raw read of a contract's storage (free: for the per-event figures).
    fn raw(&mut self, contract: &str, key: &[u8]) -> Option<Vec<u8>>;
    /// `addr`'s bank balance of `denom`.
    fn bank_balance(&mut self, addr: &str, denom: &str) -> u128;
    /// Moves the block clock forward.
    fn advance(&mut self, seconds: u64);
    /// Block time, in seconds.
    fn block_time(&self) -> u64;
    /// `MsgMigrateContract` from the contract's admin (who instantiated
    /// it): moves the contract at `contract` to this build of `code` (the
    /// artifacts in `artifacts/` on the VM, the crate on the native engine)
    /// and calls its `migrate` with `msg`, as one transaction.
    fn migrate(&mut self, contract: &str, code: Code, msg: &[u8]) -> Result<Tx, String>;
    /// Every storage entry of the contract at `contract`, in key order.
    fn dump(&mut self, contract: &str) -> Vec<(Vec<u8>, Vec<u8>)>;
    /// The VM chain, for what only it can do (migrating to an artifact of
    /// another build, [`vm::VmEngine::migrate_from`]).
    fn as_vm(&mut self) -> Option<&mut vm::VmEngine> {
        None
    }
}

/// Creates an engine of `kind`.
pub fn create(kind: EngineKind) -> Result<Box<dyn Engine>, String> {
    Ok(match kind {
        EngineKind::Vm => Box::new(vm::VmEngine::new()?),
        EngineKind::Native => Box::new(native::NativeEngine::new()),
    })
}
