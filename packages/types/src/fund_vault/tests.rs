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

/// The vault's messages as a cw20 wallet or contract writes them, with
/// `cw20`'s own types: every message of the cw20 interface parses, but
/// minting, burning and marketing changes.
#[test]
fn cw20_messages_parse_as_vault_messages_except_minting_burning_and_marketing() {
    use cosmwasm_std::{from_json, to_json_vec, Binary};
    use cw20::{Cw20ExecuteMsg, Expiration, Logo};
    // cw20-base's query message: cw20's, plus `AllSpenderAllowances`
    use cw20_base::msg::QueryMsg as Cw20QueryMsg;

    let (a, b) = ("owner".to_string(), "spender".to_string());
    let amount = Uint128::new(5);
    let served = [
        Cw20ExecuteMsg::Transfer {
            recipient: b.clone(),
            amount,
        },
        Cw20ExecuteMsg::Send {
            contract: b.clone(),
            amount,
            msg: Binary::from(b"hook".to_vec()),
        },
        Cw20ExecuteMsg::IncreaseAllowance {
            spender: b.clone(),
            amount,
            expires: Some(Expiration::AtHeight(7)),
        },
        Cw20ExecuteMsg::DecreaseAllowance {
            spender: b.clone(),
            amount,
            expires: None,
        },
        Cw20ExecuteMsg::TransferFrom {
            owner: a.clone(),
            recipient: b.clone(),
            amount,
        },
        Cw20ExecuteMsg::SendFrom {
            owner: a.clone(),
            contract: b.clone(),
            amount,
            msg: Binary::default(),
        },
    ];
    for msg in served {
        let json = to_json_vec(&msg).unwrap();
        let ours: ExecuteMsg = from_json(&json)
            .unwrap_or_else(|e| panic!("{msg:?} does not parse as a vault message: {e}"));
        // and nothing is lost on the way
        assert_eq!(to_json_vec(&ours).unwrap(), json);
    }
    let refused = [
        Cw20ExecuteMsg::Burn { amount },
        Cw20ExecuteMsg::BurnFrom {
            owner: a.clone(),
            amount,
        },
        Cw20ExecuteMsg::Mint {
            recipient: a.clone(),
            amount,
        },
        Cw20ExecuteMsg::UpdateMinter { new_minter: None },
        Cw20ExecuteMsg::UpdateMarketing {
            project: None,
            description: None,
            marketing: None,
        },
        Cw20ExecuteMsg::UploadLogo(Logo::Url("https://logo".into())),
    ];
    for msg in refused {
        assert!(
            from_json::<ExecuteMsg>(to_json_vec(&msg).unwrap()).is_err(),
            "{msg:?} parsed as a vault message"
        );
    }

    let queries = [
        Cw20QueryMsg::Balance { address: a.clone() },
        Cw20QueryMsg::TokenInfo {},
        Cw20QueryMsg::Minter {},
        Cw20QueryMsg::Allowance {
            owner: a.clone(),
            spender: b.clone(),
        },
        Cw20QueryMsg::AllAllowances {
            owner: a.clone(),
            start_after: Some(b.clone()),
            limit: Some(3),
        },
        Cw20QueryMsg::AllSpenderAllowances {
            spender: b.clone(),
            start_after: None,
            limit: None,
        },
        Cw20QueryMsg::AllAccounts {
            start_after: None,
            limit: Some(2),
        },
        Cw20QueryMsg::MarketingInfo {},
        Cw20QueryMsg::DownloadLogo {},
    ];
    for msg in queries {
        let json = to_json_vec(&msg).unwrap();
        let ours: QueryMsg = from_json(&json)
            .unwrap_or_else(|e| panic!("{msg:?} does not parse as a vault query: {e}"));
        assert_eq!(to_json_vec(&ours).unwrap(), json);
    }
}
