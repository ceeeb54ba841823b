//! The coverage-health view: how much cover is left, per market and
//! overall, read from the contracts as a report would see them.

mod suite;

use backstop_types::socializer::{HealthResponse, MarketLimits, QueryMsg, RiskLimits};
use cosmwasm_std::{Decimal, Uint128};
use suite::{AssetKind, Pipeline, PipelineBuilder};

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

fn health(p: &Pipeline, start_after: Option<&str>, limit: Option<u32>) -> HealthResponse {
    p.app
        .wrap()
        .query_wasm_smart(
            &p.socializer,
            &QueryMsg::Health {
                start_after: start_after.map(str::to_string),
                limit,
            },
        )
        .unwrap()
}

#[test]
fn health_shows_capacity_budgets_exposure_and_what_is_owed() {
    let limits = RiskLimits {
        window_seconds: 24 * 3600,
        market_defaults: MarketLimits {
            slash_per_window: Some(u(10_000)),
            vault_per_window: Some(u(40_000)),
            ..Default::default()
        },
        overall: Default::default(),
    };
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .exposure_ceiling(600_000)
        .limits(limits)
        .build();
    let other = p.add_market("eth-perp");
    let h = health(&p, None, None);
    // the vault layer's 50% of 200,000; the stake's 50% of 40,000
    assert_eq!(h.overall.vault_assets, u(200_000));
    assert_eq!(h.overall.vault_capacity, u(100_000));
    assert_eq!(
        (h.overall.staked_tokens, h.overall.staked_value),
        (u(40_000), u(40_000))
    );
    assert_eq!(h.overall.slashable_value, u(20_000));
    assert_eq!(h.overall.staker_layer_blocked, None);
    let btc = &h.markets[0];
    assert_eq!((btc.id.as_str(), btc.capacity), ("btc-perp", u(50_000)));
    assert_eq!(
        btc.coverage_ratio,
        Some(Decimal::from_ratio(50_000u128, 600_000u128))
    );
    assert_eq!(
        (btc.vault_budget_left, btc.slash_budget_left),
        (Some(u(40_000)), Some(u(10_000)))
    );

    // a report by btc uses its own budgets, and leaves bad debt
    p.report(200_000);
    let h = health(&p, None, None);
    let btc = &h.markets[0];
    assert_eq!(
        (btc.vault_budget_left, btc.slash_budget_left),
        (Some(u(0)), Some(u(0)))
    );
    assert_eq!(btc.exposure, u(400_000));
    assert_eq!(btc.capacity, u(0));
    assert!(!btc.bad_debt.is_zero() && btc.haircut_outstanding > u(0));
    assert_eq!(h.page_bad_debt, btc.bad_debt);
    let eth = &h.markets[1];
    assert!(eth.capacity >= u(49_999), "{eth:?}");

    // a page of one, after btc
    let h = health(&p, Some("btc-perp"), Some(1));
    assert_eq!(h.markets.len(), 1);
    assert_eq!(h.markets[0].id, "eth-perp");
    let _ = other;
}
