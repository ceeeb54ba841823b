//! Addresses that must be contracts: a wallet in their place was accepted,
//! then "staked" tokens it never had and took every reward.

mod suite;

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::params::ParamError;
use backstop_types::staking::{GovMsg, InstantiateMsg, ParamsMsg};
use cosmwasm_std::Decimal;
use cw_multi_test::Executor;
use staking_rewards::ContractError;
use suite::SuiteBuilder;

fn params() -> ParamsMsg {
    ParamsMsg {
        unbonding_seconds: 3_600,
        max_slash_ratio: Decimal::percent(30),
        max_open_unbondings: 5,
        exit_window_seconds: None,
        slashers: vec![],
        reward_funders: None,
        guardian: None,
        notice_seconds: None,
    }
}

#[test]
fn a_wallet_is_refused_as_the_staking_token_or_a_cw20_reward() {
    let mut s = SuiteBuilder::new().build();
    let (alice, owner, code) = (s.user(0), s.owner.clone(), s.code);
    let instantiate = |s: &mut suite::Suite, token: String, rewards| {
        s.app.instantiate_contract(
            code,
            owner.clone(),
            &InstantiateMsg {
                owner: owner.to_string(),
                staking_token: token,
                params: params(),
                reward_assets: rewards,
            },
            &[],
            "staking",
            None,
        )
    };
    let err = instantiate(&mut s, alice.to_string(), vec![]).unwrap_err();
    assert_eq!(
        err.downcast_ref::<ContractError>(),
        Some(&ContractError::Param(ParamError::NotAContract {
            name: "staking_token",
            address: alice.to_string(),
        }))
    );
    let wallet_reward = vec![AssetInfoUnchecked::Cw20 {
        address: alice.to_string(),
    }];
    let token = s.stake_token.to_string();
    let err = instantiate(&mut s, token, wallet_reward.clone()).unwrap_err();
    assert_eq!(
        err.downcast_ref::<ContractError>(),
        Some(&ContractError::Param(ParamError::NotAContract {
            name: "asset",
            address: alice.to_string(),
        }))
    );
    // nor can governance add one later
    s.assert_rejected(
        ContractError::Param(ParamError::NotAContract {
            name: "asset",
            address: alice.to_string(),
        }),
        |s| {
            s.sudo(GovMsg::AddRewardAsset {
                asset: wallet_reward[0].clone(),
            })
        },
    );
}
