use super::*;
use crate::params::ParamError;
use cosmwasm_std::{Decimal, Uint128};

fn params() -> Params {
    ParamsMsg {
        cooldown_seconds: 100,
        exit_window_seconds: 100,
        max_open_unlocks: 5,
        max_payout_fraction: Decimal::percent(50),
        min_reserve: Uint128::new(10),
        notice_seconds: None,
    }
    .check(None)
    .unwrap()
}

fn claimant(window_cap: u128, window_seconds: u64, lifetime_cap: u128) -> Claimant {
    Claimant::new(ClaimantLimits {
        lifetime_cap: Uint128::new(lifetime_cap),
        window_cap: Uint128::new(window_cap),
        window_seconds,
    })
}

#[test]
fn the_rate_limit_bucket_refills_linearly_rounding_against_the_claimant() {
    let mut c = claimant(1_000, 3, u128::MAX);
    c.record_payout(Uint128::new(1_000), 10).unwrap();
    assert_eq!(c.window_remaining_at(10).unwrap(), Uint128::zero());
    // one second refills 333.33 -> 333
    assert_eq!(c.window_remaining_at(11).unwrap(), Uint128::new(333));
    assert_eq!(c.window_remaining_at(13).unwrap(), Uint128::new(1_000));
}

#[test]
fn coverable_is_the_least_of_every_limit() {
    let p = params();
    let state = VaultState {
        total_assets: Uint128::new(1_000),
        total_shares: Uint128::new(1_000),
        ..Default::default()
    };
    // fraction: 500; floor: 990; window: 400; lifetime: 300
    assert_eq!(
        claimant(400, 10, 300).coverable(&p, &state, 0).unwrap(),
        Uint128::new(300)
    );
    assert_eq!(
        claimant(400, 10, 9_999).coverable(&p, &state, 0).unwrap(),
        Uint128::new(400)
    );
    assert_eq!(
        claimant(9_999, 10, 9_999).coverable(&p, &state, 0).unwrap(),
        Uint128::new(500)
    );
    let small = VaultState {
        total_assets: Uint128::new(15),
        ..state.clone()
    };
    // fraction of 15 is 7; floor leaves 5
    assert_eq!(
        claimant(9_999, 10, 9_999).coverable(&p, &small, 0).unwrap(),
        Uint128::new(5)
    );
    let paused = Params {
        pause: PauseFlags {
            payouts: true,
            ..Default::default()
        },
        ..p
    };
    assert_eq!(
        claimant(9_999, 10, 9_999)
            .coverable(&paused, &state, 0)
            .unwrap(),
        Uint128::zero()
    );
}

#[test]
fn invalid_parameters_are_named() {
    let p = params();
    assert_eq!(
        p.apply(ParamsUpdate {
            cooldown_seconds: Some(0),
            ..Default::default()
        }),
        Err(ParamError::MustBePositive {
            name: "cooldown_seconds"
        })
    );
    assert_eq!(
        p.apply(ParamsUpdate {
            max_payout_fraction: Some(Decimal::percent(150)),
            ..Default::default()
        }),
        Err(ParamError::FractionAboveOne {
            name: "max_payout_fraction",
            value: Decimal::percent(150)
        })
    );
    assert_eq!(
        p.apply(ParamsUpdate {
            max_open_unlocks: Some(1_000),
            ..Default::default()
        }),
        Err(ParamError::AboveMax {
            name: "max_open_unlocks",
            value: 1_000,
            max: 100
        })
    );
    assert_eq!(
        p.apply(ParamsUpdate {
            min_reserve: Some(Uint128::zero()),
            ..Default::default()
        }),
        Err(ParamError::MustBePositive {
            name: "min_reserve"
        })
    );
}
