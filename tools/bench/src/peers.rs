//! The peers users would otherwise pick, measured in the same VM the same
//! way: cw20-base 2.0.0, DAO DAO's cw20-stake 2.6.0 and its
//! cw20-stake-external-rewards 2.6.0 distributor, which is fed by a
//! stake-change hook (so one stake costs both contracts). They are built by
//! `scripts/build-peers.sh` into `artifacts/peers/`; their messages are
//! written as JSON because their crates use another cosmwasm-std.

use std::path::PathBuf;

use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, to_json_binary, Addr};
use serde_json::json;
use vm_harness::chain::{Chain, Run};

use crate::ours::{contract, wallet};

/// A peer operation's figures.
pub struct PeerRow {
    /// What was measured.
    pub op: &'static str,
    /// SDK gas, without wasmd's per-call overhead.
    pub gas: u64,
    /// Smart queries made.
    pub smart_queries: u64,
}

/// Where the peer artifacts are.
pub fn dir() -> PathBuf {
    vm_harness::artifacts_dir().join("peers")
}

fn wasm(name: &str) -> Vec<u8> {
    let path = dir().join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}. Build the peers first: scripts/build-peers.sh",
            path.display()
        )
    })
}

fn ok(run: Result<Run, String>, what: &str) -> Run {
    run.unwrap_or_else(|e| panic!("peer {what}: {e}"))
}

fn nth(run: &Run, i: usize, op: &'static str) -> PeerRow {
    let e = run
        .executions
        .get(i)
        .unwrap_or_else(|| panic!("{op}: execution {i} did not run"));
    crate::breakdown(op, run);
    PeerRow {
        op,
        gas: e.sdk.total(),
        smart_queries: e.smart_queries,
    }
}

/// A real stake: the token's `Send` moves the tokens and calls the hook.
fn send_stake(stake: &str, amount: u64) -> serde_json::Value {
    json!({"send": {"contract": stake, "amount": amount.to_string(), "msg": to_json_binary(&json!({"stake": {}})).unwrap()}})
}

/// Measures every peer operation the targets compare with.
pub fn measure() -> Vec<PeerRow> {
    let (gov, alice, bob) = (wallet("gov"), wallet("alice"), wallet("bob"));
    let (token, stake, rewards) = (
        contract("peer-token"),
        contract("peer-stake"),
        contract("peer-rewards"),
    );
    let mut chain = Chain::new();
    chain.add(&token, wasm("cw20_base"));
    chain.add(&stake, wasm("cw20_stake"));
    chain.add(&rewards, wasm("cw20_stake_external_rewards"));
    let init =
        |chain: &mut Chain, c: &str, msg: serde_json::Value, funds: &[cosmwasm_std::Coin]| {
            chain
                .contract(c)
                .instantiate(&message_info(&Addr::unchecked(&gov), funds), &msg)
                .expect("peer instantiate")
                .result
                .into_result()
                .unwrap_or_else(|e| panic!("instantiate peer {c}: {e}"));
        };
    init(
        &mut chain,
        &token,
        json!({"name": "Token", "symbol": "TKN", "decimals": 6, "mint": null, "marketing": null,
               "initial_balances": [{"address": alice, "amount": "1000000000000"}, {"address": bob, "amount": "1000000000000"}]}),
        &[],
    );
    let mut rows = vec![];
    let run = ok(
        chain.execute(
            &token,
            &alice,
            &[],
            &json!({"transfer": {"recipient": bob, "amount": "1000"}}),
        ),
        "transfer",
    );
    rows.push(nth(&run, 0, "cw20-base transfer"));

    init(
        &mut chain,
        &stake,
        json!({"owner": gov, "token_address": token, "unstaking_duration": {"time": 86_400}}),
        &[],
    );
    init(
        &mut chain,
        &rewards,
        json!({"owner": gov, "staking_contract": stake, "reward_token": {"native": "ufee"}, "reward_duration": 100_000}),
        &[],
    );
    ok(
        chain.execute(&stake, &gov, &[], &json!({"add_hook": {"addr": rewards}})),
        "add hook",
    );
    ok(
        chain.execute(
            &rewards,
            &gov,
            &coins(1_000_000_000, "ufee"),
            &json!({"fund": {}}),
        ),
        "fund",
    );
    ok(
        chain.execute(&token, &bob, &[], &send_stake(&stake, 1_000_000)),
        "first stake",
    );
    chain.advance(60);

    // executions: token Send, stake contract's Receive, then the hook
    let run = ok(
        chain.execute(&token, &alice, &[], &send_stake(&stake, 5_000_000)),
        "stake",
    );
    rows.push(nth(&run, 1, "cw20-stake stake"));
    rows.push(nth(
        &run,
        2,
        "external-rewards stake-change hook (on stake)",
    ));
    chain.advance(60);
    let run = ok(
        chain.execute(&rewards, &alice, &[], &json!({"claim": {}})),
        "rewards claim",
    );
    rows.push(nth(&run, 0, "external-rewards claim"));
    let run = ok(
        chain.execute(
            &stake,
            &alice,
            &[],
            &json!({"unstake": {"amount": "2000000"}}),
        ),
        "unstake",
    );
    rows.push(nth(&run, 0, "cw20-stake unstake"));
    rows.push(nth(
        &run,
        1,
        "external-rewards stake-change hook (on unstake)",
    ));
    chain.advance(86_400);
    let run = ok(
        chain.execute(&stake, &alice, &[], &json!({"claim": {}})),
        "claim",
    );
    rows.push(nth(&run, 0, "cw20-stake claim"));
    rows
}
