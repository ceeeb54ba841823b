//! The whole mutualization pipeline on cw-multi-test: vault, staking over
//! vault shares, loss socializer and a test exchange, with native and cw20
//! assets.

mod suite;

use backstop_types::fund_vault;
use backstop_types::params::ParamError;
use backstop_types::socializer::{GovMsg, Layer, LayerKind, RecoveryEvent, ShortfallOutcome};
use backstop_types::staking;
use cosmwasm_std::{Decimal, Uint128};
use cw_multi_test::Executor;
use suite::{AssetKind, PipelineBuilder, MARKET, WEEK};

const BOTH: [AssetKind; 2] = [AssetKind::Native, AssetKind::Cw20];

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

fn layer(o: &ShortfallOutcome, kind: LayerKind) -> Uint128 {
    o.layers
        .iter()
        .find(|l| l.layer == kind)
        .map(|l| l.amount)
        .unwrap_or_default()
}

#[test]
fn a_small_loss_is_absorbed_by_the_stakers_alone() {
    for kind in BOTH {
        let mut p = PipelineBuilder::new(kind).build();
        let underwriter = p.underwriter.clone();
        let exchange = p.exchange.clone();
        let underwriter_value = p.share_value(p.shares(&underwriter));
        let before = p.asset_balance(&exchange);

        let simulated = p.simulate(5_000);
        let (outcome, event) = p.try_report(5_000).unwrap();
        assert_eq!(simulated, outcome, "simulation equals execution");
        assert_eq!(layer(&outcome, LayerKind::StakerSlash), u(5_000));
        assert_eq!(outcome.layers[0].slashed_tokens, u(5_000));
        assert_eq!(
            (layer(&outcome, LayerKind::Vault), outcome.residual),
            (u(0), u(0))
        );
        assert_eq!((event.stakers, event.vault, event.seq), (u(5_000), u(0), 1));

        // the market received exactly the slashed shares' value, at once
        assert_eq!(p.asset_balance(&exchange) - before, 5_000);
        assert_eq!(p.staking_totals().total_tokens, u(35_000));
        // underwriters did not pay for the junior tranche's loss
        assert_eq!(p.share_value(p.shares(&underwriter)), underwriter_value);
        assert_eq!(
            (p.vault_total_assets(), p.vault_total_shares()),
            (195_000, 195_000)
        );
    }
}

#[test]
fn a_large_loss_runs_through_every_layer_and_leaves_bad_debt() {
    for kind in BOTH {
        let p = assert_the_large_loss_outcome(PipelineBuilder::new(kind).build());
        // the vault layer rode on the slash hook: one execution per contract
        assert_eq!(p.last_report_calls, ["socializer", "staking", "vault"]);
    }
}

#[test]
fn without_the_hook_link_the_vault_layer_is_a_separate_draw_with_the_same_outcome() {
    for kind in BOTH {
        let p =
            assert_the_large_loss_outcome(PipelineBuilder::new(kind).without_hook_cover().build());
        assert_eq!(
            p.last_report_calls,
            ["socializer", "staking", "vault", "vault"]
        );
    }
}

#[test]
fn a_vault_layer_before_the_staker_layer_draws_first_as_planned() {
    for kind in BOTH {
        let mut p = PipelineBuilder::new(kind)
            .layers(vec![
                Layer::Vault {
                    max_fraction: Decimal::percent(10),
                },
                Layer::StakerSlash {
                    max_ratio: Decimal::percent(50),
                },
            ])
            .build();
        let exchange = p.exchange.clone();
        let before = p.asset_balance(&exchange);
        let simulated = p.simulate(50_000);
        let outcome = p.report(50_000);
        assert_eq!(simulated, outcome, "simulation equals execution");
        // the vault draws 10% of its 200,000 first, so a share is worth
        // 0.9; stakers then lose half their 40,000 shares, worth 18,000
        assert_eq!(layer(&outcome, LayerKind::Vault), u(20_000));
        assert_eq!(outcome.layers[1].slashed_tokens, u(20_000));
        assert_eq!(layer(&outcome, LayerKind::StakerSlash), u(18_000));
        assert_eq!(outcome.residual, u(12_000));
        assert_eq!(p.asset_balance(&exchange) - before, 38_000);
        // no cover rides on the hook: it would run after the slash
        assert_eq!(
            p.last_report_calls,
            ["socializer", "vault", "staking", "vault"]
        );
    }
}

/// A 200,000 loss on the default pipeline: every layer and 20,000 bad debt.
fn assert_the_large_loss_outcome(mut p: suite::Pipeline) -> suite::Pipeline {
    let exchange = p.exchange.clone();
    let before = p.balances();
    let simulated = p.simulate(200_000);
    let outcome = p.report(200_000);
    assert_eq!(simulated, outcome);
    assert_eq!(layer(&outcome, LayerKind::StakerSlash), u(20_000));
    assert_eq!(layer(&outcome, LayerKind::Vault), u(90_000));
    assert_eq!(layer(&outcome, LayerKind::TraderProfitHaircut), u(20_000));
    assert_eq!(layer(&outcome, LayerKind::LpHaircut), u(50_000));
    assert_eq!(
        (outcome.trader_haircut_ratio, outcome.lp_haircut_ratio),
        (Decimal::percent(20), Decimal::percent(10))
    );
    assert_eq!((outcome.residual, outcome.bad_debt), (u(20_000), u(20_000)));

    // value is conserved: what left the vault is what the market received
    let after = p.balances();
    assert_eq!(
        p.asset_balance(&exchange)
            - before
                .assets
                .iter()
                .find(|(a, _)| *a == exchange.to_string())
                .unwrap()
                .1,
        110_000
    );
    assert_eq!(before.vault_assets - after.vault_assets, 110_000);
    assert_eq!(before.staked_tokens - after.staked_tokens, 20_000);
    let m = p.market();
    assert_eq!(
        (m.bad_debt, m.haircut_outstanding, m.seq),
        (u(20_000), u(20_000), 1)
    );
    // the exchange applied the haircuts to its totals
    let pool = p.pool();
    assert_eq!(
        (pool.total_profit, pool.lp_pool_value),
        (u(80_000), u(450_000))
    );
    p
}

#[test]
fn repeated_losses_compound_the_factors_and_keep_a_record_each() {
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .layers(vec![Layer::TraderProfitHaircut {
            max_ratio: Decimal::percent(10),
        }])
        .build();
    let first = p.report(10_000);
    let second = p.report(10_000);
    assert_eq!((first.seq, second.seq), (1, 2));
    assert_eq!(first.trader_haircut_ratio, Decimal::percent(10));
    // the second sees the first's haircut applied: 9_000 of 90_000 is 10%
    assert_eq!(second.trader_haircut_ratio, Decimal::percent(10));
    assert_eq!(
        second.trader_factor,
        backstop_types::socializer::Factor {
            epoch: 0,
            scale: 0,
            mantissa: u(81 * 10u128.pow(34)),
        }
    );
    let trader = p.traders[0].clone();
    assert_eq!(p.position(&trader).profit, u(32_400)); // 40_000 × 0.81
    let records: backstop_types::socializer::HaircutsResponse = p
        .app
        .wrap()
        .query_wasm_smart(
            &p.socializer,
            &backstop_types::socializer::QueryMsg::Haircuts {
                market_id: MARKET.into(),
                since_seq: 1,
                limit: None,
            },
        )
        .unwrap();
    assert_eq!(records.records.len(), 1);
    assert_eq!(records.records[0].seq, 2);
    assert_eq!(p.market().totals.trader_haircut, u(19_000));
}

#[test]
fn recoveries_repay_bad_debt_first_then_haircut_traders_pro_rata() {
    for kind in BOTH {
        let mut p = PipelineBuilder::new(kind).build();
        p.report(200_000); // residual 20_000, trader haircut 20_000 (20%)
        let (exchange, recoverer) = (p.exchange.clone(), p.recoverer.clone());
        let before = (p.asset_balance(&exchange), p.asset_balance(&recoverer));
        let res = p.recover(30_000).unwrap();
        let ev = RecoveryEvent::find(&res.events).unwrap();
        assert_eq!(
            (ev.to_debt, ev.to_haircuts, ev.refunded),
            (u(20_000), u(10_000), u(0))
        );
        assert_eq!(p.asset_balance(&exchange) - before.0, 30_000);
        assert_eq!(before.1 - p.asset_balance(&recoverer), 30_000);

        // each trader gets back half of their haircut
        let (t0, t1) = (p.traders[0].clone(), p.traders[1].clone());
        assert_eq!(
            p.position(&t0),
            test_exchange::PositionView {
                profit: u(32_000),
                recovered: u(4_000)
            }
        );
        assert_eq!(
            p.position(&t1),
            test_exchange::PositionView {
                profit: u(48_000),
                recovered: u(6_000)
            }
        );
        let paid = p.asset_balance(&t0);
        p.exchange_exec(&test_exchange::ExecuteMsg::Settle {
            trader: t0.to_string(),
        })
        .unwrap();
        assert_eq!(p.asset_balance(&t0) - paid, 36_000);

        // more than the traders are owed: their haircuts are repaid in
        // full, and the rest goes on to the LPs (owed 50,000)
        let res = p.recover(50_000).unwrap();
        let ev = RecoveryEvent::find(&res.events).unwrap();
        assert_eq!(
            (ev.to_debt, ev.to_haircuts, ev.to_lps, ev.refunded),
            (u(0), u(10_000), u(40_000), u(0))
        );
        assert_eq!(
            p.position(&t1),
            test_exchange::PositionView {
                profit: u(48_000),
                recovered: u(12_000)
            }
        );
    }
}

#[test]
fn a_risk_raising_change_waits_for_the_timelock() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let mut raised = suite::default_layers();
    raised[2] = Layer::TraderProfitHaircut {
        max_ratio: Decimal::percent(50),
    };
    p.sudo_socializer(GovMsg::SetLayers {
        layers: raised.clone(),
    })
    .unwrap();
    let pending = p.waterfall().pending_layers.expect("queued");
    // strictly past the longest exit: the underwriters' week of cooldown
    // and two-day exit window (the timelock and the unbonding are a week)
    let wait = WEEK + 2 * 24 * 3600;
    assert_eq!(pending.eta, p.now() + wait + 1);

    p.advance(wait);
    let o = p.report(200_000);
    assert_eq!(
        o.trader_haircut_ratio,
        Decimal::percent(20),
        "not in force before its delay"
    );

    p.advance(1);
    assert_eq!(p.waterfall().layers, raised);
    let o = p.report(100_000);
    assert!(
        o.trader_haircut_ratio > Decimal::percent(20),
        "in force after it"
    );
}

#[test]
fn a_risk_lowering_change_applies_at_once() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    // dropping the last layer raises no layer's share (only the residual)
    let lowered = suite::default_layers()[..3].to_vec();
    p.sudo_socializer(GovMsg::SetLayers {
        layers: lowered.clone(),
    })
    .unwrap();
    assert_eq!(p.waterfall().layers, lowered);
    assert!(p.waterfall().pending_layers.is_none());
    // the timelock can grow at once but only shrink through the timelock
    p.sudo_socializer(GovMsg::SetTimelock { seconds: 2 * WEEK })
        .unwrap();
    assert_eq!(p.waterfall().timelock_seconds, 2 * WEEK);
    p.sudo_socializer(GovMsg::SetTimelock { seconds: WEEK })
        .unwrap();
    assert_eq!(p.waterfall().timelock_seconds, 2 * WEEK);
    p.advance(2 * WEEK + 1);
    assert_eq!(p.waterfall().timelock_seconds, WEEK);
}

#[test]
fn cutting_an_earlier_layers_cap_waits_for_the_timelock() {
    // the vault's cap cut to zero shifts its part onto traders and LPs as
    // removing the vault layer would: it used to apply at once
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let before = p.simulate(200_000);
    let mut cut = suite::default_layers();
    cut[1] = Layer::Vault {
        max_fraction: Decimal::zero(),
    };
    p.sudo_socializer(GovMsg::SetLayers { layers: cut })
        .unwrap();
    assert!(
        p.waterfall().pending_layers.is_some(),
        "queued, not in force"
    );
    let o = p.report(200_000);
    assert_eq!(o.trader_haircut_ratio, before.trader_haircut_ratio);
    assert_eq!(o.residual, before.residual);
}

#[test]
fn a_staker_who_leaves_when_a_change_is_announced_is_gone_before_it_applies() {
    // the timelock equals the unbonding period (a week): the change used
    // to apply in the same second as the leaver's claim, so a report
    // ordered first in that block slashed them under the new terms
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let mut raised = suite::default_layers();
    raised[0] = Layer::StakerSlash {
        max_ratio: Decimal::percent(90),
    };
    p.sudo_socializer(GovMsg::SetLayers { layers: raised })
        .unwrap();
    let (lp, staking_addr) = (p.lps[0].clone(), p.staking.clone());
    p.app
        .execute_contract(
            lp.clone(),
            staking_addr.clone(),
            &backstop_types::staking::ExecuteMsg::Unstake { amount: u(5_000) },
            &[],
        )
        .unwrap();
    p.advance(WEEK);
    // the last second of the old terms: a report ordered first still uses
    // them, and the leaver can claim
    p.report(1_000);
    assert!(
        p.waterfall().pending_layers.is_some(),
        "the report applied the change in the leaver's last second"
    );
    p.app
        .execute_contract(
            lp,
            staking_addr,
            &backstop_types::staking::ExecuteMsg::Claim { id: None },
            &[],
        )
        .unwrap();
    let eta = p.waterfall().pending_layers.expect("still queued").eta;
    p.advance(eta - p.now());
    assert!(
        p.waterfall().pending_layers.is_none(),
        "in force at its eta"
    );
}

#[test]
fn a_cancelled_change_never_takes_effect() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let mut raised = suite::default_layers();
    raised.swap(2, 3);
    p.sudo_socializer(GovMsg::SetLayers { layers: raised })
        .unwrap();
    let gov = p.gov.clone();
    let socializer = p.socializer.clone();
    p.app
        .execute_contract(
            gov,
            socializer,
            &backstop_types::socializer::ExecuteMsg::Owner(Box::new(GovMsg::CancelPending {})),
            &[],
        )
        .unwrap();
    p.advance(2 * WEEK);
    assert_eq!(p.waterfall().layers, suite::default_layers());
    p.assert_rejected(loss_socializer::ContractError::NothingPending, |p| {
        p.sudo_socializer(GovMsg::CancelPending {})
    });
}

#[test]
fn a_timelock_shorter_than_the_unbonding_period_is_rejected() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    p.assert_rejected(
        loss_socializer::ContractError::TimelockBelowUnbonding {
            timelock: WEEK - 1,
            unbonding: WEEK,
        },
        |p| p.sudo_socializer(GovMsg::SetTimelock { seconds: WEEK - 1 }),
    );
}

// ---- bad inputs: typed errors, nothing moves ---------------------------------

#[test]
fn an_unregistered_reporter_is_rejected() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let (outsider, socializer) = (p.outsider.clone(), p.socializer.clone());
    p.assert_rejected(
        loss_socializer::ContractError::UnknownReporter {
            sender: outsider.to_string(),
        },
        |p| {
            p.app.execute_contract(
                outsider,
                socializer,
                &backstop_types::socializer::ExecuteMsg::ReportShortfall {
                    report_id: 1,
                    amount: u(1_000),
                    total_profit: u(0),
                    lp_pool_value: u(0),
                },
                &[],
            )
        },
    );
}

#[test]
fn a_zero_shortfall_is_rejected() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    p.assert_rejected(
        loss_socializer::ContractError::ZeroAmount { what: "shortfall" },
        |p| {
            p.exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
                amount: u(0),
                report_id: None,
            })
        },
    );
}

#[test]
fn invalid_layer_lists_are_rejected() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let cases = vec![
        (
            vec![],
            ParamError::InvalidText {
                name: "layers",
                reason: "must not be empty",
            },
        ),
        (
            vec![
                Layer::Vault {
                    max_fraction: Decimal::percent(1),
                },
                Layer::Vault {
                    max_fraction: Decimal::percent(2),
                },
            ],
            ParamError::Duplicate {
                name: "layers",
                item: "vault".into(),
            },
        ),
        (
            vec![Layer::TraderProfitHaircut {
                max_ratio: Decimal::percent(150),
            }],
            ParamError::FractionAboveOne {
                name: "trader_profit_haircut.max_ratio",
                value: Decimal::percent(150),
            },
        ),
    ];
    for (layers, err) in cases {
        p.assert_rejected(loss_socializer::ContractError::Param(err), |p| {
            p.sudo_socializer(GovMsg::SetLayers { layers })
        });
    }
}

#[test]
fn a_non_owner_cannot_change_the_waterfall() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let (outsider, socializer) = (p.outsider.clone(), p.socializer.clone());
    p.assert_rejected(
        loss_socializer::ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        |p| {
            p.app.execute_contract(
                outsider,
                socializer,
                &backstop_types::socializer::ExecuteMsg::Owner(Box::new(GovMsg::SetLayers {
                    layers: suite::default_layers(),
                })),
                &[],
            )
        },
    );
}

#[test]
fn an_outsider_can_neither_slash_nor_draw_on_the_vault() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let (outsider, staking_addr, vault) = (p.outsider.clone(), p.staking.clone(), p.vault.clone());
    let o = outsider.clone();
    p.assert_rejected(
        staking_rewards::ContractError::NotSlasher {
            sender: outsider.to_string(),
        },
        |p| {
            p.app.execute_contract(
                o,
                staking_addr,
                &staking::ExecuteMsg::Slash {
                    amount: u(1_000),
                    recipient: outsider.to_string(),
                    msg: None,
                },
                &[],
            )
        },
    );
    let o = outsider.clone();
    p.assert_rejected(
        ::fund_vault::ContractError::UnknownClaimant {
            address: outsider.to_string(),
        },
        |p| {
            p.app.execute_contract(
                o,
                vault,
                &fund_vault::ExecuteMsg::CoverShortfall {
                    amount: u(1_000),
                    recipient: outsider.to_string(),
                },
                &[],
            )
        },
    );
}

#[test]
fn recovery_for_an_unknown_market_or_in_another_asset_is_rejected() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let (recoverer, socializer) = (p.recoverer.clone(), p.socializer.clone());
    let r = recoverer.clone();
    let s = socializer.clone();
    p.assert_rejected(
        loss_socializer::ContractError::UnknownMarket {
            id: "eth-perp".into(),
        },
        |p| {
            p.app.execute_contract(
                r,
                s,
                &backstop_types::socializer::ExecuteMsg::Recover {
                    market_id: "eth-perp".into(),
                },
                &[cosmwasm_std::coin(10, suite::DENOM)],
            )
        },
    );
    p.assert_rejected(
        loss_socializer::ContractError::Payment(cw_utils_payment_error()),
        |p| {
            p.app.execute_contract(
                recoverer,
                socializer,
                &backstop_types::socializer::ExecuteMsg::Recover {
                    market_id: MARKET.into(),
                },
                &[cosmwasm_std::coin(10, "uother")],
            )
        },
    );
}

fn cw_utils_payment_error() -> cw_utils::PaymentError {
    cw_utils::PaymentError::MissingDenom(suite::DENOM.into())
}

#[test]
fn paused_reports_and_recoveries_are_rejected() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    p.sudo_socializer(GovMsg::SetPause(backstop_types::socializer::PauseUpdate {
        reports: Some(true),
        recoveries: Some(true),
    }))
    .unwrap();
    p.assert_rejected(
        loss_socializer::ContractError::Paused {
            operation: "reports",
        },
        |p| {
            p.exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
                amount: u(1_000),
                report_id: None,
            })
        },
    );
    p.assert_rejected(
        loss_socializer::ContractError::Paused {
            operation: "recoveries",
        },
        |p| p.recover(1_000),
    );
    p.sudo_socializer(GovMsg::SetPause(backstop_types::socializer::PauseUpdate {
        reports: Some(false),
        recoveries: None,
    }))
    .unwrap();
    p.report(1_000);
}

#[test]
fn a_reporter_serves_one_market_and_a_market_with_debt_cannot_be_removed() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let exchange = p.exchange.to_string();
    p.assert_rejected(
        loss_socializer::ContractError::ReporterTaken {
            reporter: exchange.clone(),
            market: MARKET.into(),
        },
        |p| {
            p.sudo_socializer(GovMsg::SetMarket(backstop_types::socializer::MarketMsg {
                id: "eth-perp".into(),
                reporter: exchange.clone(),
                recipient: exchange.clone(),
                exposure_ceiling: u(1_000_000),
                limits: None,
            }))
        },
    );
    p.report(200_000); // leaves bad debt and unpaid haircuts
    p.assert_rejected(
        loss_socializer::ContractError::MarketNotSettled {
            id: MARKET.into(),
            bad_debt: u(20_000),
            haircut_outstanding: u(20_000),
        },
        |p| p.sudo_socializer(GovMsg::RemoveMarket { id: MARKET.into() }),
    );
    p.recover(40_000).unwrap();
    p.sudo_socializer(GovMsg::RemoveMarket { id: MARKET.into() })
        .unwrap();
    p.assert_rejected(
        loss_socializer::ContractError::UnknownReporter {
            sender: exchange.clone(),
        },
        |p| {
            p.exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
                amount: u(1_000),
                report_id: None,
            })
        },
    );
}
