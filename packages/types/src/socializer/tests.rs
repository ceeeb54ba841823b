use super::*;
use crate::fund_vault::{Claimant, ClaimantLimits, PauseFlags as VaultPause, VaultState};
use crate::params::ParamError;
use crate::staking::StakingState;
use crate::{fund_vault, staking};
use cosmwasm_std::{Addr, Decimal, Uint128};

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

fn unbounded_risk() -> MarketRisk {
    MarketRisk {
        exposure_ceiling: Uint128::MAX,
        limits: None,
    }
}

fn pct(p: u64) -> Decimal {
    Decimal::percent(p)
}

fn all_layers() -> Vec<Layer> {
    vec![
        Layer::StakerSlash { max_ratio: pct(50) },
        Layer::Vault {
            max_fraction: pct(50),
        },
        Layer::TraderProfitHaircut { max_ratio: pct(20) },
        Layer::LpHaircut { max_ratio: pct(10) },
    ]
}

fn vault(assets: u128, shares: u128) -> VaultSnapshot {
    VaultSnapshot {
        state: VaultState {
            total_assets: u(assets),
            total_shares: u(shares),
            ..Default::default()
        },
        params: fund_vault::Params {
            cooldown_seconds: 10,
            exit_window_seconds: 10,
            exits_resumed_at: 0,
            max_open_unlocks: 5,
            max_payout_fraction: Decimal::one(),
            min_reserve: u(1),
            guardian: None,
            slash_sources: vec![],
            slash_claimant: None,
            pause: VaultPause::default(),
            notice_seconds: crate::governance::timelock::DEFAULT_NOTICE_SECONDS,
            exit_horizon: 0,
            pending: None,
        },
        claimant: Some(Claimant::new(ClaimantLimits {
            lifetime_cap: Uint128::MAX,
            window_cap: Uint128::MAX,
            window_seconds: 10,
        })),
    }
}

fn staking(tokens: u128) -> StakingSnapshot {
    StakingSnapshot {
        token: StakedToken::VaultShares,
        state: StakingState {
            total_tokens: u(tokens),
            total_shares: u(tokens),
            ..Default::default()
        },
        params: staking::Params {
            unbonding_seconds: 10,
            max_slash_ratio: pct(30),
            max_open_unbondings: 5,
            exit_window_seconds: 100,
            claims_resumed_at: 0,
            slashers: vec![],
            reward_funders: None,
            guardian: None,
            notice_seconds: crate::governance::timelock::DEFAULT_NOTICE_SECONDS,
            exit_horizon: 0,
            pending: None,
        },
    }
}

fn input(amount: u128, profit: u128, lp: u128) -> ShortfallInput {
    ShortfallInput {
        amount: u(amount),
        total_profit: u(profit),
        lp_pool_value: u(lp),
    }
}

#[test]
fn invalid_layer_lists_are_rejected_by_name() {
    assert!(validate_layers(&all_layers(), true).is_ok());
    assert_eq!(
        validate_layers(&[], true),
        Err(ParamError::InvalidText {
            name: "layers",
            reason: "must not be empty"
        })
    );
    let dup = [
        Layer::Vault {
            max_fraction: pct(1),
        },
        Layer::Vault {
            max_fraction: pct(2),
        },
    ];
    assert_eq!(
        validate_layers(&dup, true),
        Err(ParamError::Duplicate {
            name: "layers",
            item: "vault".into()
        })
    );
    assert_eq!(
        validate_layers(
            &[Layer::LpHaircut {
                max_ratio: pct(101)
            }],
            true
        ),
        Err(ParamError::FractionAboveOne {
            name: "lp_haircut.max_ratio",
            value: pct(101)
        })
    );
    assert!(matches!(
        validate_layers(&[Layer::StakerSlash { max_ratio: pct(1) }], false),
        Err(ParamError::InvalidText { name: "layers", .. })
    ));
}

#[test]
fn adding_raising_or_moving_a_layer_earlier_raises_risk() {
    let old = all_layers();
    let mut raised = old.clone();
    raised[2] = Layer::TraderProfitHaircut { max_ratio: pct(21) };
    assert!(raises_risk(&old, &raised));
    let mut moved = old.clone();
    moved.swap(2, 3);
    assert!(raises_risk(&old, &moved));
    assert!(raises_risk(&old[..3], &old));
    // removing the first layer moves every other one earlier
    assert!(raises_risk(&old, &old[1..]));
    // lowering a cap shifts loss onto every later layer: it raises risk
    let mut lowered = old.clone();
    lowered[0] = Layer::StakerSlash { max_ratio: pct(10) };
    assert!(raises_risk(&old, &lowered));
    let mut no_vault = old.clone();
    no_vault[1] = Layer::Vault {
        max_fraction: pct(0),
    };
    assert!(raises_risk(&old, &no_vault));
    // removing a middle layer likewise
    let without_traders = [old[0], old[1], old[3]];
    assert!(raises_risk(&old, &without_traders));
    // lowering the last cap or dropping the last layer only grows the
    // residual bad debt: no layer's share rises
    let mut last_lowered = old.clone();
    last_lowered[3] = Layer::LpHaircut { max_ratio: pct(1) };
    assert!(!raises_risk(&old, &last_lowered));
    assert!(!raises_risk(&old, &old[..3]));
    assert!(!raises_risk(&old, &old));
}

#[test]
fn the_junior_tranche_alone_absorbs_a_small_loss() {
    // vault: 2 assets per share; stakers hold 10_000 shares (cap 30% = 3_000)
    let p = plan(
        &input(1_000, 0, 0),
        &all_layers(),
        Some(&staking(10_000)),
        &vault(100_000, 50_000),
        &Budget::unlimited(),
        0,
    )
    .unwrap();
    assert_eq!((p.slash_tokens, p.staker_amount), (u(500), u(1_000)));
    assert_eq!(
        (p.vault_amount, p.trader_amount, p.lp_amount, p.residual),
        (u(0), u(0), u(0), u(0))
    );
}

#[test]
fn a_large_loss_runs_through_every_layer_and_leaves_residual_debt() {
    // stakers: 3_000 shares -> 6_000 assets; vault: 50% of the 94_000 left
    let mut layers = all_layers();
    layers[1] = Layer::Vault {
        max_fraction: pct(50),
    };
    let p = plan(
        &input(100_000, 10_000, 20_000),
        &layers,
        Some(&staking(10_000)),
        &vault(100_000, 50_000),
        &Budget::unlimited(),
        0,
    )
    .unwrap();
    assert_eq!((p.slash_tokens, p.staker_amount), (u(3_000), u(6_000)));
    assert_eq!(p.vault_amount, u(47_000));
    assert_eq!((p.trader_ratio, p.trader_amount), (pct(20), u(2_000)));
    assert_eq!((p.lp_ratio, p.lp_amount), (pct(10), u(2_000)));
    assert_eq!(p.residual, u(100_000 - 6_000 - 47_000 - 2_000 - 2_000));
    let sum: Uint128 = p.layers.iter().map(|l| l.amount).sum();
    assert_eq!(sum + p.residual, u(100_000));
}

#[test]
fn a_haircut_ratio_is_rounded_up_and_covers_what_is_left() {
    // 1_000 left over 3_000 profit: ratio 1/3 rounded up covers all 1_000
    let layers = [Layer::TraderProfitHaircut { max_ratio: pct(50) }];
    let p = plan(
        &input(1_000, 3_000, 0),
        &layers,
        None,
        &vault(0, 0),
        &Budget::unlimited(),
        0,
    )
    .unwrap();
    assert!(p.trader_ratio > Decimal::from_ratio(1u8, 3u8));
    assert_eq!((p.trader_amount, p.residual), (u(1_000), u(0)));
    // a loss larger than the profit takes the capped ratio
    let p = plan(
        &input(9_000, 3_000, 0),
        &layers,
        None,
        &vault(0, 0),
        &Budget::unlimited(),
        0,
    )
    .unwrap();
    assert_eq!(
        (p.trader_ratio, p.trader_amount, p.residual),
        (pct(50), u(1_500), u(7_500))
    );
}

#[test]
fn the_vault_layer_respects_the_claimants_limits_and_a_pause() {
    let mut v = vault(100_000, 100_000);
    v.claimant = Some(Claimant::new(ClaimantLimits {
        lifetime_cap: u(7_000),
        window_cap: Uint128::MAX,
        window_seconds: 10,
    }));
    let layers = [Layer::Vault {
        max_fraction: Decimal::one(),
    }];
    let p = plan(
        &input(50_000, 0, 0),
        &layers,
        None,
        &v,
        &Budget::unlimited(),
        0,
    )
    .unwrap();
    assert_eq!(p.vault_amount, u(7_000));
    v.params.pause.payouts = true;
    assert_eq!(
        plan(
            &input(50_000, 0, 0),
            &layers,
            None,
            &v,
            &Budget::unlimited(),
            0
        )
        .unwrap()
        .vault_amount,
        u(0)
    );
    v.claimant = None;
    v.params.pause.payouts = false;
    assert_eq!(
        plan(
            &input(50_000, 0, 0),
            &layers,
            None,
            &v,
            &Budget::unlimited(),
            0
        )
        .unwrap()
        .residual,
        u(50_000)
    );
}

#[test]
fn a_market_records_factors_and_recoveries_pay_debt_before_haircuts() {
    let mut m = Market::new(Addr::unchecked("r"), Addr::unchecked("p"), unbounded_risk());
    let p = plan(
        &input(10_000, 20_000, 0),
        &[Layer::TraderProfitHaircut { max_ratio: pct(25) }],
        None,
        &vault(0, 0),
        &Budget::unlimited(),
        0,
    )
    .unwrap();
    let rec = m.apply(&p, &input(10_000, 20_000, 0), 7).unwrap();
    assert_eq!(
        (rec.seq, rec.trader_amount, rec.residual),
        (1, u(5_000), u(5_000))
    );
    let pct_factor = |n: u128| Factor {
        epoch: 0,
        scale: 0,
        mantissa: u(n * 10u128.pow(34)),
    };
    assert_eq!(m.trader_factor, pct_factor(75));
    assert_eq!(m.bad_debt, u(5_000));

    let order = default_recovery_order();
    let s = m.apply_recovery(u(6_000), &order, |_| true).unwrap();
    assert_eq!(
        (s.to_debt, s.to_traders, s.refund),
        (u(5_000), u(1_000), u(0))
    );
    assert_eq!(m.recovery_factor, pct_factor(80)); // 4_000 of 5_000 still owed
    let s = m.apply_recovery(u(10_000), &order, |_| true).unwrap();
    assert_eq!((s.to_traders, s.refund), (u(4_000), u(6_000)));
    assert_eq!(
        (m.recovery_factor.epoch, m.recovery_factor.is_one()),
        (1, true)
    );
    assert_eq!(m.haircut_outstanding, u(0));
}

#[test]
fn queued_changes_mature_at_their_eta() {
    let mut w = Waterfall {
        layers: all_layers(),
        timelock_seconds: 100,
        pending_layers: Some(Pending {
            value: all_layers()[..1].to_vec(),
            eta: 50,
        }),
        pending_timelock: Some(Pending { value: 60, eta: 80 }),
        pause: PauseFlags::default(),
        guardian: None,
        limits: RiskLimits::unlimited(),
        pending_limits: None,
        recovery_order: default_recovery_order(),
        pending_recovery_order: None,
    };
    assert!(!w.mature(49));
    assert!(w.mature(50));
    assert_eq!(w.layers.len(), 1);
    assert!(w.pending_timelock.is_some());
    assert!(w.mature(80));
    assert_eq!(w.timelock_seconds, 60);
}

#[test]
fn market_ids_are_checked() {
    assert!(check_market_id("btc-perp_1").is_ok());
    assert!(check_market_id("").is_err());
    assert!(check_market_id("BTC").is_err());
    assert!(check_market_id(&"a".repeat(33)).is_err());
}

/// The party whose money a layer takes.
fn party(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::StakerSlash => "stakers",
        LayerKind::Vault => "underwriters",
        LayerKind::TraderProfitHaircut => "traders",
        LayerKind::LpHaircut => "LPs",
    }
}

/// `layer` with its cap set to `cap`.
fn with_cap(layer: Layer, cap: Decimal) -> Layer {
    match layer {
        Layer::StakerSlash { .. } => Layer::StakerSlash { max_ratio: cap },
        Layer::Vault { .. } => Layer::Vault { max_fraction: cap },
        Layer::TraderProfitHaircut { .. } => Layer::TraderProfitHaircut { max_ratio: cap },
        Layer::LpHaircut { .. } => Layer::LpHaircut { max_ratio: cap },
    }
}

#[test]
fn every_cap_raised_lowered_or_kept_at_every_position_queues_exactly_when_it_hurts_someone() {
    let old = all_layers();
    for (i, layer) in old.iter().enumerate() {
        let later: Vec<&str> = old[i + 1..].iter().map(|l| party(l.kind())).collect();
        // (change, new cap, the parties whose share can rise)
        let rows = [
            ("raised", layer.cap() + pct(1), vec![party(layer.kind())]),
            ("lowered", layer.cap() - pct(1), later.clone()),
            ("kept", layer.cap(), vec![]),
        ];
        for (change, cap, hurt) in rows {
            let mut new = old.clone();
            new[i] = with_cap(*layer, cap);
            assert_eq!(
                raises_risk(&old, &new),
                !hurt.is_empty(),
                "{} cap {change} at position {i}: hurts {hurt:?}",
                layer.kind().name()
            );
        }
        // removed: the later layers move up and take its part
        let mut removed = old.clone();
        removed.remove(i);
        assert_eq!(
            raises_risk(&old, &removed),
            !later.is_empty(),
            "{} removed at position {i}: hurts {later:?}",
            layer.kind().name()
        );
        // added where it was missing: its party takes a share
        assert!(
            raises_risk(&removed, &old),
            "{} added at position {i}: hurts {}",
            layer.kind().name(),
            party(layer.kind())
        );
    }
}

#[test]
fn a_budget_bucket_refills_linearly_and_never_below_zero() {
    use super::budget::decayed;
    assert_eq!(decayed(u(1_000), u(1_000), 100, 0).unwrap(), u(1_000));
    assert_eq!(decayed(u(1_000), u(1_000), 100, 25).unwrap(), u(750));
    // refill rounds down: usage decays no faster than the exact rate
    assert_eq!(decayed(u(10), u(10), 3, 1).unwrap(), u(7));
    assert_eq!(decayed(u(100), u(1_000), 100, 50).unwrap(), u(0));
    assert_eq!(decayed(u(1_000), u(1_000), 100, 100).unwrap(), u(0));
}

#[test]
fn a_market_budget_takes_the_tightest_of_its_window_and_lifetime() {
    let limits = RiskLimits {
        window_seconds: 100,
        market_defaults: MarketLimits {
            vault_per_window: Some(u(1_000)),
            vault_lifetime: Some(u(1_500)),
            trader_haircut_per_window: Some(pct(20)),
            ..Default::default()
        },
        overall: OverallLimits {
            slash_ratio_per_window: Some(pct(50)),
            haircut_per_window: None,
        },
    };
    let mut m = Market::new(Addr::unchecked("r"), Addr::unchecked("p"), unbounded_risk());
    let mut overall = OverallUsage::default();
    let b = m.budget(&limits, &overall, 0).unwrap();
    assert_eq!(
        (b.vault, b.trader_ratio, b.slash_ratio),
        (u(1_000), pct(20), pct(50))
    );
    assert_eq!((b.slash_value, b.haircut), (Uint128::MAX, Uint128::MAX));
    let mut plan = plan(
        &input(900, 10_000, 0),
        &[
            Layer::Vault {
                max_fraction: pct(100),
            },
            Layer::TraderProfitHaircut { max_ratio: pct(5) },
        ],
        None,
        &vault(100_000, 50_000),
        &b,
        0,
    )
    .unwrap();
    plan.slash_ratio = pct(30);
    m.record_usage(&limits, &plan, 0).unwrap();
    overall.record(&limits, &plan, 0).unwrap();
    m.totals.vault = plan.vault_amount;
    let b = m.budget(&limits, &overall, 50).unwrap();
    // half the window refilled: 1,000 − 900 + 500
    assert_eq!(b.vault, u(600));
    // 30% used, 25% refilled: 45% left of 50%
    assert_eq!(b.slash_ratio, pct(45));
    // the lifetime cap binds once the window would allow more
    let b = m.budget(&limits, &overall, 100).unwrap();
    assert_eq!(b.vault, u(1_500 - 900));
}

#[test]
fn market_limits_refuse_a_ratio_cap_above_one_and_a_zero_window() {
    let mut limits = RiskLimits::unlimited();
    limits.market_defaults.lp_haircut_per_window = Some(pct(101));
    assert!(matches!(
        limits.validate(),
        Err(ParamError::FractionAboveOne { .. })
    ));
    let mut limits = RiskLimits::unlimited();
    limits.window_seconds = 0;
    assert!(limits.validate().is_err());
}
