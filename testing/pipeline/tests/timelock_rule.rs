//! One timelock rule for every change that shifts loss onto someone: the
//! staking contract's and the vault's own parameters wait too, and a
//! change waits past the exit of every party it can hurt, whatever the exit
//! periods did before it was queued.

mod suite;

use backstop_types::socializer::{GovMsg, Layer};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::{from_json, Decimal, Uint128};
use cw_multi_test::Executor;
use suite::{AssetKind, Pipeline, PipelineBuilder, WEEK};

fn raise_staking_cap(p: &mut Pipeline, ratio: u64) {
    let staking_addr = p.staking.clone();
    p.app
        .wasm_sudo(
            staking_addr,
            &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                max_slash_ratio: Some(Decimal::percent(ratio)),
                ..Default::default()
            }),
        )
        .unwrap();
}

fn layers_with_staker_cap(ratio: u64) -> Vec<Layer> {
    let mut layers = suite::default_layers();
    layers[0] = Layer::StakerSlash {
        max_ratio: Decimal::percent(ratio),
    };
    layers
}

fn unstake(p: &mut Pipeline, lp: usize, amount: u128) -> staking::UnstakeResponse {
    let (lp, staking_addr) = (p.lps[lp].clone(), p.staking.clone());
    let res = p
        .app
        .execute_contract(
            lp,
            staking_addr,
            &staking::ExecuteMsg::Unstake {
                amount: Uint128::new(amount),
            },
            &[],
        )
        .unwrap();
    from_json(res.data.expect("unstake data")).unwrap()
}

/// Bypass 2: raising the staking contract's own `max_slash_ratio` to 99%
/// made the next report slash 39,600 instead of 20,000, with no delay.
/// Seen failing before the staking contract queued its risk parameters.
#[test]
fn raising_the_staking_slash_cap_waits_for_the_stakers_to_leave() {
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .layers(layers_with_staker_cap(99))
        .build();
    raise_staking_cap(&mut p, 99);
    let (_, event) = p.try_report(100_000).unwrap();
    assert_eq!(
        event.slashed_tokens,
        Uint128::new(20_000),
        "the old 50% cap"
    );
    p.advance(WEEK + 1);
    let (_, event) = p.try_report(100_000).unwrap();
    assert_eq!(
        event.slashed_tokens,
        Uint128::new(19_800),
        "99% of the 20,000 left, in force after the unbonding"
    );
}

/// Bypass 2, the vault's side: cutting `max_payout_fraction` shifted the
/// vault's part onto traders at once. Seen failing before the vault queued
/// its risk parameters.
#[test]
fn cutting_the_vault_payout_fraction_waits_for_the_notice_period() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let before = p.simulate(200_000);
    let vault = p.vault.clone();
    p.app
        .wasm_sudo(
            vault,
            &fund_vault::GovMsg::UpdateParams(fund_vault::ParamsUpdate {
                max_payout_fraction: Some(Decimal::percent(1)),
                ..Default::default()
            }),
        )
        .unwrap();
    let after = p.report(200_000);
    assert_eq!(after.trader_haircut_ratio, before.trader_haircut_ratio);
    assert_eq!(after.residual, before.residual);
}

/// Bypass 2, the claimant's side: raising the socializer's claimant limits
/// at the vault raised the underwriters' share at once.
#[test]
fn raising_a_claimants_limits_waits_for_the_underwriters_to_leave() {
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .window_cap(10_000)
        .build();
    let (vault, socializer) = (p.vault.clone(), p.socializer.clone());
    p.app
        .wasm_sudo(
            vault,
            &fund_vault::GovMsg::SetClaimant(fund_vault::ClaimantMsg {
                address: socializer.to_string(),
                limits: fund_vault::ClaimantLimits {
                    lifetime_cap: Uint128::MAX,
                    window_cap: Uint128::MAX,
                    window_seconds: 24 * 3600,
                },
            }),
        )
        .unwrap();
    let (_, event) = p.try_report(200_000).unwrap();
    assert_eq!(event.vault, Uint128::new(10_000), "the old window cap");
}

/// Bypass 3: the timelock was checked against the unbonding period only
/// when the timelock was set. Governance lengthened unbonding to three
/// weeks, then queued a one-week change; stakers who unbonded as soon as
/// it was queued were still slashed when it took effect. Seen failing
/// before (release three weeks out, change in force after one).
#[test]
fn a_staker_who_unbonds_when_a_change_is_queued_leaves_before_it_applies() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let staking_addr = p.staking.clone();
    p.app
        .wasm_sudo(
            staking_addr,
            &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                unbonding_seconds: Some(3 * WEEK),
                ..Default::default()
            }),
        )
        .unwrap();
    p.sudo_socializer(GovMsg::SetLayers {
        layers: layers_with_staker_cap(90),
    })
    .unwrap();
    let eta = p.waterfall().pending_layers.expect("queued").eta;
    let leaving = unstake(&mut p, 1, 30_000);
    assert!(
        leaving.release_at < eta,
        "released at {} but the change is in force from {eta}",
        leaving.release_at
    );

    // and once the longer unbonding is in force, a change waits for it
    p.advance(eta - p.now());
    p.sudo_socializer(GovMsg::SetLayers {
        layers: layers_with_staker_cap(95),
    })
    .unwrap();
    let eta = p.waterfall().pending_layers.expect("queued").eta;
    let leaving = unstake(&mut p, 0, 1_000);
    assert_eq!(leaving.release_at, p.now() + 3 * WEEK);
    assert!(leaving.release_at < eta);
}

mod property {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        StakingCap(u64),
        Unbonding(u64),
        Layers(u64),
        VaultFraction(u64),
        Cooldown(u64),
        Unstake(usize, u128),
        Unlock(u128),
        Advance(u64),
        Report(u128),
    }

    fn op() -> impl Strategy<Value = Op> {
        let day = 24 * 3600;
        prop_oneof![
            (1u64..99).prop_map(Op::StakingCap),
            (1u64..30).prop_map(move |d| Op::Unbonding(d * day)),
            (1u64..100).prop_map(Op::Layers),
            (1u64..100).prop_map(Op::VaultFraction),
            (1u64..30).prop_map(move |d| Op::Cooldown(d * day)),
            (0usize..2, 1u128..3_000).prop_map(|(i, a)| Op::Unstake(i, a)),
            (1u128..5_000).prop_map(Op::Unlock),
            prop_oneof![Just(day), Just(WEEK), Just(WEEK + 1), 1u64..3 * WEEK]
                .prop_map(Op::Advance),
            (1u128..50_000).prop_map(Op::Report),
        ]
    }

    /// A queued change: when, in force from when, and whom it can hurt.
    struct Queued {
        at: u64,
        eta: u64,
        hurts: Vec<&'static str>,
    }

    /// Whom the change queued by `res` can hurt: the staking contract and
    /// the vault name them; a socializer layer change can hurt anyone.
    fn hurts_of(res: &cw_multi_test::AppResponse) -> Vec<&'static str> {
        use backstop_types::governance::timelock::ChangeQueuedEvent;
        match ChangeQueuedEvent::find(&res.events) {
            Some(e) => ["stakers", "underwriters"]
                .into_iter()
                .filter(|p| e.hurts.split(',').any(|h| h == *p))
                .collect(),
            None => vec!["stakers", "underwriters"],
        }
    }

    fn staking_params(p: &Pipeline) -> staking::Params {
        p.app
            .wrap()
            .query_wasm_smart(&p.staking, &staking::QueryMsg::Params {})
            .unwrap()
    }

    fn vault_params(p: &Pipeline) -> fund_vault::Params {
        p.app
            .wrap()
            .query_wasm_smart(&p.vault, &fund_vault::QueryMsg::Params {})
            .unwrap()
    }

    /// Every eta queued now, wherever it is stored.
    fn etas(p: &Pipeline) -> Vec<u64> {
        let w = p.waterfall();
        [
            staking_params(p).pending.map(|x| x.eta),
            vault_params(p).pending.map(|x| x.eta),
            w.pending_layers.map(|x| x.eta),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        /// No staker or underwriter who asked to leave before a change was
        /// queued is still in when it comes into force; and a change is in
        /// force from its eta without a transaction.
        #[test]
        fn nobody_who_asked_to_leave_before_a_change_bears_it(
            ops in prop::collection::vec(op(), 1..14),
        ) {
            let mut p = PipelineBuilder::new(AssetKind::Native).build();
            let (staking_addr, vault, underwriter) =
                (p.staking.clone(), p.vault.clone(), p.underwriter.clone());
            // (party, requested at, released at) of every exit request
            let mut exits: Vec<(&str, u64, u64)> = vec![];
            let mut queued: Vec<Queued> = vec![];
            for op in ops {
                let now = p.now();
                let before = etas(&p);
                let mut gov = None;
                match op {
                    Op::StakingCap(r) => {
                        gov = Some(p.app.wasm_sudo(staking_addr.clone(), &staking::GovMsg::UpdateParams(
                            staking::ParamsUpdate {
                                max_slash_ratio: Some(Decimal::percent(r)),
                                ..Default::default()
                            },
                        )).unwrap());
                    }
                    Op::Unbonding(s) => {
                        gov = Some(p.app.wasm_sudo(staking_addr.clone(), &staking::GovMsg::UpdateParams(
                            staking::ParamsUpdate { unbonding_seconds: Some(s), ..Default::default() },
                        )).unwrap());
                    }
                    Op::Layers(r) => {
                        gov = Some(p.sudo_socializer(GovMsg::SetLayers { layers: layers_with_staker_cap(r) }).unwrap());
                    }
                    Op::VaultFraction(r) => {
                        gov = Some(p.app.wasm_sudo(vault.clone(), &fund_vault::GovMsg::UpdateParams(
                            fund_vault::ParamsUpdate {
                                max_payout_fraction: Some(Decimal::percent(r)),
                                ..Default::default()
                            },
                        )).unwrap());
                    }
                    Op::Cooldown(s) => {
                        gov = Some(p.app.wasm_sudo(vault.clone(), &fund_vault::GovMsg::UpdateParams(
                            fund_vault::ParamsUpdate { cooldown_seconds: Some(s), ..Default::default() },
                        )).unwrap());
                    }
                    Op::Unstake(i, a) => {
                        let (lp, addr) = (p.lps[i].clone(), staking_addr.clone());
                        if let Ok(res) = p.app.execute_contract(lp, addr,
                            &staking::ExecuteMsg::Unstake { amount: Uint128::new(a) }, &[]) {
                            let r: staking::UnstakeResponse = from_json(res.data.unwrap()).unwrap();
                            exits.push(("stakers", now, r.release_at));
                        }
                    }
                    Op::Unlock(shares) => {
                        if let Ok(res) = p.app.execute_contract(underwriter.clone(), vault.clone(),
                            &fund_vault::ExecuteMsg::Unlock { shares: Uint128::new(shares) }, &[]) {
                            let r: fund_vault::UnlockResponse = from_json(res.data.unwrap()).unwrap();
                            exits.push(("underwriters", now, r.release_at));
                        }
                    }
                    Op::Advance(s) => p.advance(s),
                    Op::Report(a) => { let _ = p.try_report(a); }
                }
                // a change queued by this step
                for eta in etas(&p) {
                    if let (false, Some(res)) = (before.contains(&eta), &gov) {
                        queued.push(Queued { at: now, eta, hurts: hurts_of(res) });
                    }
                }
                // a change is in force from its eta: nothing due is shown pending
                let now = p.now();
                prop_assert!(etas(&p).iter().all(|e| *e > now), "a due change still shows pending");
            }
            for q in &queued {
                for (party, asked, released) in &exits {
                    if *asked <= q.at && q.hurts.contains(party) {
                        prop_assert!(
                            released < &q.eta,
                            "{party} asked to leave at {asked}, released at {released}, but a change queued at {} is in force from {}",
                            q.at, q.eta
                        );
                    }
                }
            }
        }
    }
}
