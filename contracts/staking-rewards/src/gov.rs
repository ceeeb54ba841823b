//! Governance: parameters, reward assets, guardian and pause switches. The
//! same handler serves `sudo` and the owner's `ExecuteMsg::Owner`; each
//! action has its own function.

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::fund_vault;
use backstop_types::governance;
use backstop_types::governance::timelock::{
    queued_event, ChangeCancelledEvent, ChangeInForceEvent, Party,
};
use backstop_types::staking::{
    GovMsg, GuardianSetEvent, ParamsUpdate, ParamsUpdatedEvent, PauseEvent, PauseUpdate,
    RewardAssetAddedEvent, RewardState, MAX_REWARD_ASSETS,
};
use cosmwasm_std::{Deps, DepsMut, Env, Response};

use crate::error::{ContractError, ContractResult};
use crate::state::{staking_token, PARAMS, REWARDS, REWARD_ASSETS, STATE};

/// Applies a governance action. The caller has already been authorized.
pub fn execute_gov(deps: DepsMut, env: Env, sender: &str, msg: GovMsg) -> ContractResult<Response> {
    match msg {
        GovMsg::UpdateParams(update) => update_params(deps, &env, update),
        GovMsg::CancelPending {} => cancel_pending(deps, &env),
        GovMsg::AddRewardAsset { asset } => add_reward_asset(deps, env, asset),
        GovMsg::SetGuardian { address } => set_guardian(deps, address),
        GovMsg::SetPause(update) => apply_pause(deps, &env, sender, &update),
    }
}

/// Updates parameters: what can raise anyone's share of a loss is queued,
/// the rest applies at once. A queued change whose time has come is stored
/// first.
fn update_params(deps: DepsMut, env: &Env, update: ParamsUpdate) -> ContractResult<Response> {
    let now = env.block.time.seconds();
    let mut params = PARAMS.load(deps.storage)?;
    let mut response = Response::new().add_attribute("action", "update_params");
    if let Some(p) = params.mature(now) {
        response = response.add_event(ChangeInForceEvent {
            what: "params".into(),
            eta: p.eta,
        });
    }
    let next = params.apply(deps.api, update)?;
    let nobody_in = STATE.load(deps.storage)?.total_shares.is_zero();
    let hurt = params.govern(next, now, nobody_in, underwriters_wait(deps.as_ref(), now)?);
    PARAMS.save(deps.storage, &params)?;
    if let Some(p) = params.pending.as_ref().filter(|_| !hurt.is_empty()) {
        response = response.add_event(queued_event(&hurt, p.eta));
    }
    Ok(response.add_event(ParamsUpdatedEvent {
        unbonding_seconds: params.unbonding_seconds,
        max_slash_ratio: params.max_slash_ratio,
        max_open_unbondings: params.max_open_unbondings,
        exit_window_seconds: params.exit_window_seconds,
        slashers: params.slashers.len() as u32,
        funders_restricted: params.reward_funders.is_some(),
    }))
}

/// How long the vault's underwriters need to leave, when the stake is the
/// vault's shares (read raw from the staking token; zero for any other
/// cw20, whose parameters the staking contract cannot know: set
/// `notice_seconds` to cover them).
fn underwriters_wait(deps: Deps, now: u64) -> ContractResult<u64> {
    let token = staking_token(deps.storage, deps.api)?;
    Ok(fund_vault::timelock::params_at(&deps.querier, token, now)
        .map_or(0, |v| v.wait_for(Party::Underwriters, now, 0)))
}

/// Cancels the queued parameter change, unless it is already in force.
fn cancel_pending(deps: DepsMut, env: &Env) -> ContractResult<Response> {
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    if params.pending.take().is_none() {
        return Err(ContractError::NothingPending);
    }
    PARAMS.save(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_pending")
        .add_event(ChangeCancelledEvent {
            what: "params".into(),
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
/// first. Resuming claims records when, so no unbonding entry lapses for a
/// window it could not use.
pub fn apply_pause(
    deps: DepsMut,
    env: &Env,
    sender: &str,
    update: &PauseUpdate,
) -> ContractResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    let was_paused = state.pause.claims;
    state.pause = state.pause.apply(update);
    STATE.save(deps.storage, &state)?;
    if was_paused && !state.pause.claims {
        let mut params = PARAMS.load(deps.storage)?;
        params.claims_resumed_at = env.block.time.seconds();
        PARAMS.save(deps.storage, &params)?;
    }
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
