//! Entry points: a thin dispatcher. Payment checks sit at the match arms;
//! each feature lives in its own module.

use backstop_types::asset::AssetInfo;
use backstop_types::governance::{
    authorize_pause, init_owner, owner_sender, update_ownership, upgrade, SUDO_SENDER,
};
use backstop_types::params::check_contract;
use backstop_types::staking::{
    ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg, QueryMsg, RewardPool, RewardState,
    StakingState, MAX_REWARD_ASSETS,
};
#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response};
use cw_utils::{nonpayable, one_coin};

use crate::error::{ContractError, ContractResult};
use crate::state::{save_staking_token, PARAMS, REWARDS, REWARD_ASSETS, STATE};
use crate::{gov, query, rewards, slash, stake, unbond};

/// Contract name stored by cw2.
pub const CONTRACT_NAME: &str = "crates.io:backstop-staking-rewards";
/// Contract version stored by cw2.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Instantiates the staking contract.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<Response> {
    nonpayable(&info)?;
    let owner = init_owner::<ContractError>(deps.storage, deps.api, &msg.owner)?;
    let staking_token =
        check_contract(deps.api, &deps.querier, "staking_token", &msg.staking_token)?;
    let params = msg.params.check(deps.api)?;
    if msg.reward_assets.len() > MAX_REWARD_ASSETS {
        return Err(ContractError::TooManyRewardAssets {
            max: MAX_REWARD_ASSETS as u32,
        });
    }
    let mut assets: Vec<AssetInfo> = Vec::with_capacity(msg.reward_assets.len());
    for asset in msg.reward_assets {
        let asset = asset.check_deployed(deps.api, &deps.querier)?;
        if assets.contains(&asset) {
            return Err(ContractError::DuplicateRewardAsset {
                asset: asset.to_string(),
            });
        }
        assets.push(asset);
    }
    let now = env.block.time.seconds();
    REWARDS.save(
        deps.storage,
        &RewardPool {
            assets: assets.iter().map(|_| RewardState::new(now)).collect(),
            ..Default::default()
        },
    )?;
    REWARD_ASSETS.save(deps.storage, &assets)?;
    save_staking_token(deps.storage, deps.api, &staking_token)?;
    PARAMS.save(deps.storage, &params)?;
    STATE.save(deps.storage, &StakingState::default())?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("staking_token", staking_token))
}

/// Dispatches an execute message.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<Response> {
    match msg {
        ExecuteMsg::Receive(wrapper) => {
            nonpayable(&info)?;
            stake::receive(deps, env, info, wrapper)
        }
        ExecuteMsg::FundRewards { mode } => {
            let coin = one_coin(&info)?;
            let asset = AssetInfo::Native { denom: coin.denom };
            rewards::fund(deps, env, info.sender, asset, coin.amount, mode)
        }
        ExecuteMsg::Unstake { amount } => {
            nonpayable(&info)?;
            unbond::unstake(deps, env, info, amount)
        }
        ExecuteMsg::Claim { id } => {
            nonpayable(&info)?;
            unbond::claim(deps, env, info, id)
        }
        ExecuteMsg::ClaimRewards { asset } => {
            nonpayable(&info)?;
            rewards::claim_rewards(deps, env, info, asset)
        }
        ExecuteMsg::Slash {
            amount,
            recipient,
            msg,
        } => {
            nonpayable(&info)?;
            slash::slash(deps, &env, info, amount, recipient, msg)
        }
        ExecuteMsg::ShareEpochOpened { epoch, divisor_exp } => {
            nonpayable(&info)?;
            slash::token_epoch(deps, &env, info, epoch, divisor_exp)
        }
        ExecuteMsg::SetPause(update) => {
            nonpayable(&info)?;
            authorize_pause(deps.storage, &PARAMS, &info.sender, &update.switches())?;
            gov::apply_pause(deps, &env, info.sender.as_str(), &update)
        }
        ExecuteMsg::Owner(msg) => {
            nonpayable(&info)?;
            let sender = owner_sender(deps.storage, &info.sender)?;
            gov::execute_gov(deps, env, sender, msg)
        }
        ExecuteMsg::UpdateOwnership(action) => {
            nonpayable(&info)?;
            Ok(update_ownership(deps, &env.block, &info.sender, action)?)
        }
    }
}

/// Governance through `MsgSudoContract`: the same actions as
/// `ExecuteMsg::Owner`.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn sudo(deps: DepsMut, env: Env, msg: GovMsg) -> ContractResult<Response> {
    gov::execute_gov(deps, env, SUDO_SENDER, msg)
}

/// Answers a query.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    query::query(deps, env, msg)
}

/// Migrates from an older (or equal) version of this contract only.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> ContractResult<Response> {
    Ok(upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?)
}
