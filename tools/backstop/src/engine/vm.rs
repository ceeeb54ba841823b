//! The optimized artifacts in cosmwasm-vm, through `tools/vm-harness`: each
//! code passes the chain's upload checks once, each call runs on a fresh
//! instance of its cached module with SDK gas metered as wasmd charges it,
//! and raw queries read the other contracts' stores. Around them this
//! engine is the rest of a chain: a bank, message dispatch (depth first, in
//! order, as wasmd) and atomic transactions (a failed one is undone).
//!
//! A cw20 asset is cw20-base, which is not Backstop's: it runs natively
//! here, on the same crate the native engine uses, and its executions are
//! counted without gas.

use std::collections::BTreeMap;
use std::rc::Rc;

use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier};
use cosmwasm_std::{
    from_json, Addr, BankMsg, Binary, Checksum, Coin, CosmosMsg, Env, Order, OwnedDeps, Record,
    Response, Storage, Timestamp, WasmMsg,
};
use vm_harness::gas::Registry;
use vm_harness::{ModuleCache, VmContract};

use super::{Code, Engine, EngineKind, Tx};

/// Previous values of the keys written in an open transaction.
type Undo<K, V> = Option<Vec<(K, Option<V>)>>;

/// A store whose writes can be undone, for the natively run token.
#[derive(Default)]
struct JournaledStorage {
    map: BTreeMap<Vec<u8>, Vec<u8>>,
    journal: Undo<Vec<u8>, Vec<u8>>,
}

impl JournaledStorage {
    fn record(&mut self, key: &[u8]) {
        if let Some(j) = self.journal.as_mut() {
            j.push((key.to_vec(), self.map.get(key).cloned()));
        }
    }

    fn rollback(&mut self) {
        if let Some(j) = self.journal.take() {
            for (key, old) in j.into_iter().rev() {
                match old {
                    Some(v) => self.map.insert(key, v),
                    None => self.map.remove(&key),
                };
            }
        }
    }
}

impl Storage for JournaledStorage {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.map.get(key).cloned()
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        use std::ops::Bound;
        let lo = start.map_or(Bound::Unbounded, |s| Bound::Included(s.to_vec()));
        let hi = end.map_or(Bound::Unbounded, |e| Bound::Excluded(e.to_vec()));
        if let (Bound::Included(a), Bound::Excluded(b)) = (&lo, &hi) {
            if a >= b {
                return Box::new(std::iter::empty());
            }
        }
        let it = self
            .map
            .range((lo, hi))
            .map(|(k, v)| (k.clone(), v.clone()));
        match order {
            Order::Ascending => Box::new(it),
            Order::Descending => Box::new(it.rev()),
        }
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.record(key);
        self.map.insert(key.to_vec(), value.to_vec());
    }

    fn remove(&mut self, key: &[u8]) {
        self.record(key);
        self.map.remove(key);
    }
}

/// cw20-base run natively.
struct NativeToken {
    deps: OwnedDeps<JournaledStorage, MockApi, MockQuerier>,
    env: Env,
}

impl NativeToken {
    fn new(address: &str) -> Self {
        let mut env = mock_env();
        env.contract.address = Addr::unchecked(address);
        Self {
            deps: OwnedDeps {
                storage: JournaledStorage::default(),
                api: MockApi::default(),
                querier: MockQuerier::default(),
                custom_query_type: std::marker::PhantomData,
            },
            env,
        }
    }

    fn instantiate(&mut self, sender: &str, msg: &[u8]) -> Result<Response, String> {
        let msg: cw20_base::msg::InstantiateMsg = from_json(msg).map_err(|e| e.to_string())?;
        cw20_base::contract::instantiate(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&Addr::unchecked(sender), &[]),
            msg,
        )
        .map_err(|e| e.to_string())
    }

    fn execute(&mut self, sender: &str, msg: &[u8], funds: &[Coin]) -> Result<Response, String> {
        let msg: cw20_base::msg::ExecuteMsg = from_json(msg).map_err(|e| e.to_string())?;
        cw20_base::contract::execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&Addr::unchecked(sender), funds),
            msg,
        )
        .map_err(|e| e.to_string())
    }

    fn query(&self, msg: &[u8]) -> Result<Binary, String> {
        let msg: cw20_base::msg::QueryMsg = from_json(msg).map_err(|e| e.to_string())?;
        cw20_base::contract::query(self.deps.as_ref(), self.env.clone(), msg)
            .map_err(|e| e.to_string())
    }
}

enum Slot {
    Vm(Box<VmContract>),
    Token(Box<NativeToken>),
}

/// The VM chain.
pub struct VmEngine {
    cache: Rc<ModuleCache>,
    codes: BTreeMap<&'static str, (Vec<u8>, Checksum)>,
    registry: Registry,
    contracts: BTreeMap<String, Slot>,
    bank: BTreeMap<(String, String), u128>,
    bank_journal: Undo<(String, String), u128>,
    env: Env,
    /// Where instantiated code is read from (`artifacts/` unless the chain
    /// starts from a release, [`VmEngine::from_release`]).
    deploy_dir: std::path::PathBuf,
    /// The bech32 prefix contracts validate addresses in (`None`: the VM's
    /// `cosmwasm`).
    prefix: Option<&'static str>,
}

/// The artifact file of a code, in `artifacts/`.
pub fn artifact_name(code: Code) -> Option<&'static str> {
    match code {
        Code::Vault => Some("fund_vault"),
        Code::Staking => Some("staking_rewards"),
        Code::Socializer => Some("loss_socializer"),
        Code::Cw20 => None,
    }
}

impl VmEngine {
    /// An empty chain at cosmwasm-vm's genesis block.
    pub fn new() -> Result<Self, String> {
        Ok(Self {
            cache: Rc::new(ModuleCache::new()?),
            codes: BTreeMap::new(),
            registry: Registry::default(),
            contracts: BTreeMap::new(),
            bank: BTreeMap::new(),
            bank_journal: None,
            env: mock_env(),
            deploy_dir: crate::artifacts::dir(),
            prefix: None,
        })
    }

    /// An empty chain whose contracts validate addresses in bech32
    /// `prefix`, as a chain of that prefix does (the default is the VM's
    /// `cosmwasm`). Accounts from [`Engine::account`] keep the default
    /// prefix: give such a chain addresses of its own prefix.
    pub fn with_prefix(prefix: &'static str) -> Result<Self, String> {
        let mut engine = Self::new()?;
        engine.prefix = Some(prefix);
        Ok(engine)
    }

    /// Stores `code` (once) and instantiates it at `address` from `sender`,
    /// as a chain does for an address it computed (`instantiate2`).
    pub fn instantiate_at(
        &mut self,
        code: Code,
        address: &str,
        sender: &str,
        msg: &[u8],
    ) -> Result<(), String> {
        if self.contracts.contains_key(address) {
            return Err(format!("a contract is already at {address}"));
        }
        let response = match artifact_name(code) {
            None => {
                let mut token = NativeToken::new(address);
                token.env = self.env_for(address);
                let r = token.instantiate(sender, msg)?;
                self.contracts
                    .insert(address.to_string(), Slot::Token(Box::new(token)));
                r
            }
            Some(name) => {
                let (wasm, checksum) = self.code(name)?;
                let mut c = VmContract::at(wasm, address, self.registry.clone(), &[])
                    .with_cache(self.cache.clone(), checksum);
                if let Some(prefix) = self.prefix {
                    c = c.with_prefix(prefix);
                }
                c.env = self.env_for(address);
                let called = c
                    .instantiate(&message_info(&Addr::unchecked(sender), &[]), &RawJson(msg))
                    .map_err(|e| format!("{address}: VM error: {e}"))?;
                let r = called.result.into_result()?;
                self.contracts
                    .insert(address.to_string(), Slot::Vm(Box::new(c)));
                r
            }
        };
        if !response.messages.is_empty() {
            let mut tx = Tx::default();
            self.follow(address, response, &mut tx)?;
        }
        Ok(())
    }

    /// The checksum of `code`'s artifact, after the chain's upload checks
    /// (the code hash a chain records for it).
    pub fn store(&mut self, code: Code) -> Result<Checksum, String> {
        let name = artifact_name(code).ok_or("cw20-base is not an artifact of this suite")?;
        Ok(self.code(name)?.1)
    }

    /// A chain that instantiates the artifacts in `dir` (an earlier
    /// release), so that [`Engine::migrate`] can move the contracts to the
    /// artifacts in `artifacts/`.
    pub fn from_release(dir: &std::path::Path) -> Result<Self, String> {
        let mut chain = Self::new()?;
        chain.deploy_dir = dir.to_path_buf();
        Ok(chain)
    }

    /// Reads `name.wasm` from `dir` and stores it in the module cache, after
    /// the chain's upload checks.
    fn load(&self, dir: &std::path::Path, name: &str) -> Result<(Vec<u8>, Checksum), String> {
        let path = dir.join(format!("{name}.wasm"));
        let wasm = std::fs::read(&path).map_err(|e| {
            format!(
                "cannot read {}: {e}. Build the artifacts first: scripts/build-artifacts.sh",
                path.display()
            )
        })?;
        let checksum = self
            .cache
            .store(&wasm)
            .map_err(|e| format!("{name}.wasm: {e}"))?;
        Ok((wasm, checksum))
    }

    /// `MsgMigrateContract`: replaces the code of the contract at `contract`
    /// with the artifact of `code` in `dir`, keeping its store, and calls its
    /// `migrate` with `msg`, as one transaction. A failed migration keeps
    /// the old code and store.
    pub fn migrate_from(
        &mut self,
        contract: &str,
        dir: &std::path::Path,
        code: Code,
        msg: &[u8],
    ) -> Result<Tx, String> {
        let name = artifact_name(code).ok_or("cw20-base is not migrated here")?;
        let (wasm, checksum) = self.load(dir, name)?;
        let cache = self.cache.clone();
        self.atomic(|chain, tx| {
            let Some(Slot::Vm(c)) = chain.contracts.get_mut(contract) else {
                return Err(format!("no Backstop contract at {contract}"));
            };
            let previous = c.code();
            c.set_code(wasm, Some((cache, checksum)));
            let called = c
                .migrate(&RawJson(msg))
                .map_err(|e| format!("{contract}: VM error: {e}"));
            let result = called.and_then(|called| {
                let gas = called.sdk.total();
                let r = called.result.into_result()?;
                tx.gas = tx.gas.map(|g| g + gas);
                Ok(r)
            });
            let response = match result {
                Ok(r) => r,
                Err(e) => {
                    // the chain keeps the old code when migrate fails
                    c.set_code(previous.0, previous.1);
                    return Err(e);
                }
            };
            tx.executions += 1;
            tx.data = response.data.clone();
            chain.follow(contract, response, tx)
        })
    }

    fn dump_store(&self, contract: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
        match self.contracts.get(contract) {
            Some(Slot::Vm(c)) => c.dump(),
            Some(Slot::Token(t)) => t.deps.storage.map.clone().into_iter().collect(),
            None => vec![],
        }
    }

    fn code(&mut self, name: &'static str) -> Result<(Vec<u8>, Checksum), String> {
        if let Some(c) = self.codes.get(name) {
            return Ok(c.clone());
        }
        let (wasm, checksum) = self.load(&self.deploy_dir.clone(), name)?;
        self.codes.insert(name, (wasm.clone(), checksum));
        Ok((wasm, checksum))
    }

    fn bank_set(&mut self, key: (String, String), value: u128) {
        if let Some(j) = self.bank_journal.as_mut() {
            j.push((key.clone(), self.bank.get(&key).copied()));
        }
        self.bank.insert(key, value);
    }

    fn transfer(&mut self, from: &str, to: &str, coins: &[Coin]) -> Result<(), String> {
        for c in coins {
            let amount = c.amount.u128();
            let fk = (from.to_string(), c.denom.clone());
            let have = self.bank.get(&fk).copied().unwrap_or(0);
            if have < amount {
                return Err(format!(
                    "insufficient funds: {from} has {have}{} and sends {amount}{}",
                    c.denom, c.denom
                ));
            }
            self.bank_set(fk, have - amount);
            let tk = (to.to_string(), c.denom.clone());
            let to_have = self.bank.get(&tk).copied().unwrap_or(0);
            self.bank_set(tk, to_have + amount);
        }
        Ok(())
    }

    fn begin(&mut self) {
        self.bank_journal = Some(vec![]);
        for slot in self.contracts.values_mut() {
            match slot {
                Slot::Vm(c) => c.begin(),
                Slot::Token(t) => t.deps.storage.journal = Some(vec![]),
            }
        }
    }

    fn end(&mut self, ok: bool) {
        if let Some(j) = self.bank_journal.take() {
            if !ok {
                for (key, old) in j.into_iter().rev() {
                    match old {
                        Some(v) => self.bank.insert(key, v),
                        None => self.bank.remove(&key),
                    };
                }
            }
        }
        for slot in self.contracts.values_mut() {
            match (slot, ok) {
                (Slot::Vm(c), true) => c.commit(),
                (Slot::Vm(c), false) => c.rollback(),
                (Slot::Token(t), true) => t.deps.storage.journal = None,
                (Slot::Token(t), false) => t.deps.storage.rollback(),
            }
        }
    }

    /// Runs `f` as one transaction: undone entirely when it fails.
    fn atomic(
        &mut self,
        f: impl FnOnce(&mut Self, &mut Tx) -> Result<(), String>,
    ) -> Result<Tx, String> {
        self.begin();
        let mut tx = Tx {
            gas: Some(0),
            ..Tx::default()
        };
        let result = f(self, &mut tx);
        self.end(result.is_ok());
        result.map(|_| tx)
    }

    fn run(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &[u8],
        funds: &[Coin],
        tx: &mut Tx,
        top: bool,
    ) -> Result<(), String> {
        if !funds.is_empty() {
            self.transfer(sender, contract, funds)?;
        }
        let info = message_info(&Addr::unchecked(sender), funds);
        let response = match self.contracts.get_mut(contract) {
            Some(Slot::Vm(c)) => {
                let called = c
                    .execute_raw(&info, msg)
                    .map_err(|e| format!("{contract}: VM error: {e}"))?;
                let gas = called.sdk.total();
                let r = called.result.into_result()?;
                tx.gas = tx.gas.map(|g| g + gas);
                r
            }
            Some(Slot::Token(t)) => t.execute(sender, msg, funds)?,
            None => return Err(format!("no contract at {contract}")),
        };
        tx.executions += 1;
        if top {
            tx.data = response.data.clone();
        }
        self.follow(contract, response, tx)
    }

    /// Records `response`'s events and dispatches its messages from
    /// `contract`.
    fn follow(&mut self, contract: &str, response: Response, tx: &mut Tx) -> Result<(), String> {
        tx.events.extend(response.events.iter().cloned());
        for sub in response.messages {
            match sub.msg {
                CosmosMsg::Bank(BankMsg::Send { to_address, amount }) => {
                    self.transfer(contract, &to_address, &amount)?;
                }
                CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr,
                    msg,
                    funds,
                }) => self.run(contract, &contract_addr, &msg, &funds, tx, false)?,
                other => {
                    return Err(format!(
                        "{contract} sent a message this chain does not run: {other:?}"
                    ))
                }
            }
        }
        Ok(())
    }
}

impl Engine for VmEngine {
    fn kind(&self) -> EngineKind {
        EngineKind::Vm
    }

    fn account(&mut self, name: &str) -> String {
        vm_harness::wallet_addr(name)
    }

    fn contract_account(&mut self, name: &str) -> String {
        vm_harness::contract_addr(&format!("contract:{name}"))
    }

    fn instantiate(
        &mut self,
        code: Code,
        label: &str,
        sender: &str,
        msg: &[u8],
    ) -> Result<String, String> {
        let address = vm_harness::contract_addr(label);
        self.instantiate_at(code, &address, sender, msg)
            .map_err(|e| e.replace(&address, label))?;
        Ok(address)
    }

    fn mint(&mut self, addr: &str, coin: Coin) {
        let key = (addr.to_string(), coin.denom.clone());
        let have = self.bank.get(&key).copied().unwrap_or(0);
        self.bank.insert(key, have + coin.amount.u128());
    }

    fn execute(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &[u8],
        funds: &[Coin],
    ) -> Result<Tx, String> {
        self.atomic(|chain, tx| chain.run(sender, contract, msg, funds, tx, true))
    }

    fn sudo(&mut self, contract: &str, msg: &[u8]) -> Result<Tx, String> {
        self.atomic(|chain, tx| {
            let response = match chain.contracts.get_mut(contract) {
                Some(Slot::Vm(c)) => {
                    let called = c
                        .sudo(&RawJson(msg))
                        .map_err(|e| format!("{contract}: VM error: {e}"))?;
                    let gas = called.sdk.total();
                    let r = called.result.into_result()?;
                    tx.gas = tx.gas.map(|g| g + gas);
                    r
                }
                _ => return Err(format!("no contract with a sudo entry point at {contract}")),
            };
            tx.executions += 1;
            tx.data = response.data.clone();
            chain.follow(contract, response, tx)
        })
    }

    fn query(&mut self, contract: &str, msg: &[u8]) -> Result<Binary, String> {
        match self.contracts.get_mut(contract) {
            Some(Slot::Vm(c)) => c
                .query(&RawJson(msg))
                .map_err(|e| format!("{contract}: VM error: {e}"))?
                .result
                .into_result(),
            Some(Slot::Token(t)) => t.query(msg),
            None => Err(format!("no contract at {contract}")),
        }
    }

    fn raw(&mut self, contract: &str, key: &[u8]) -> Option<Vec<u8>> {
        match self.contracts.get_mut(contract)? {
            Slot::Vm(c) => c.get_raw(key),
            Slot::Token(t) => t.deps.storage.get(key),
        }
    }

    fn bank_balance(&mut self, addr: &str, denom: &str) -> u128 {
        self.bank
            .get(&(addr.to_string(), denom.to_string()))
            .copied()
            .unwrap_or(0)
    }

    fn advance(&mut self, seconds: u64) {
        self.env.block.time = Timestamp::from_seconds(self.env.block.time.seconds() + seconds);
        self.env.block.height += seconds / 5;
        for slot in self.contracts.values_mut() {
            match slot {
                Slot::Vm(c) => c.advance(seconds),
                Slot::Token(t) => {
                    t.env.block.time = self.env.block.time;
                    t.env.block.height = self.env.block.height;
                }
            }
        }
    }

    fn block_time(&self) -> u64 {
        self.env.block.time.seconds()
    }

    fn migrate(&mut self, contract: &str, code: Code, msg: &[u8]) -> Result<Tx, String> {
        self.migrate_from(contract, &crate::artifacts::dir(), code, msg)
    }

    fn dump(&mut self, contract: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.dump_store(contract)
    }

    fn as_vm(&mut self) -> Option<&mut VmEngine> {
        Some(self)
    }
}

impl VmEngine {
    fn env_for(&self, address: &str) -> Env {
        let mut env = self.env.clone();
        env.contract.address = Addr::unchecked(address);
        env
    }
}

/// Already serialized JSON, passed through as is.
struct RawJson<'a>(&'a [u8]);

impl serde::Serialize for RawJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v: serde_json::Value =
            serde_json::from_slice(self.0).map_err(serde::ser::Error::custom)?;
        v.serialize(s)
    }
}
