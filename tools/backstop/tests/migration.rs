//! Migration of a live deployment.
//!
//! On the VM, the suite is deployed from the release artifacts in
//! `testing/releases/v0.1.0/` and driven into live state
//! (`tests/scenarios/migration.toml`, then a second reward stream in
//! another asset): open unlock requests and unbondings, reward streams in
//! two assets, haircut factors, bad debt, a queued governance change. Every
//! contract is then migrated to the artifacts in `artifacts/`. On the
//! native engine the same state is built from the crates and migrated to a
//! new code id of the same crates.
//!
//! A twin deployment plays the same steps without the migration. The
//! migration must change no stored byte but the cw2 version, and afterwards
//! every user exits (unlocks, unbondings, rewards in both assets, a
//! recovery that repays the haircuts and bad debt) with exactly what the
//! twin, still on the release, pays them. A downgrade and a migration to
//! another contract's code are refused and change nothing.
//!
//! Needs the optimized artifacts (scripts/build-artifacts.sh).

use std::collections::BTreeMap;
use std::path::PathBuf;

use backstop::engine::native::NativeEngine;
use backstop::engine::vm::VmEngine;
use backstop::engine::{Code, Engine};
use backstop::{Deployment, Scenario};
use cosmwasm_std::{coin, Coin};
use serde_json::{json, Value};

const DAY: u64 = 24 * 3600;
const USDC: &str = "uusdc";
const ATOM: &str = "uatom";
/// The cw2 key every contract keeps its name and version under.
const CW2_KEY: &[u8] = b"contract_info";

fn release_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testing/releases/v0.1.0")
}

#[derive(Clone, Copy, Debug)]
enum Chain {
    /// The VM, deployed from the v0.1.0 release artifacts.
    ReleaseVm,
    /// cw-multi-test, deployed from the crates.
    Native,
}

fn engine(chain: Chain) -> Box<dyn Engine> {
    match chain {
        Chain::ReleaseVm => Box::new(VmEngine::from_release(&release_dir()).expect("the VM")),
        Chain::Native => Box::new(NativeEngine::new()),
    }
}

fn json_bytes(v: Value) -> Vec<u8> {
    serde_json::to_vec(&v).expect("json")
}

fn addr(d: &Deployment, name: &str) -> String {
    d.addresses
        .get(name)
        .unwrap_or_else(|| panic!("no address for {name}"))
        .clone()
}

fn exec(d: &mut Deployment, sender: &str, contract: &str, msg: Value, funds: &[Coin]) {
    let to = addr(d, contract);
    let text = msg.to_string();
    d.engine
        .execute(sender, &to, &json_bytes(msg), funds)
        .unwrap_or_else(|e| panic!("{contract} refused {text}: {e}"));
}

fn query(d: &mut Deployment, contract: &str, msg: Value) -> Value {
    let to = addr(d, contract);
    let bytes = d.engine.query(&to, &json_bytes(msg)).expect("query");
    serde_json::from_slice(&bytes).expect("query json")
}

fn amount(v: &Value) -> u128 {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an amount: {v}"))
}

/// The scenario's live state, plus a reward stream in a second asset.
fn live(chain: Chain) -> Deployment {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/migration.toml");
    let text = std::fs::read_to_string(path).expect("the migration scenario");
    let scenario = Scenario::parse(&text).expect("the migration scenario reads");
    let (result, mut d) =
        backstop::simulate(&scenario, engine(chain), false).expect("the scenario runs");
    let failed: Vec<_> = result.events.iter().filter(|e| !e.ok).collect();
    assert!(failed.is_empty(), "events failed: {failed:?}");

    let sponsor = d.engine.account("sponsor");
    d.addresses.insert("sponsor".into(), sponsor.clone());
    d.engine.mint(&sponsor, coin(1_000_000_000, ATOM));
    let staking = addr(&d, "staking");
    let add = json!({"add_reward_asset": {"asset": {"native": {"denom": ATOM}}}});
    d.engine
        .sudo(&staking, &json_bytes(add))
        .expect("a second reward asset");
    let fund = json!({"fund_rewards": {"mode": {"stream": {"period_seconds": 10 * DAY}}}});
    exec(&mut d, &sponsor, "staking", fund, &[coin(5_000_000, ATOM)]);
    d.engine.advance(3600);
    d
}

/// What must still be there at migration time, so that the test is about
/// live state and not an empty one.
fn assert_live(d: &mut Deployment) {
    let desk = addr(d, "desk");
    let unlocks = query(
        d,
        "vault",
        json!({"unlock_requests": {"owner": desk, "start_after": null, "limit": null}}),
    );
    assert_eq!(unlocks["requests"].as_array().map(Vec::len), Some(1));
    let whale = addr(d, "whale");
    let staker = query(d, "staking", json!({"staker": {"address": whale}}));
    assert!(amount(&staker["unbonding_tokens"]) > 0, "{staker}");
    let rewards = query(d, "staking", json!({"reward_assets": {}}));
    assert_eq!(
        rewards["assets"].as_array().map(Vec::len),
        Some(2),
        "{rewards}"
    );
    let market = query(d, "socializer", json!({"market": {"id": "btc-perp"}}));
    let text = market.to_string();
    assert!(text.contains("bad_debt"), "{text}");
    let waterfall = query(d, "socializer", json!({"waterfall": {}}));
    assert!(
        !waterfall["pending_layers"].is_null(),
        "no queued change: {waterfall}"
    );
}

/// Every storage entry of each contract, by contract.
type Stores = BTreeMap<String, Vec<(Vec<u8>, Vec<u8>)>>;

/// Every contract's store, by contract, without the cw2 version.
fn stores(d: &mut Deployment) -> Stores {
    ["vault", "staking", "socializer"]
        .into_iter()
        .map(|c| {
            let a = addr(d, c);
            let mut kv = d.engine.dump(&a);
            kv.retain(|(k, _)| k.as_slice() != CW2_KEY);
            (c.to_string(), kv)
        })
        .collect()
}

/// The keys whose values differ between two sets of stores, readable.
fn changed_keys(a: &Stores, b: &Stores) -> Vec<String> {
    let mut out = vec![];
    for (contract, kv) in a {
        let a: BTreeMap<_, _> = kv.iter().cloned().collect();
        let b: BTreeMap<_, _> = b.get(contract).into_iter().flatten().cloned().collect();
        for key in a.keys().chain(b.keys()) {
            if a.get(key) != b.get(key) {
                out.push(format!("{contract}: {}", String::from_utf8_lossy(key)));
            }
        }
    }
    out.dedup();
    out
}

fn cw2_version(d: &mut Deployment, contract: &str) -> String {
    let a = addr(d, contract);
    let raw = d.engine.raw(&a, CW2_KEY).expect("a cw2 version");
    let v: Value = serde_json::from_slice(&raw).expect("cw2 json");
    v["version"].as_str().expect("version").to_string()
}

const CODES: [(&str, Code); 3] = [
    ("vault", Code::Vault),
    ("staking", Code::Staking),
    ("socializer", Code::Socializer),
];

fn migrate_all(d: &mut Deployment) {
    for (name, code) in CODES {
        let a = addr(d, name);
        d.engine
            .migrate(&a, code, b"{}")
            .unwrap_or_else(|e| panic!("{name} did not migrate: {e}"));
    }
}

/// Every user leaves: rewards in both assets, matured unlocks and
/// unbondings, a recovery that repays what the layers paid, then every
/// remaining stake and share. Returns every balance that can differ.
fn exit_all(d: &mut Deployment) -> BTreeMap<String, u128> {
    let treasury = d.engine.account("treasury");
    d.engine.mint(&treasury, coin(50_000_000_000_000, USDC));
    let recover = json!({"recover": {"market_id": "btc-perp"}});
    exec(
        d,
        &treasury,
        "socializer",
        recover,
        &[coin(20_000_000_000_000, USDC)],
    );

    // the open unlock and unbonding mature; the desk is inside its window
    d.engine.advance(7 * DAY);
    let stakers = [addr(d, "lps"), addr(d, "whale")];
    let underwriters = [addr(d, "funds"), addr(d, "desk")];
    for s in &stakers {
        claim_rewards(d, s);
    }
    let whale = stakers[1].clone();
    exec(d, &whale, "staking", json!({"claim": {"id": null}}), &[]);
    withdraw_unlocks(d, &underwriters[1]);

    // every stake unbonds, then every share is unlocked and withdrawn
    for s in &stakers {
        let staker = query(d, "staking", json!({"staker": {"address": s}}));
        let staked = staker["staked_tokens"].clone();
        exec(d, s, "staking", json!({"unstake": {"amount": staked}}), &[]);
    }
    d.engine.advance(7 * DAY + 1);
    for s in &stakers {
        exec(d, s, "staking", json!({"claim": {"id": null}}), &[]);
        claim_rewards(d, s);
    }
    let holders: Vec<String> = stakers.iter().chain(&underwriters).cloned().collect();
    for h in &holders {
        let balance = query(d, "vault", json!({"balance": {"address": h}}));
        if amount(&balance["balance"]) > 0 {
            exec(
                d,
                h,
                "vault",
                json!({"unlock": {"shares": balance["balance"]}}),
                &[],
            );
        }
    }
    d.engine.advance(7 * DAY + 1);
    for h in &holders {
        withdraw_unlocks(d, h);
    }
    balances(d, &holders)
}

/// Claims `staker`'s rewards in every asset, if any are pending.
fn claim_rewards(d: &mut Deployment, staker: &str) {
    let view = query(d, "staking", json!({"staker": {"address": staker}}));
    let pending = view["pending_rewards"].as_array().expect("pending rewards");
    if pending.iter().any(|p| amount(&p["amount"]) > 0) {
        exec(
            d,
            staker,
            "staking",
            json!({"claim_rewards": {"asset": null}}),
            &[],
        );
    }
}

fn withdraw_unlocks(d: &mut Deployment, owner: &str) {
    let open = query(
        d,
        "vault",
        json!({"unlock_requests": {"owner": owner, "start_after": null, "limit": null}}),
    );
    let ids: Vec<u64> = open["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| r["id"].as_u64().expect("id"))
        .collect();
    for id in ids {
        let msg = json!({"withdraw_unlocked": {"id": id, "recipient": null}});
        exec(d, owner, "vault", msg, &[]);
    }
}

fn balances(d: &mut Deployment, holders: &[String]) -> BTreeMap<String, u128> {
    let mut out = BTreeMap::new();
    let names: Vec<(String, String)> = d
        .addresses
        .iter()
        .map(|(n, a)| (n.clone(), a.clone()))
        .collect();
    for (name, a) in &names {
        for denom in [USDC, ATOM] {
            out.insert(format!("{name} {denom}"), d.engine.bank_balance(a, denom));
        }
    }
    for h in holders {
        let b = query(d, "vault", json!({"balance": {"address": h}}));
        out.insert(format!("{h} shares"), amount(&b["balance"]));
    }
    let totals = query(d, "staking", json!({"totals": {}}));
    out.insert("staking tokens".into(), amount(&totals["total_tokens"]));
    let assets = query(d, "vault", json!({"total_assets": {}}));
    out.insert("vault assets".into(), amount(&assets));
    out
}

fn migrating_keeps_every_balance(chain: Chain, to_version: &str) {
    let mut twin = live(chain);
    let mut migrated = live(chain);
    assert_live(&mut migrated);
    let before = stores(&mut migrated);
    let twin_stores = stores(&mut twin);
    assert_eq!(
        changed_keys(&before, &twin_stores),
        Vec::<String>::new(),
        "twins differ"
    );

    migrate_all(&mut migrated);
    for (name, _) in CODES {
        assert_eq!(cw2_version(&mut migrated, name), to_version, "{name}");
    }
    let after = stores(&mut migrated);
    assert_eq!(
        changed_keys(&before, &after),
        Vec::<String>::new(),
        "migrating changed state"
    );
    assert_live(&mut migrated);

    let owed = exit_all(&mut twin);
    let paid = exit_all(&mut migrated);
    assert_eq!(paid, owed);
    // the exits really happened: the stakers and underwriters were paid
    for who in ["lps", "whale", "funds", "desk"] {
        assert!(paid[&format!("{who} {USDC}")] > 0, "{who} was paid nothing");
    }
    assert!(
        paid[&format!("lps {ATOM}")] > 0,
        "no reward in the second asset"
    );
    assert_eq!(paid["staking tokens"], 0);
    let keys: usize = before.values().map(Vec::len).sum();
    let usdc = |who: &str| paid[&format!("{who} {USDC}")];
    println!(
        "migration on {chain:?}: 3 contracts to {to_version}, {keys} stored entries unchanged; \
         after every exit all {} balances equal the twin's (in {USDC}: funds {}, desk {}, lps {}, \
         whale {}; lps in {ATOM}: {})",
        paid.len(),
        usdc("funds"),
        usdc("desk"),
        usdc("lps"),
        usdc("whale"),
        paid[&format!("lps {ATOM}")],
    );
}

#[test]
fn a_live_release_deployment_migrates_on_the_vm_and_every_user_exits_with_what_they_were_owed() {
    migrating_keeps_every_balance(Chain::ReleaseVm, env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_live_deployment_migrates_on_multi_test_and_every_user_exits_with_what_they_were_owed() {
    migrating_keeps_every_balance(Chain::Native, env!("CARGO_PKG_VERSION"));
}

fn refused_and_unchanged(chain: Chain) {
    let mut d = live(chain);
    let before = stores(&mut d);
    let vault = addr(&d, "vault");
    let err = d
        .engine
        .migrate(&vault, Code::Staking, b"{}")
        .expect_err("the vault moved to the staking contract's code");
    assert!(err.contains("fund-vault"), "{err}");
    let err = d
        .engine
        .migrate(&vault, Code::Vault, br#"{"force":true}"#)
        .expect_err("an unknown field in the migrate message");
    assert!(err.contains("force"), "{err}");
    let after = stores(&mut d);
    assert_eq!(changed_keys(&before, &after), Vec::<String>::new());
}

#[test]
fn a_migration_to_another_contracts_code_is_refused_on_the_vm_and_changes_nothing() {
    refused_and_unchanged(Chain::ReleaseVm);
}

#[test]
fn a_migration_to_another_contracts_code_is_refused_on_multi_test_and_changes_nothing() {
    refused_and_unchanged(Chain::Native);
}

#[test]
fn a_downgrade_to_the_release_is_refused_and_changes_nothing() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/migration.toml");
    let text = std::fs::read_to_string(path).expect("the migration scenario");
    let scenario = Scenario::parse(&text).expect("the migration scenario reads");
    // deployed from the current artifacts, then moved back to the release
    let current = Box::new(VmEngine::new().expect("the VM"));
    let (_, mut d) = backstop::simulate(&scenario, current, false).expect("the scenario runs");
    let before = stores(&mut d);
    for (name, code) in CODES {
        let a = addr(&d, name);
        let vm = d.engine.as_vm().expect("the VM engine");
        let err = vm
            .migrate_from(&a, &release_dir(), code, b"{}")
            .expect_err("a downgrade");
        assert!(err.contains("0.1.0"), "{name}: {err}");
        assert_eq!(cw2_version(&mut d, name), env!("CARGO_PKG_VERSION"));
    }
    let after = stores(&mut d);
    assert_eq!(changed_keys(&before, &after), Vec::<String>::new());
}
