//! Fuzzed entry points of the optimized artifacts on the real VM.
//!
//! The vault, the staking contract (over the vault's shares) and the
//! socializer are deployed, wired and given live state (deposits, a stake,
//! a reward stream, a market). Then, for a bounded time per contract,
//! inputs go into every entry point: `instantiate` (of a fresh contract),
//! `execute` (from the owner, a user, a market or a stranger, with or
//! without funds), `query`, `sudo` and `migrate`. The inputs are:
//!
//! * arbitrary bytes, and valid JSON with a byte flipped or cut short;
//! * structurally valid JSON drawn from the contract's own schema
//!   (`schema/<contract>/<contract>.json`, and the cw20 hook payloads in
//!   `schema/<contract>/extra/`, base64-encoded where a message carries
//!   one), with values at the edges (0, 1, `u128::MAX`, overlong numbers,
//!   known and unknown addresses) and, now and then, an unknown field.
//!
//! The only acceptable outcomes are a typed error or success. A VM error (a
//! panic aborts the wasm) fails the test and prints the input. After every
//! success the contract's invariants must still hold: every query that
//! takes no argument and answered in the live state still answers, the
//! vault's share supply matches its token info, the staking contract's
//! bonded and unbonding tokens stay within its total, and the socializer's
//! health answers. Bytes that neither JSON
//! parser reads are never accepted.
//!
//! `BACKSTOP_FUZZ_SECONDS` sets the time per contract (default 8);
//! `BACKSTOP_FUZZ_SEED` replays one seed. The seed is printed.
//!
//! Needs the optimized artifacts (scripts/build-artifacts.sh).

use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coin, coins, Addr, Binary, Coin, Response};
use cosmwasm_vm::VmResult;
use serde_json::{json, Map, Value};
use vm_harness::chain::Chain;
use vm_harness::{contract_addr, read_artifact, wallet_addr, Called, ModuleCache, VmContract};

const DENOM: &str = "uusdc";

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The schema of one contract, and the values its messages draw from.
struct Schema {
    doc: Value,
    hooks: Vec<Value>,
    addresses: Vec<String>,
}

fn schema(dir: &str) -> Schema {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../schema")
        .join(dir);
    let read = |p: PathBuf| -> Value {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        serde_json::from_str(&text).expect("schema json")
    };
    let doc = read(root.join(format!("{dir}.json")));
    let hooks = std::fs::read_dir(root.join("extra"))
        .expect("schema/extra")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("hook.json"))
        .map(read)
        .collect();
    Schema {
        doc,
        hooks,
        addresses: vec![],
    }
}

/// Structurally valid JSON for `schema`, drawn at random.
struct Gen<'a> {
    rng: &'a mut Rng,
    s: &'a Schema,
}

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "999",
    "1000",
    "1000000",
    "1000000000000",
    "1000000000000000000",
    "1000000000000000000000000000000",
    "340282366920938463463374607431768211455",
    "340282366920938463463374607431768211456",
    "18446744073709551615",
    "-1",
    "1.5",
    "",
];
const DECIMALS: &[&str] = &[
    "0",
    "0.000000000000000001",
    "0.1",
    "0.5",
    "0.999999999999999999",
    "1",
    "1.000000000000000001",
    "2",
    "340282366920938463463.374607431768211455",
    "-0.5",
    "1e3",
];
const STRINGS: &[&str] = &["", "btc-perp", "eth-perp", "uusdc", "ufee", "x", "BTC PERP"];
const INTEGERS: &[u64] = &[
    0,
    1,
    2,
    3,
    5,
    10,
    30,
    31,
    60,
    86_400,
    604_800,
    1 << 32,
    u64::MAX,
];

impl Gen<'_> {
    fn value(&mut self, root: &Value, schema: &Value, name: &str, depth: u32) -> Value {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let def = r.trim_start_matches("#/definitions/");
            return self.value(root, &root["definitions"][def], def, depth + 1);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(options) = schema.get(key).and_then(Value::as_array) {
                let option = self.rng.pick(options);
                return self.value(root, option, name, depth + 1);
            }
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            return self.value(root, &all[0], name, depth + 1);
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            return self.rng.pick(options).clone();
        }
        let ty = match &schema["type"] {
            Value::String(t) => t.clone(),
            Value::Array(ts) => {
                let non_null: Vec<_> = ts.iter().filter(|t| *t != "null").collect();
                if non_null.is_empty() || self.rng.chance(25) {
                    "null".into()
                } else {
                    self.rng
                        .pick(&non_null)
                        .as_str()
                        .unwrap_or("null")
                        .to_string()
                }
            }
            _ => "null".into(),
        };
        match ty.as_str() {
            "object" => self.object(root, schema, depth),
            "array" if depth > 12 => json!([]),
            "array" => {
                let n = *self.rng.pick(&[0usize, 1, 1, 2, 3, 31]);
                (0..n)
                    .map(|_| self.value(root, &schema["items"], name, depth + 1))
                    .collect()
            }
            "string" => self.string(name),
            "integer" => json!(*self.rng.pick(INTEGERS)),
            "number" => json!(*self.rng.pick(INTEGERS)),
            "boolean" => json!(self.rng.chance(50)),
            _ => Value::Null,
        }
    }

    fn object(&mut self, root: &Value, schema: &Value, depth: u32) -> Value {
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Map::new();
        if let Some(props) = schema["properties"].as_object() {
            for (k, v) in props {
                let wanted = required.contains(&k.as_str()) || self.rng.chance(60);
                if wanted && depth < 14 {
                    out.insert(k.clone(), self.value(root, v, k, depth + 1));
                }
            }
        }
        if self.rng.chance(3) {
            out.insert("unknown_field".into(), json!(1));
        }
        Value::Object(out)
    }

    fn string(&mut self, name: &str) -> Value {
        let s = match name {
            "Uint128" | "Uint64" | "Uint256" => self.rng.pick(NUMBERS).to_string(),
            "Decimal" | "Decimal256" => self.rng.pick(DECIMALS).to_string(),
            "Binary" | "msg" => return json!(self.binary()),
            _ if self.rng.chance(60) => self.rng.pick(&self.s.addresses).clone(),
            _ => self.rng.pick(STRINGS).to_string(),
        };
        json!(s)
    }

    /// Base64 of a hook payload from the schema, or of anything.
    fn binary(&mut self) -> String {
        let bytes = if !self.s.hooks.is_empty() && self.rng.chance(80) {
            let hook = self.rng.pick(&self.s.hooks).clone();
            serde_json::to_vec(&self.value(&hook, &hook, "", 1)).expect("json")
        } else {
            garbage(self.rng)
        };
        Binary::from(bytes).to_base64()
    }

    fn message(&mut self, kind: &str) -> Vec<u8> {
        let root = self.s.doc[kind].clone();
        let v = self.value(&root, &root, "", 0);
        serde_json::to_vec(&v).expect("json")
    }
}

/// Arbitrary bytes, sometimes shaped like JSON.
fn garbage(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(64);
    let alphabet = b"{}[]\":,0123456789abcdefz -\\\x00\xff";
    (0..n)
        .map(|_| match rng.chance(50) {
            true => *rng.pick(alphabet),
            false => rng.next() as u8,
        })
        .collect()
}

/// `valid`, damaged: a byte flipped, or cut short.
fn damaged(rng: &mut Rng, mut valid: Vec<u8>) -> Vec<u8> {
    if valid.is_empty() {
        return garbage(rng);
    }
    let i = rng.below(valid.len());
    match rng.chance(50) {
        true => valid[i] ^= 1 << rng.below(8),
        false => valid.truncate(i),
    }
    valid
}

/// The deployed suite, with live state.
struct Suite {
    chain: Chain,
    cache: Rc<ModuleCache>,
    vault: String,
    staking: String,
    socializer: String,
    gov: String,
    users: Vec<String>,
}

fn ok(called: VmResult<Called<Response>>, what: &str) {
    let called = called.unwrap_or_else(|e| panic!("{what}: VM error {e}"));
    if let cosmwasm_std::ContractResult::Err(e) = called.result {
        panic!("{what}: {e}");
    }
}

fn deploy() -> Suite {
    let cache = Rc::new(ModuleCache::new().expect("module cache"));
    let mut chain = Chain::new();
    let (vault, staking, socializer) = (
        contract_addr("vault"),
        contract_addr("staking"),
        contract_addr("socializer"),
    );
    let market = contract_addr("market");
    let gov = wallet_addr("gov");
    let users: Vec<String> = ["alice", "bob"].iter().map(|n| wallet_addr(n)).collect();
    for (addr, name) in [
        (&vault, "fund_vault"),
        (&staking, "staking_rewards"),
        (&socializer, "loss_socializer"),
    ] {
        let wasm = read_artifact(name);
        let checksum = cache.store(&wasm).expect("upload checks");
        chain.add_cached(addr, wasm, cache.clone(), checksum);
    }
    let info = |s: &str| message_info(&Addr::unchecked(s), &[]);
    let vault_msg = json!({
        "owner": gov, "asset": {"native": {"denom": DENOM}},
        "share_token": {"name": "Backstop USDC", "symbol": "bsUSDC", "decimals": 6},
        "params": {"cooldown_seconds": 604800, "exit_window_seconds": 172800,
                   "max_open_unlocks": 5, "max_payout_fraction": "0.5",
                   "min_reserve": "1000", "notice_seconds": null},
        "guardian": null, "claimants": [], "slash_sources": [], "slash_claimant": null
    });
    ok(
        chain.contract(&vault).instantiate(&info(&gov), &vault_msg),
        "vault",
    );
    let staking_msg = json!({
        "owner": gov, "staking_token": vault,
        "params": {"unbonding_seconds": 604800, "max_slash_ratio": "0.5",
                   "max_open_unbondings": 5, "slashers": [], "reward_funders": null,
                   "guardian": null, "notice_seconds": null},
        "reward_assets": [{"native": {"denom": "ufee"}}]
    });
    ok(
        chain
            .contract(&staking)
            .instantiate(&info(&gov), &staking_msg),
        "staking",
    );
    let socializer_msg = json!({
        "owner": gov, "vault": vault, "staking": staking,
        "layers": [{"staker_slash": {"max_ratio": "0.5"}}, {"vault": {"max_fraction": "0.5"}},
                   {"trader_profit_haircut": {"max_ratio": "0.2"}}, {"lp_haircut": {"max_ratio": "0.1"}}],
        "timelock_seconds": 604800,
        "limits": {"window_seconds": 86400, "market_defaults": {}},
        "markets": [{"id": "btc-perp", "reporter": market, "recipient": market,
                                     "exposure_ceiling": "1000000000000000", "limits": null}]
    });
    ok(
        chain
            .contract(&socializer)
            .instantiate(&info(&gov), &socializer_msg),
        "socializer",
    );
    let mut suite = Suite {
        chain,
        cache,
        vault,
        staking,
        socializer,
        gov,
        users,
    };
    suite.wire(&market);
    suite
}

impl Suite {
    fn sudo(&mut self, contract: &str, msg: Value) {
        let c = self.chain.contract(contract);
        ok(c.sudo(&msg), &format!("sudo {msg}"));
    }

    fn run(&mut self, contract: &str, sender: &str, funds: &[Coin], msg: Value) {
        let c = contract.to_string();
        self.chain
            .execute(&c, sender, funds, &msg)
            .unwrap_or_else(|e| panic!("{msg}: {e}"));
    }

    /// Wiring and live state: deposits, a stake, a reward stream.
    fn wire(&mut self, market: &str) {
        let (vault, staking, socializer) = (
            self.vault.clone(),
            self.staking.clone(),
            self.socializer.clone(),
        );
        self.sudo(
            &staking,
            json!({"update_params": {"slashers": [socializer]}}),
        );
        self.sudo(
            &vault,
            json!({"set_claimant": {"address": socializer, "limits": {
                "lifetime_cap": "1000000000000000", "window_cap": "1000000000000",
                "window_seconds": 86400}}}),
        );
        self.sudo(
            &vault,
            json!({"set_slash_sources": {"addresses": [staking], "claimant": socializer}}),
        );
        for user in self.users.clone() {
            let deposit = json!({"deposit": {"recipient": null, "min_shares": null}});
            self.run(&vault, &user, &coins(5_000_000_000, DENOM), deposit);
            let stake = json!({"send": {"contract": staking, "amount": "1000000000",
                "msg": Binary::from(br#"{"stake":{}}"#.to_vec())}});
            self.run(&vault, &user, &[], stake);
        }
        let fund = json!({"fund_rewards": {"mode": {"stream": {"period_seconds": 864000}}}});
        let gov = self.gov.clone();
        self.run(&staking, &gov, &coins(1_000_000, "ufee"), fund);
        self.chain.advance(3600);
        let _ = market;
    }
}

/// Queries of `s` that take no argument.
fn plain_queries(s: &Schema) -> Vec<Value> {
    s.doc["query"]["oneOf"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|variant| {
            let name = variant["required"][0].as_str()?;
            let inner = &variant["properties"][name];
            let needs = inner["required"].as_array().map_or(0, Vec::len);
            (needs == 0).then(|| json!({ name: {} }))
        })
        .collect()
}

fn answer(c: &mut VmContract, q: &Value) -> Result<Value, String> {
    let called = c.query(q).map_err(|e| format!("VM error {e}"))?;
    let bytes = called.result.into_result()?;
    serde_json::from_slice(bytes.as_slice()).map_err(|e| e.to_string())
}

fn amount(v: &Value) -> u128 {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(u128::MAX)
}

/// The contract's invariants, checked after every success.
fn check_invariants(c: &mut VmContract, which: &str, queries: &[Value]) -> Result<(), String> {
    for q in queries {
        answer(c, q).map_err(|e| format!("query {q} fails after a success: {e}"))?;
    }
    match which {
        "fund-vault" => {
            let total = answer(c, &json!({"total_shares": {}}))?;
            let info = answer(c, &json!({"token_info": {}}))?;
            if amount(&total) != amount(&info["total_supply"]) {
                return Err(format!("share supply {total} != token info {info}"));
            }
        }
        "staking-rewards" => {
            let t = answer(c, &json!({"totals": {}}))?;
            let held = amount(&t["bonded_tokens"]).saturating_add(amount(&t["unbonding_tokens"]));
            if held > amount(&t["total_tokens"]) {
                return Err(format!("bonded + unbonding exceed the total: {t}"));
            }
        }
        _ => {
            answer(c, &json!({"health": {"start_after": null, "limit": null}}))?;
        }
    }
    Ok(())
}

/// One fuzzed call: which entry point, from whom, with what.
#[derive(Debug)]
struct Input {
    entry: &'static str,
    sender: String,
    funds: Vec<Coin>,
    bytes: Vec<u8>,
    structured: bool,
}

fn draw(rng: &mut Rng, gen_schema: &Schema, senders: &[String]) -> Input {
    let entry = *rng.pick(&[
        "execute",
        "execute",
        "execute",
        "execute",
        "query",
        "query",
        "sudo",
        "sudo",
        "migrate",
        "instantiate",
    ]);
    let mut g = Gen { rng, s: gen_schema };
    let valid = g.message(entry);
    let (bytes, structured) = match rng.below(10) {
        0 => (garbage(rng), false),
        1 => (damaged(rng, valid), false),
        _ => (valid, true),
    };
    let sender = rng.pick(senders).clone();
    let funds = match rng.below(4) {
        0 => vec![coin(1 + rng.next() as u128 % 10_000_000_000, DENOM)],
        1 => vec![coin(1 + rng.next() as u128 % 1_000_000, "ufee")],
        _ => vec![],
    };
    Input {
        entry,
        sender,
        funds,
        bytes,
        structured,
    }
}

/// Calls `input` on `c`; `Ok(true)` when the contract accepted it.
/// One call, as a chain runs it: a refused call's writes are undone (a
/// failed transaction reverts), so the state checked next is the one a
/// chain would hold.
fn call(c: &mut VmContract, input: &Input) -> Result<bool, String> {
    c.begin();
    let accepted = call_once(c, input);
    match accepted {
        Ok(true) => c.commit(),
        _ => c.rollback(),
    }
    accepted
}

fn call_once(c: &mut VmContract, input: &Input) -> Result<bool, String> {
    let info = message_info(&Addr::unchecked(&input.sender), &input.funds);
    let bytes = input.bytes.as_slice();
    let vm_err = |e: cosmwasm_vm::VmError| format!("VM error (a panic or an abort): {e}");
    let accepted = match input.entry {
        "execute" => c.execute_raw(&info, bytes).map(|r| r.result.is_ok()),
        "sudo" => c.sudo_raw(bytes).map(|r| r.result.is_ok()),
        "migrate" => c.migrate_raw(bytes).map(|r| r.result.is_ok()),
        "query" => c.query_raw(bytes).map(|r| r.result.is_ok()),
        _ => c.instantiate_raw(&info, bytes).map(|r| r.result.is_ok()),
    }
    .map_err(vm_err)?;
    Ok(accepted)
}

fn fuzz(seed: u64, suite: &mut Suite, dir: &'static str, addr: &str, budget: Duration) {
    // each contract draws from its own generator, so that a seed replays
    // a contract's inputs whatever the others ran
    let rng = &mut Rng(seed ^ fxhash(dir));
    let mut s = schema(dir);
    s.addresses = vec![
        suite.vault.clone(),
        suite.staking.clone(),
        suite.socializer.clone(),
        suite.gov.clone(),
        contract_addr("market"),
        suite.users[0].clone(),
        wallet_addr("stranger"),
        "not-an-address".into(),
    ];
    let senders = s.addresses[..7].to_vec();
    // the queries that answer in the live state must keep answering
    let c = suite.chain.contract(addr);
    let queries: Vec<Value> = plain_queries(&s)
        .into_iter()
        .filter(|q| answer(c, q).is_ok())
        .collect();
    assert!(queries.len() >= 3, "{dir}: too few plain queries");
    check_invariants(c, dir, &queries).unwrap_or_else(|e| panic!("{dir} before fuzzing: {e}"));
    let (mut calls, mut accepted, mut bytes_calls) = (0u64, 0u64, 0u64);
    let name = match dir {
        "fund-vault" => "fund_vault",
        "staking-rewards" => "staking_rewards",
        _ => "loss_socializer",
    };
    let wasm = read_artifact(name);
    let checksum = suite.cache.store(&wasm).expect("upload checks");
    let started = Instant::now();
    while started.elapsed() < budget {
        let input = draw(rng, &s, &senders);
        // instantiate runs on a fresh contract: the deployed one keeps its state
        let mut fresh;
        let c = match input.entry {
            "instantiate" => {
                fresh =
                    VmContract::new(wasm.clone(), &[]).with_cache(suite.cache.clone(), checksum);
                &mut fresh
            }
            _ => suite.chain.contract(addr),
        };
        let shown = String::from_utf8_lossy(&input.bytes).to_string();
        let ok = call(c, &input)
            .unwrap_or_else(|e| panic!("{dir} call {calls} {input:?} ({shown}): {e}"));
        calls += 1;
        if !input.structured {
            bytes_calls += 1;
            // JSON to either parser: the contracts' serde-json-wasm also
            // takes raw control characters inside strings
            let json_ok = serde_json::from_slice::<Value>(&input.bytes).is_ok()
                || cosmwasm_std::from_json::<Value>(&input.bytes).is_ok();
            assert!(
                !ok || json_ok,
                "{dir} call {calls}: accepted bytes that are not JSON: {:?}",
                input.bytes
            );
        }
        if ok {
            accepted += 1;
            if input.entry != "query" && input.entry != "instantiate" {
                check_invariants(c, dir, &queries)
                    .unwrap_or_else(|e| panic!("{dir} after {shown}: {e}"));
            }
        }
    }
    println!(
        "fuzz {dir}: {calls} calls in {:.1}s ({accepted} accepted, {bytes_calls} of bytes)",
        started.elapsed().as_secs_f64()
    );
    assert!(accepted > 0, "{dir}: nothing was ever accepted");
}

/// A stable hash of a name (FNV-1a), never zero.
fn fxhash(name: &str) -> u64 {
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    h | 1
}

#[test]
fn the_contracts_json_parser_takes_a_raw_control_character_inside_a_string() {
    // why the bytes check asks both parsers: a fuzzed input once had one
    let bytes = b"{\"a\":\"x\x01y\"}";
    assert!(serde_json::from_slice::<Value>(bytes).is_err());
    assert!(cosmwasm_std::from_json::<Value>(bytes).is_ok());
}

#[test]
fn no_input_to_any_entry_point_panics_or_breaks_an_invariant() {
    let seconds: u64 = std::env::var("BACKSTOP_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let seed: u64 = std::env::var("BACKSTOP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    println!("fuzz seed {seed} (BACKSTOP_FUZZ_SEED={seed} replays it)");
    let mut suite = deploy();
    let budget = Duration::from_secs(seconds);
    let targets = [
        ("fund-vault", suite.vault.clone()),
        ("staking-rewards", suite.staking.clone()),
        ("loss-socializer", suite.socializer.clone()),
    ];
    for (dir, addr) in targets {
        fuzz(seed, &mut suite, dir, &addr, budget);
    }
}
