//! Governance: parameters, reward assets, guardian and pause switches. The
//! same handler serves `sudo` and the owner's `ExecuteMsg::Owner`; each
//! action has its own function.

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::governance;
use backstop_types::staking::{
    GovMsg, GuardianSetEvent, ParamsUpdate, ParamsUpdatedEvent, PauseEvent, PauseUpdate,
    RewardAssetAddedEvent, RewardState, MAX_REWARD_ASSETS,
};
use cosmwasm_std::{DepsMut, Env, Response};

use crate::error::{ContractError, ContractResult};
use crate::state::{PARAMS, REWARDS, REWARD_ASSETS, STATE};

/// Applies a governance action. The caller has already been authorized.
pub fn execute_gov(deps: DepsMut, env: Env, sender: &str, msg: GovMsg) -> ContractResult<Response> {
    match msg {
        GovMsg::UpdateParams(update) => update_params(deps, update),
        GovMsg::AddRewardAsset { asset } => add_reward_asset(deps, env, asset),
        GovMsg::SetGuardian { address } => set_guardian(deps, address),
        GovMsg::SetPause(update) => apply_pause(deps, sender, &update),
    }
}

fn update_params(deps: DepsMut, update: ParamsUpdate) -> ContractResult<Response> {
    let params = PARAMS.load(deps.storage)?.apply(deps.api, update)?;
    PARAMS.save(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "update_params")
        .add_event(ParamsUpdatedEvent {
            unbonding_seconds: params.unbonding_seconds,
            max_slash_ratio: params.max_slash_ratio,
            max_open_unbondings: params.max_open_unbondings,
            slashers: params.slashers.len() as u32,
            funders_restricted: params.reward_funders.is_some(),
        }))
}

fn add_reward_asset(
    deps: DepsMut,
    env: Env,
    asset: AssetInfoUnchecked,
) -> ContractResult<Response> {
    let asset = asset.check_deployed(deps.api, &deps.querier)?;
    let mut assets = REWARD_ASSETS.load(deps.storage)?;
    if assets.contains(&asset) {
        return Err(ContractError::DuplicateRewardAsset {
            asset: asset.to_string(),
        });
    }
    if assets.len() >= MAX_REWARD_ASSETS {
        return Err(ContractError::TooManyRewardAssets {
            max: MAX_REWARD_ASSETS as u32,
        });
    }
    let mut rewards = REWARDS.load(deps.storage)?;
    assets.push(asset.clone());
    rewards
        .assets
        .push(RewardState::new(env.block.time.seconds()));
    REWARD_ASSETS.save(deps.storage, &assets)?;
    REWARDS.save(deps.storage, &rewards)?;
    Ok(Response::new()
        .add_attribute("action", "add_reward_asset")
        .add_event(RewardAssetAddedEvent {
            asset: asset.to_string(),
            position: (assets.len() - 1) as u32,
        }))
}

fn set_guardian(deps: DepsMut, address: Option<String>) -> ContractResult<Response> {
    let guardian =
        governance::set_guardian::<_, ContractError>(deps.storage, deps.api, &PARAMS, address)?;
    Ok(Response::new()
        .add_attribute("action", "set_guardian")
        .add_event(GuardianSetEvent { guardian }))
}

/// Sets the pause switches; `ExecuteMsg::SetPause` checks the pause rule
/// first.
pub fn apply_pause(deps: DepsMut, sender: &str, update: &PauseUpdate) -> ContractResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    state.pause = state.pause.apply(update);
    STATE.save(deps.storage, &state)?;
    let pause = state.pause;
    Ok(Response::new()
        .add_attribute("action", "set_pause")
        .add_event(PauseEvent {
            sender: sender.to_string(),
            stakes: pause.stakes,
            unbonding: pause.unbonding,
            claims: pause.claims,
            slashing: pause.slashing,
        }))
}
