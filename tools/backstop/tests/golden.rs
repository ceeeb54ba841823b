//! The golden scenario (tests/scenarios/golden.toml), with every outcome
//! worked out by hand below, on both engines; and the JSON result checked
//! against the contracts' own queries.
//!
//! The VM engine needs the optimized artifacts (scripts/build-artifacts.sh).
//!
//! Hand computation (6 decimals; T = 10^6 base units per token):
//! * funds deposit 10,000,000 T first: 10^13 shares, 1,000 of them dead
//!   (held by the vault), so funds hold 10^13 − 1,000.
//! * lps deposit 2,000,000 T at price 1 (2·10^12 shares) and stake them.
//! * the claim at 1h has nothing unbonding: refused, nothing moves.
//! * the shortfall of 12,000,000 T (profit 8,000,000 T, pool 20,000,000 T):
//!   - stakers: 50% of the stake (the layer's and the staking contract's
//!     cap) = 10^12 shares, redeemed at price 1 = 1,000,000 T; the vault is
//!     left with 11·10^12 assets and shares;
//!   - vault: 50% of 11,000,000 T = 5,500,000 T; price 5.5/11 = 0.5;
//!   - traders: min(5,500,000 / 8,000,000, 20%) = 20% → 1,600,000 T;
//!   - LPs: min(3,900,000 / 20,000,000, 10%) = 10% → 2,000,000 T;
//!   - residual and bad debt: 1,900,000 T.
//! * the recovery of 2,000,000 T repays the bad debt (1,900,000 T) first,
//!   then 100,000 T of the 1,600,000 T of trader haircuts; nothing is
//!   refunded.

use std::path::Path;

use backstop::engine::{self, EngineKind};
use backstop::sim::SimResult;
use backstop::{Deployment, Scenario};
use backstop_types::{fund_vault, socializer, staking};
use cosmwasm_std::{from_json, to_json_vec, Decimal, Uint128};
use serde::de::DeserializeOwned;
use serde_json::Value;

const T: u128 = 1_000_000;

/// The golden scenario, with its asset a cw20 token when `cw20`.
fn golden(cw20: bool) -> Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/golden.toml");
    let mut text = std::fs::read_to_string(path).expect("the golden scenario");
    if cw20 {
        text = text.replace("[asset]\n", "[asset]\nkind = \"cw20\"\n");
        assert!(text.contains("kind = \"cw20\""));
    }
    Scenario::parse(&text).expect("the golden scenario reads")
}

fn run(kind: EngineKind, cw20: bool) -> (SimResult, Deployment) {
    let engine = engine::create(kind).expect("engine");
    backstop::simulate(&golden(cw20), engine, false).expect("the golden scenario runs")
}

/// An account's balance of the asset: bank, or the cw20 token's answer.
fn asset_balance(d: &mut Deployment, addr: &str) -> u128 {
    match d.addresses.get("token").cloned() {
        None => d.engine.bank_balance(addr, "uusdc"),
        Some(_) => {
            let r: cw20::BalanceResponse = query(
                d,
                "token",
                &cw20::Cw20QueryMsg::Balance {
                    address: addr.to_string(),
                },
            );
            r.balance.u128()
        }
    }
}

fn query<T: DeserializeOwned, M: serde::Serialize>(
    d: &mut Deployment,
    contract: &str,
    msg: &M,
) -> T {
    let addr = d.addresses[contract].clone();
    let bin = d
        .engine
        .query(&addr, &to_json_vec(msg).unwrap())
        .expect("query");
    from_json(&bin).expect("response")
}

fn u(v: &Value) -> u128 {
    v.as_str()
        .unwrap_or_else(|| panic!("not an amount: {v}"))
        .parse()
        .unwrap()
}

fn check_outcomes(r: &SimResult, cw20: bool) {
    assert_eq!(r.events.len(), 3);
    let claim = &r.events[0];
    assert!(!claim.ok, "nothing was unbonding: the claim is refused");
    assert!(claim.error.is_some());
    assert_eq!(
        claim.executions, 0,
        "a refused transaction counts no execution"
    );
    assert_eq!(
        claim.state, r.setup.state,
        "a refused transaction moves nothing"
    );

    let e = &r.events[1];
    assert!(e.ok, "{:?}", e.error);
    // socializer, staking, vault; a cw20 asset adds the token's transfer
    // of the cover to the market
    assert_eq!(e.executions, if cw20 { 4 } else { 3 });
    let s = e.shortfall.as_ref().expect("a shortfall record");
    assert_eq!(s.report_id, Some(1));
    assert_eq!(s.reported.u128(), 12_000_000 * T);
    assert_eq!(s.accepted.u128(), 12_000_000 * T);
    assert_eq!(s.unbacked.u128(), 0);
    assert_eq!(s.stakers.u128(), 1_000_000 * T);
    assert_eq!(s.slashed_tokens.u128(), 1_000_000 * T);
    assert_eq!(s.vault.u128(), 5_500_000 * T);
    assert_eq!(s.traders.u128(), 1_600_000 * T);
    assert_eq!(s.trader_ratio, Decimal::percent(20));
    assert_eq!(s.lps.u128(), 2_000_000 * T);
    assert_eq!(s.lp_ratio, Decimal::percent(10));
    assert_eq!(s.residual.u128(), 1_900_000 * T);
    assert_eq!(s.bad_debt.u128(), 1_900_000 * T);
    // the record's amounts are the socializer's own response data
    let o = s.outcome.as_ref().expect("the socializer's outcome");
    assert_eq!(o.residual, s.residual);
    assert_eq!(o.layers.len(), 4);
    assert_eq!(
        o.layers.iter().map(|l| l.amount.u128()).sum::<u128>() + o.residual.u128(),
        o.amount.u128(),
        "the layers and the residual add up to the loss"
    );
    let st = &e.state;
    assert_eq!(st.vault_assets.u128(), 5_500_000 * T);
    assert_eq!(st.vault_shares.u128(), 11_000_000 * T);
    assert_eq!(st.share_price, Decimal::percent(50));
    assert_eq!(st.staked_tokens.u128(), 1_000_000 * T);
    assert_eq!(st.staked_value.u128(), 500_000 * T);
    assert_eq!(st.trader_haircuts.u128(), 1_600_000 * T);
    assert_eq!(st.lp_haircuts.u128(), 2_000_000 * T);
    assert_eq!(st.bad_debt.u128(), 1_900_000 * T);

    let rec = r.events[2].recovery.as_ref().expect("a recovery record");
    assert_eq!(rec.to_debt.u128(), 1_900_000 * T);
    assert_eq!(rec.to_haircuts.u128(), 100_000 * T);
    assert_eq!(rec.refunded.u128(), 0);
    assert_eq!(r.events[2].state.bad_debt.u128(), 0);

    // final balances
    let b = &r.final_state.balances;
    assert_eq!(
        b["market:btc-perp"].asset.u128(),
        (1_000_000 + 5_500_000 + 2_000_000) * T
    );
    assert_eq!(b["contract:vault"].asset.u128(), 5_500_000 * T);
    assert_eq!(b["contract:vault"].shares.u128(), 1_000, "the dead shares");
    assert_eq!(b["contract:staking"].shares.u128(), 1_000_000 * T);
    assert_eq!(b["underwriter:funds"].shares.u128(), 10_000_000 * T - 1_000);
    assert_eq!(b["staker:lps"].shares.u128(), 0);
    assert_eq!(
        b["contract:socializer"].asset.u128(),
        0,
        "the socializer holds nothing"
    );

    // gains and losses
    let gain = |group: &str, name: &str| -> i128 {
        r.actors
            .iter()
            .find(|a| a.group == group && a.name == name)
            .unwrap_or_else(|| panic!("no outcome for {group} {name}"))
            .gain
            .parse()
            .unwrap()
    };
    // funds' shares are worth (10^13 − 1,000) × 0.5
    assert_eq!(
        gain("underwriters", "funds"),
        -(5_000_000 * T as i128) - 500
    );
    assert_eq!(gain("stakers", "lps"), -(1_500_000 * T as i128));
    assert_eq!(gain("traders", "btc-perp"), -(1_500_000 * T as i128));
    assert_eq!(gain("lps", "btc-perp"), -(2_000_000 * T as i128));
    assert_eq!(gain("market", "btc-perp"), 0);
    assert_eq!(gain("treasury", "treasury"), -(2_000_000 * T as i128));

    let t = &r.totals;
    assert_eq!(t.shortfalls, 1);
    assert_eq!(t.failed, 1);
    assert_eq!(
        (t.stakers + t.vault + t.traders + t.lps + t.residual).u128(),
        12_000_000 * T
    );
}

/// Every figure of the JSON result that the contracts can be asked about
/// equals their answer now.
fn check_json_against_queries(r: &SimResult, d: &mut Deployment) {
    let j: Value = serde_json::to_value(r).expect("json");
    let f = &j["final_state"];

    let price: fund_vault::SharePriceResponse =
        query(d, "vault", &fund_vault::QueryMsg::SharePrice {});
    assert_eq!(f["vault"], serde_json::to_value(&price).unwrap());
    let assets: Uint128 = query(d, "vault", &fund_vault::QueryMsg::TotalAssets {});
    let last = &j["events"][2]["state"];
    assert_eq!(u(&last["vault_assets"]), assets.u128());
    let shares: Uint128 = query(d, "vault", &fund_vault::QueryMsg::TotalShares {});
    assert_eq!(u(&last["vault_shares"]), shares.u128());
    assert_eq!(
        last["share_price"].as_str().unwrap(),
        Decimal::from_ratio(assets, shares).to_string()
    );

    let totals: staking::TotalsResponse = query(d, "staking", &staking::QueryMsg::Totals {});
    assert_eq!(f["staking"], serde_json::to_value(&totals).unwrap());
    assert_eq!(u(&last["staked_tokens"]), totals.total_tokens.u128());
    let staked_value: Uint128 = query(
        d,
        "vault",
        &fund_vault::QueryMsg::ConvertToAssets {
            amount: totals.total_tokens,
        },
    );
    assert_eq!(u(&last["staked_value"]), staked_value.u128());

    let market: socializer::Market = query(
        d,
        "socializer",
        &socializer::QueryMsg::Market {
            id: "btc-perp".into(),
        },
    );
    assert_eq!(
        f["markets"][0]["record"],
        serde_json::to_value(&market).unwrap()
    );
    assert_eq!(u(&last["bad_debt"]), market.bad_debt.u128());
    assert_eq!(
        u(&last["trader_haircuts"]),
        market.totals.trader_haircut.u128()
    );
    assert_eq!(u(&last["lp_haircuts"]), market.totals.lp_haircut.u128());

    // the shortfall's layers as the socializer recorded them
    let haircuts: socializer::HaircutsResponse = query(
        d,
        "socializer",
        &socializer::QueryMsg::Haircuts {
            market_id: "btc-perp".into(),
            since_seq: 0,
            limit: None,
        },
    );
    let h = &haircuts.records[0];
    let s = &j["events"][1]["shortfall"];
    assert_eq!(u(&s["stakers"]), h.staker_amount.u128());
    assert_eq!(u(&s["vault"]), h.vault_amount.u128());
    assert_eq!(u(&s["traders"]), h.trader_amount.u128());
    assert_eq!(u(&s["lps"]), h.lp_amount.u128());
    assert_eq!(u(&s["residual"]), h.residual.u128());
    assert_eq!(
        s["trader_ratio"].as_str().unwrap(),
        h.trader_ratio.to_string()
    );
    assert_eq!(s["lp_ratio"].as_str().unwrap(), h.lp_ratio.to_string());

    // every account's balances
    let balances = f["balances"].as_object().expect("balances");
    assert!(
        balances.len() >= 8,
        "actors, market and contracts: {balances:?}"
    );
    for (key, b) in balances {
        let addr = b["address"].as_str().unwrap().to_string();
        let held = asset_balance(d, &addr);
        assert_eq!(u(&b["asset"]), held, "{key}'s asset");
        let shares: cw20::BalanceResponse =
            query(d, "vault", &fund_vault::QueryMsg::Balance { address: addr });
        assert_eq!(u(&b["shares"]), shares.balance.u128(), "{key}'s shares");
    }
    let staker: staking::StakerResponse = query(
        d,
        "staking",
        &staking::QueryMsg::Staker {
            address: d.addresses["lps"].clone(),
        },
    );
    assert_eq!(f["stakers"]["lps"], serde_json::to_value(&staker).unwrap());
}

#[test]
fn the_golden_scenario_on_the_native_engine() {
    let (r, mut d) = run(EngineKind::Native, false);
    check_outcomes(&r, false);
    check_json_against_queries(&r, &mut d);
    assert_eq!(r.events[1].gas, None, "the native engine meters no gas");
}

#[test]
fn the_golden_scenario_with_a_cw20_asset_on_both_engines() {
    for kind in [EngineKind::Native, EngineKind::Vm] {
        let (r, mut d) = run(kind, true);
        assert!(d.addresses.contains_key("token"));
        check_outcomes(&r, true);
        check_json_against_queries(&r, &mut d);
    }
}

#[test]
fn the_golden_scenario_on_the_vm_engine() {
    let (r, mut d) = run(EngineKind::Vm, false);
    check_outcomes(&r, false);
    check_json_against_queries(&r, &mut d);
    let gas = r.events[1].gas.expect("the VM engine meters gas");
    assert!(
        (50_000..200_000).contains(&gas),
        "a four-layer report costs about 10^5 SDK gas (docs/GAS.md): {gas}"
    );
}
