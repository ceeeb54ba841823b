//! Runs Backstop's optimized artifacts in the real CosmWasm VM
//! (`cosmwasm-vm`), the same engine wasmd embeds.
//!
//! * [`check_artifact`] applies the checks a chain runs on upload
//!   (`check_wasm` with the capabilities of a CosmWasm 2.1 chain), compiles
//!   the module, and confirms the entry points are exported: `check_wasm`
//!   alone accepts a wasm that exports none.
//! * [`VmContract`] executes an artifact call by call with gas metering,
//!   giving every call a fresh instance over persistent storage, as wasmd
//!   does.

pub mod chain;
pub mod gas;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cosmwasm_std::{
    Binary, Checksum, ContractResult, Empty, Env, MessageInfo, Response, Timestamp,
};
use cosmwasm_vm::internals::{check_wasm, Logger};
use cosmwasm_vm::testing::{mock_env, MockApi, MockQuerier, MockStorage};

use crate::gas::{
    event_gas, Journal, KvStats, Registry, SdkGas, Store, WasmdQuerier, WasmdStorage,
    GAS_MULTIPLIER,
};
use cosmwasm_vm::{
    call_execute, call_instantiate, call_migrate, call_query, call_sudo, capabilities_from_csv,
    Backend, Cache, CacheOptions, GasReport, Instance, InstanceOptions, Size, VmResult, WasmLimits,
};
use serde::Serialize;
use std::cell::Cell;
use std::rc::Rc;

/// Capabilities of a CosmWasm 2.1 chain (e.g. Injective): artifacts must
/// require no more than these.
pub const CHAIN_CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,\
cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1";

/// Entry points every Backstop contract must export.
pub const REQUIRED_ENTRY_POINTS: [&str; 3] = ["instantiate", "execute", "query"];

/// The capabilities of [`CHAIN_CAPABILITIES`] as a set.
pub fn chain_capabilities() -> HashSet<String> {
    capabilities_from_csv(CHAIN_CAPABILITIES)
}

/// What the upload checks found in one artifact.
#[derive(Debug, Clone)]
pub struct ArtifactReport {
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: usize,
    /// The code checksum a chain would record (sha256).
    pub checksum: String,
    /// Exported entry points.
    pub entry_points: Vec<String>,
    /// Capabilities the artifact requires.
    pub required_capabilities: Vec<String>,
}

/// Runs the chain's upload checks on the artifact at `path`, compiles it,
/// and confirms it exports [`REQUIRED_ENTRY_POINTS`].
pub fn check_artifact(path: &Path) -> Result<ArtifactReport, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let wasm = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    check_wasm(
        &wasm,
        &chain_capabilities(),
        &WasmLimits::default(),
        Logger::Off,
    )
    .map_err(|e| format!("{name}: rejected by check_wasm: {e}"))?;

    let dir = scratch_dir("check");
    let options = CacheOptions::new(&dir, chain_capabilities(), Size::mebi(64), Size::mebi(32));
    // SAFETY: the cache directory is fresh and private to this process.
    let cache: Cache<MockApi, MockStorage, MockQuerier> =
        unsafe { Cache::new(options) }.map_err(|e| format!("{name}: cache: {e}"))?;
    let checksum = cache
        .store_code(&wasm, true, true)
        .map_err(|e| format!("{name}: rejected on store: {e}"))?;
    let report = cache
        .analyze(&checksum)
        .map_err(|e| format!("{name}: analysis: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);

    let entry_points: Vec<String> = report.entrypoints.iter().map(|e| e.to_string()).collect();
    let missing: Vec<&str> = REQUIRED_ENTRY_POINTS
        .iter()
        .copied()
        .filter(|e| !entry_points.iter().any(|x| x == e))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{name}: missing entry points {missing:?} (exports {entry_points:?}); \
             was it built with the `library` feature?"
        ));
    }
    Ok(ArtifactReport {
        name,
        size: wasm.len(),
        checksum: checksum.to_hex(),
        entry_points,
        required_capabilities: report.required_capabilities.into_iter().collect(),
    })
}

fn scratch_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    std::env::temp_dir().join(format!(
        "backstop-vm-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Memory limit of one contract instance, as wasmd's default.
const INSTANCE_MEMORY_LIMIT: Size = Size::mebi(16);

/// Compiled modules kept in memory, as a node keeps them: every call then
/// instantiates its contract's module instead of compiling the artifact
/// again. Storing code runs the chain's upload checks ([`check_artifact`]'s
/// `check_wasm` with [`CHAIN_CAPABILITIES`]). Gas is the same either way:
/// the metering is compiled into the module (a test compares the two).
pub struct ModuleCache {
    cache: Cache<MockApi, WasmdStorage, WasmdQuerier>,
    dir: PathBuf,
}

impl ModuleCache {
    /// An empty cache in a fresh scratch directory.
    pub fn new() -> Result<Self, String> {
        let dir = scratch_dir("cache");
        let options = CacheOptions::new(
            &dir,
            chain_capabilities(),
            Size::mebi(512),
            INSTANCE_MEMORY_LIMIT,
        );
        // SAFETY: the cache directory is fresh and private to this process.
        let cache = unsafe { Cache::new(options) }.map_err(|e| format!("module cache: {e}"))?;
        Ok(Self { cache, dir })
    }

    /// Stores `wasm` after the chain's upload checks, keeps its module in
    /// memory, and returns its checksum.
    pub fn store(&self, wasm: &[u8]) -> Result<Checksum, String> {
        let checksum = self
            .cache
            .store_code(wasm, true, true)
            .map_err(|e| format!("rejected on store: {e}"))?;
        self.cache
            .pin(&checksum)
            .map_err(|e| format!("cannot keep the module in memory: {e}"))?;
        Ok(checksum)
    }
}

impl Drop for ModuleCache {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The workspace's `artifacts/` directory.
pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts")
}

/// Reads `artifacts/<name>.wasm`, failing loudly when it was not built.
pub fn read_artifact(name: &str) -> Vec<u8> {
    let path = artifacts_dir().join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}. Build the artifacts first: scripts/build-artifacts.sh",
            path.display()
        )
    })
}

/// Bytes of a user's account address on Cosmos chains (a secp256k1 key's
/// address).
pub const WALLET_ADDR_LEN: usize = 20;
/// Bytes of a contract's address (wasmd's address of a code and instance).
pub const CONTRACT_ADDR_LEN: usize = 32;

/// The bech32 address of `len` canonical bytes derived from `name`, in the
/// prefix of the VM's API, which validates every address the contracts see.
fn derived_addr(name: &str, len: usize) -> String {
    use cosmwasm_vm::BackendApi;
    let api = MockApi::default();
    // `addr_make` encodes sha256(name): 32 bytes to take the first `len` of
    let (canonical, _) = api.addr_canonicalize(&api.addr_make(name));
    let canonical = canonical.expect("addr_make gives a valid address");
    let (addr, _) = api.addr_humanize(&canonical[..len]);
    addr.expect("any length from 1 to 255 bytes is valid")
}

/// A user's account address (20 bytes, as on chain) derived from `name`.
pub fn wallet_addr(name: &str) -> String {
    derived_addr(name, WALLET_ADDR_LEN)
}

/// A contract's address (32 bytes, as on chain) derived from `name`.
pub fn contract_addr(name: &str) -> String {
    derived_addr(name, CONTRACT_ADDR_LEN)
}

type MockBackend = Backend<MockApi, WasmdStorage, WasmdQuerier>;

/// Gas limit per call, far above any Backstop call (about 10^4 SDK gas).
pub const CALL_GAS_LIMIT: u64 = 500_000_000_000_000;

/// One contract on the real VM, with storage that persists across calls.
pub struct VmContract {
    wasm: Rc<Vec<u8>>,
    cached: Option<(Rc<ModuleCache>, Checksum)>,
    store: Store,
    journal: Journal,
    backend: Option<MockBackend>,
    stats: Rc<Cell<KvStats>>,
    smart_queries: Rc<Cell<u64>>,
    block: Rc<Cell<(u64, u64)>>,
    /// The environment of the next call; move time with [`VmContract::advance`].
    pub env: Env,
}

/// A call's result and the gas it used.
pub struct Called<T> {
    /// The contract's own result.
    pub result: ContractResult<T>,
    /// Smart queries the call made (each a whole contract call on wasmd).
    pub smart_queries: u64,
    /// VM gas report for the call.
    pub gas: GasReport,
    /// SDK gas as wasmd would charge it, by component.
    pub sdk: SdkGas,
}

impl VmContract {
    /// Loads `wasm` with bank balances visible to the querier.
    pub fn new(wasm: Vec<u8>, balances: &[(&str, &[cosmwasm_std::Coin])]) -> Self {
        let env = mock_env();
        let address = env.contract.address.to_string();
        Self::at(wasm, &address, Registry::default(), balances)
    }

    /// Loads `wasm` at `address`, registering its store in `registry` so
    /// that other contracts' raw queries can read it, and answering its own
    /// raw queries from the stores registered there.
    pub fn at(
        wasm: Vec<u8>,
        address: &str,
        registry: Registry,
        balances: &[(&str, &[cosmwasm_std::Coin])],
    ) -> Self {
        let store = Store::default();
        let wasm = Rc::new(wasm);
        registry.borrow_mut().insert(
            address.to_string(),
            crate::gas::Entry {
                store: store.clone(),
                wasm: wasm.clone(),
            },
        );
        let block = Rc::new(Cell::new((0, 0)));
        let stats = Rc::new(Cell::new(KvStats::default()));
        let smart_queries = Rc::new(Cell::new(0));
        let journal = Journal::default();
        let mut env = mock_env();
        env.contract.address = cosmwasm_std::Addr::unchecked(address);
        Self {
            wasm,
            cached: None,
            store: store.clone(),
            journal: journal.clone(),
            backend: Some(Backend {
                api: MockApi::default(),
                storage: WasmdStorage::new(store, stats.clone()).with_journal(journal),
                querier: WasmdQuerier {
                    registry,
                    stats: stats.clone(),
                    smart_queries: smart_queries.clone(),
                    fallback: MockQuerier::new(balances),
                    block: block.clone(),
                },
            }),
            stats,
            smart_queries,
            block,
            env,
        }
    }

    /// Instantiates the module `cache` holds for this contract's code on
    /// every call, instead of compiling the artifact again: the code must
    /// have been stored there ([`ModuleCache::store`]).
    pub fn with_cache(mut self, cache: Rc<ModuleCache>, checksum: Checksum) -> Self {
        self.cached = Some((cache, checksum));
        self
    }

    /// Replaces the contract's code and keeps its store, as wasmd's
    /// `MsgMigrateContract` does before it calls `migrate`: later calls, and
    /// other contracts' smart queries, run `wasm` (from `cache` when given).
    pub fn set_code(&mut self, wasm: Vec<u8>, cached: Option<(Rc<ModuleCache>, Checksum)>) {
        let wasm = Rc::new(wasm);
        let address = self.address();
        let registry = self.backend_mut().querier.registry.clone();
        if let Some(entry) = registry.borrow_mut().get_mut(&address) {
            entry.wasm = wasm.clone();
        }
        self.wasm = wasm;
        self.cached = cached;
    }

    /// The contract's code, and the cached module it runs from if any (to
    /// give back to [`VmContract::set_code`]).
    pub fn code(&self) -> (Vec<u8>, Option<(Rc<ModuleCache>, Checksum)>) {
        (self.wasm.as_ref().clone(), self.cached.clone())
    }

    /// Validates addresses in bech32 `prefix` (`inj`, `neutron`, ...)
    /// instead of the VM's default `cosmwasm`, as a chain of that prefix
    /// does.
    pub fn with_prefix(mut self, prefix: &'static str) -> Self {
        self.backend_mut().api = MockApi::default().with_prefix(prefix);
        self
    }

    /// Opens a transaction: writes from now on can be undone with
    /// [`VmContract::rollback`] until [`VmContract::commit`].
    pub fn begin(&mut self) {
        *self.journal.borrow_mut() = Some(vec![]);
    }

    /// Closes the transaction, keeping its writes.
    pub fn commit(&mut self) {
        *self.journal.borrow_mut() = None;
    }

    /// Undoes every write since [`VmContract::begin`] and closes the
    /// transaction.
    pub fn rollback(&mut self) {
        gas::rollback(&self.store, &self.journal);
    }

    /// A bech32 address valid for this VM's API, 32 bytes long (a
    /// contract's length; see [`wallet_addr`] for a user's).
    pub fn addr(&self, name: &str) -> String {
        MockApi::default().addr_make(name)
    }

    /// Moves block time forward.
    pub fn advance(&mut self, seconds: u64) {
        self.env.block.time = Timestamp::from_seconds(self.env.block.time.seconds() + seconds);
        self.env.block.height += seconds / 5;
    }

    /// Writes a raw storage entry without metering, to prepare state.
    pub fn set_raw(&mut self, key: &[u8], value: &[u8]) {
        self.backend_mut().storage.set_unmetered(key, value);
    }

    /// Reads a raw storage entry without metering.
    pub fn get_raw(&mut self, key: &[u8]) -> Option<Vec<u8>> {
        self.backend_mut().storage.get_unmetered(key)
    }

    /// Every storage entry, in key order, without metering.
    pub fn dump(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.store
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Answers the contract's wasm queries (raw and smart) with `handler`.
    pub fn on_wasm_query<H>(&mut self, handler: H)
    where
        H: Fn(&cosmwasm_std::WasmQuery) -> cosmwasm_std::QuerierResult + 'static,
    {
        self.backend_mut().querier.fallback.update_wasm(handler);
    }

    fn backend_mut(&mut self) -> &mut MockBackend {
        self.backend
            .as_mut()
            .expect("the backend was lost when an earlier instance failed to load")
    }

    fn call<T: Serialize + Clone>(
        &mut self,
        f: impl FnOnce(
            &mut Instance<MockApi, WasmdStorage, WasmdQuerier>,
            &Env,
        ) -> VmResult<ContractResult<T>>,
        events: impl Fn(&T) -> u64,
    ) -> VmResult<Called<T>> {
        let backend = self
            .backend
            .take()
            .expect("the backend was lost when an earlier instance failed to load");
        self.stats.set(KvStats::default());
        self.smart_queries.set(0);
        self.block
            .set((self.env.block.height, self.env.block.time.nanos()));
        let options = InstanceOptions {
            gas_limit: CALL_GAS_LIMIT,
        };
        let mut instance = match &self.cached {
            Some((cache, checksum)) => cache.cache.get_instance(checksum, backend, options)?,
            None => Instance::from_code(&self.wasm, backend, options, Some(INSTANCE_MEMORY_LIMIT))?,
        };
        let result = f(&mut instance, &self.env);
        let gas = instance.create_gas_report();
        self.backend = instance.recycle();
        let kv = self.stats.replace(KvStats::default());
        let smart_queries = self.smart_queries.replace(0);
        let result = result?;
        let sdk = SdkGas {
            vm: gas.used_internally / GAS_MULTIPLIER,
            kv,
            events: result.clone().into_result().map_or(0, |r| events(&r)),
            result: cosmwasm_vm::to_vec(&result).map_or(0, |b| b.len() as u64),
        };
        Ok(Called {
            result,
            smart_queries,
            gas,
            sdk,
        })
    }

    /// Calls `instantiate`.
    pub fn instantiate<M: Serialize>(
        &mut self,
        info: &MessageInfo,
        msg: &M,
    ) -> VmResult<Called<Response<Empty>>> {
        let msg = cosmwasm_vm::to_vec(msg)?;
        let info = info.clone();
        self.call(
            |i, env| call_instantiate(i, env, &info, &msg),
            response_events,
        )
    }

    /// Calls `execute`.
    pub fn execute<M: Serialize>(
        &mut self,
        info: &MessageInfo,
        msg: &M,
    ) -> VmResult<Called<Response<Empty>>> {
        let msg = cosmwasm_vm::to_vec(msg)?;
        let info = info.clone();
        self.call(|i, env| call_execute(i, env, &info, &msg), response_events)
    }

    /// Calls `execute` with an already serialized message.
    pub fn execute_raw(
        &mut self,
        info: &MessageInfo,
        msg: &[u8],
    ) -> VmResult<Called<Response<Empty>>> {
        let msg = msg.to_vec();
        let info = info.clone();
        self.call(|i, env| call_execute(i, env, &info, &msg), response_events)
    }

    /// Calls `instantiate` with already serialized (or arbitrary) bytes.
    pub fn instantiate_raw(
        &mut self,
        info: &MessageInfo,
        msg: &[u8],
    ) -> VmResult<Called<Response<Empty>>> {
        let msg = msg.to_vec();
        let info = info.clone();
        self.call(
            |i, env| call_instantiate(i, env, &info, &msg),
            response_events,
        )
    }

    /// Calls `sudo` with already serialized (or arbitrary) bytes.
    pub fn sudo_raw(&mut self, msg: &[u8]) -> VmResult<Called<Response<Empty>>> {
        let msg = msg.to_vec();
        self.call(|i, env| call_sudo(i, env, &msg), response_events)
    }

    /// Calls `migrate` with already serialized (or arbitrary) bytes.
    pub fn migrate_raw(&mut self, msg: &[u8]) -> VmResult<Called<Response<Empty>>> {
        let msg = msg.to_vec();
        self.call(|i, env| call_migrate(i, env, &msg), response_events)
    }

    /// Calls `query` with already serialized (or arbitrary) bytes.
    pub fn query_raw(&mut self, msg: &[u8]) -> VmResult<Called<Binary>> {
        let msg = msg.to_vec();
        self.call(|i, env| call_query(i, env, &msg), |_| 0)
    }

    /// The contract's address.
    pub fn address(&self) -> String {
        self.env.contract.address.to_string()
    }

    /// Calls `sudo`.
    pub fn sudo<M: Serialize>(&mut self, msg: &M) -> VmResult<Called<Response<Empty>>> {
        let msg = cosmwasm_vm::to_vec(msg)?;
        self.call(|i, env| call_sudo(i, env, &msg), response_events)
    }

    /// Calls `migrate`.
    pub fn migrate<M: Serialize>(&mut self, msg: &M) -> VmResult<Called<Response<Empty>>> {
        let msg = cosmwasm_vm::to_vec(msg)?;
        self.call(|i, env| call_migrate(i, env, &msg), response_events)
    }

    /// Calls `query`.
    pub fn query<M: Serialize>(&mut self, msg: &M) -> VmResult<Called<Binary>> {
        let msg = cosmwasm_vm::to_vec(msg)?;
        self.call(|i, env| call_query(i, env, &msg), |_| 0)
    }
}

fn response_events(r: &Response<Empty>) -> u64 {
    event_gas(&r.attributes, &r.events)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_vm::BackendApi;

    #[test]
    fn wallets_are_20_bytes_and_contracts_32_in_the_vm_api_prefix() {
        let api = MockApi::default();
        for (addr, len) in [
            (wallet_addr("alice"), WALLET_ADDR_LEN),
            (contract_addr("vault"), CONTRACT_ADDR_LEN),
        ] {
            assert!(addr.starts_with("cosmwasm1"), "{addr}");
            let (canonical, _) = api.addr_canonicalize(&addr);
            assert_eq!(canonical.unwrap().len(), len);
            let (valid, _) = api.addr_validate(&addr);
            valid.unwrap();
        }
        // bech32 of 20 bytes is 20 characters shorter than of 32 bytes
        assert_eq!(wallet_addr("a").len() + 20, contract_addr("a").len());
        assert_ne!(wallet_addr("a"), wallet_addr("b"));
        // a contract address is the one `addr_make` gives
        assert_eq!(contract_addr("vault"), api.addr_make("vault"));
    }
}
