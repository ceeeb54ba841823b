//! Unbonding: `Unstake` moves bonded shares into an entry released after
//! the unbonding period (fixed at request time). The shares stop earning at
//! once but stay in the pool, so they are slashed like bonded ones. `Claim`
//! pays matured entries at the pool's rate at claim time, so slashes during
//! unbonding are borne; paying touches neither rewards nor the staker's
//! record (only a lapse, below, does).
//!
//! An entry can be claimed only within its exit window after release (also
//! fixed at request time). A claim that finds an entry past it lapses the
//! entry: its shares bond again, earning from then on, and nothing is paid
//! for them. Only then are the parameters (the time claims were last
//! resumed) and the staker's record read.

use backstop_types::calls::{self, Cw20Call};
use backstop_types::math::{convert_to_assets, shares_for_unstake, MathError};
use backstop_types::staking::epochs::{convert_entry, convert_staker, save_cohort};
use backstop_types::staking::{
    ClaimEvent, Cohort, StakingState, Unbonding, UnbondingLapsedEvent, UnstakeEvent,
    UnstakeResponse, COHORTS, MAX_OPEN_UNBONDINGS_LIMIT,
};
use cosmwasm_std::{
    to_json_binary, Addr, CanonicalAddr, DepsMut, Env, MessageInfo, Response, Storage, Uint128,
};

use crate::error::{ContractError, ContractResult};
use crate::rewards::{load_rewards, save_staker};
use crate::state::{
    load_unbonding, remove_unbonding, save_unbonding, staking_token, unbondings, PARAMS, REWARDS,
    STAKERS, STATE,
};

/// Starts unbonding `amount` tokens' worth of the sender's bonded shares.
/// Rewards are settled first: the shares stop earning now.
pub fn unstake(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> ContractResult<Response> {
    let state = STATE.load(deps.storage)?;
    if state.pause.unbonding {
        return Err(ContractError::Paused {
            operation: "unbondings",
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "unstake" });
    }
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    let owner = info.sender;
    let now = env.block.time.seconds();
    let mut rewards = load_rewards(deps.storage, now)?;
    let mut staker = STAKERS.may_load(deps.storage, &owner)?.unwrap_or_default();
    convert_staker(deps.storage, &state, &mut rewards, &mut staker)?;
    let staked = convert_to_assets(staker.shares, state.total_tokens, state.total_shares)?;
    if amount > staked {
        return Err(ContractError::InsufficientStake {
            staked,
            requested: amount,
        });
    }
    let canonical = deps.api.addr_canonicalize(owner.as_str())?;
    let open = open_unbondings(deps.storage, &canonical);
    if open >= params.max_open_unbondings {
        return Err(ContractError::TooManyUnbondings {
            owner: owner.into_string(),
            open,
            max: params.max_open_unbondings,
        });
    }
    staker.settle(&rewards.assets)?;
    let shares =
        shares_for_unstake(amount, state.total_tokens, state.total_shares)?.min(staker.shares);
    staker.shares = staker.shares.checked_sub(shares)?;
    rewards.bonded_shares = rewards.bonded_shares.checked_sub(shares)?;
    let id = rewards.next_unbonding_id;
    rewards.next_unbonding_id = id.checked_add(1).ok_or(MathError::Overflow {
        what: "unbonding id",
    })?;
    let entry = Unbonding {
        shares,
        release_at: now.saturating_add(params.unbonding_seconds),
        epoch: state.epoch,
        exit_window: Some(params.exit_window_seconds),
    };
    save_unbonding(deps.storage, &canonical, id, &entry);
    save_staker(deps.storage, &owner, &staker, &mut rewards)?;
    REWARDS.save(deps.storage, &rewards)?;
    unstake_response(UnstakeEvent {
        staker: owner.into_string(),
        id,
        amount,
        shares,
        release_at: entry.release_at,
        expires_at: entry.expires_at(),
    })
}

fn unstake_response(event: UnstakeEvent) -> ContractResult<Response> {
    let data = to_json_binary(&UnstakeResponse {
        id: event.id,
        release_at: event.release_at,
        expires_at: event.expires_at,
    })?;
    Ok(Response::new()
        .add_attribute("action", "unstake")
        .add_event(event)
        .set_data(data))
}

/// Open unbonding entries of `owner`: at most `max_open_unbondings` (itself
/// at most [`MAX_OPEN_UNBONDINGS_LIMIT`]) keys are read.
fn open_unbondings(storage: &dyn Storage, owner: &CanonicalAddr) -> u32 {
    unbondings(storage, owner, None)
        .take(MAX_OPEN_UNBONDINGS_LIMIT as usize)
        .count() as u32
}

/// Pays the sender's matured unbonding entries: `id`, or all matured ones,
/// and lapses those past their exit window. Paying changes only the pool's
/// totals; a lapse bonds shares again, settling the staker's rewards first.
pub fn claim(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: Option<u64>,
) -> ContractResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    if state.pause.claims {
        return Err(ContractError::Paused {
            operation: "claims",
        });
    }
    let owner = info.sender;
    let now = env.block.time.seconds();
    let canonical = deps.api.addr_canonicalize(owner.as_str())?;
    let mut entries = matured_entries(deps.storage, &owner, &canonical, id, now)?;
    convert_entries(deps.storage, &state, &mut entries)?;
    let lapsed = take_lapsed(deps.storage, &mut entries, now)?;
    let shares = total_shares(&entries)?;

    let tokens = convert_to_assets(shares, state.total_tokens, state.total_shares)?;
    state.total_tokens = state.total_tokens.checked_sub(tokens)?;
    state.total_shares = state.total_shares.checked_sub(shares)?;
    for (id, _) in entries.iter().chain(&lapsed) {
        remove_unbonding(deps.storage, &canonical, *id);
    }
    STATE.save(deps.storage, &state)?;

    let mut response = Response::new().add_attribute("action", "claim");
    if !lapsed.is_empty() {
        let event = rebond(deps.branch(), &state, &owner, &lapsed, now)?;
        response = response.add_event(event);
    }
    if entries.is_empty() {
        return Ok(response);
    }
    response = response.add_event(ClaimEvent {
        staker: owner.to_string(),
        entries: entries.len() as u32,
        amount: tokens,
    });
    if !tokens.is_zero() {
        response = response.add_message(calls::execute(
            staking_token(deps.storage, deps.api)?,
            &Cw20Call::Transfer {
                recipient: owner.into_string(),
                amount: tokens,
            },
        )?);
    }
    Ok(response)
}

fn total_shares(entries: &[(u64, Unbonding)]) -> ContractResult<Uint128> {
    Ok(entries
        .iter()
        .try_fold(Uint128::zero(), |acc, (_, e)| acc.checked_add(e.shares))?)
}

/// Moves the entries past their exit window out of `entries`. The time
/// claims were last resumed is read only if some entry is past its
/// `expires_at`, so the common claim reads no parameters.
fn take_lapsed(
    storage: &dyn Storage,
    entries: &mut Vec<(u64, Unbonding)>,
    now: u64,
) -> ContractResult<Vec<(u64, Unbonding)>> {
    if entries.iter().all(|(_, e)| now < e.expires_at()) {
        return Ok(vec![]);
    }
    let resumed_at = PARAMS.load(storage)?.claims_resumed_at;
    let (lapsed, live) = std::mem::take(entries)
        .into_iter()
        .partition(|(_, e)| e.lapsed(now, resumed_at));
    *entries = live;
    Ok(lapsed)
}

/// Bonds the shares of lapsed entries (already in the live share epoch)
/// again: they earn from now on, at the pool's rate; the pool's totals do
/// not change, since unbonding shares never left it.
fn rebond(
    deps: DepsMut,
    state: &StakingState,
    owner: &Addr,
    lapsed: &[(u64, Unbonding)],
    now: u64,
) -> ContractResult<UnbondingLapsedEvent> {
    let shares = total_shares(lapsed)?;
    let mut rewards = load_rewards(deps.storage, now)?;
    let mut staker = STAKERS.may_load(deps.storage, owner)?.unwrap_or_default();
    convert_staker(deps.storage, state, &mut rewards, &mut staker)?;
    staker.settle(&rewards.assets)?;
    staker.shares = staker.shares.checked_add(shares)?;
    rewards.bonded_shares = rewards.bonded_shares.checked_add(shares)?;
    save_staker(deps.storage, owner, &staker, &mut rewards)?;
    REWARDS.save(deps.storage, &rewards)?;
    Ok(UnbondingLapsedEvent {
        staker: owner.to_string(),
        entries: lapsed.len() as u32,
        shares,
    })
}

/// Converts entries stored in older share epochs through their cohorts
/// (read and written once each; none on the common path).
fn convert_entries(
    storage: &mut dyn Storage,
    state: &StakingState,
    entries: &mut [(u64, Unbonding)],
) -> ContractResult<()> {
    let mut cohorts: Vec<(u64, Cohort)> = vec![];
    for (_, entry) in entries.iter_mut() {
        if entry.epoch >= state.epoch {
            continue;
        }
        let at = match cohorts.iter().position(|(k, _)| *k == entry.epoch) {
            Some(at) => at,
            None => {
                cohorts.push((entry.epoch, COHORTS.load(storage, entry.epoch)?));
                cohorts.len() - 1
            }
        };
        convert_entry(&mut cohorts[at].1, entry, state.epoch)?;
    }
    for (k, cohort) in &cohorts {
        save_cohort(storage, *k, cohort)?;
    }
    Ok(())
}

fn matured_entries(
    storage: &dyn Storage,
    owner: &Addr,
    canonical: &CanonicalAddr,
    id: Option<u64>,
    now: u64,
) -> ContractResult<Vec<(u64, Unbonding)>> {
    if let Some(id) = id {
        let entry = load_unbonding(storage, canonical, id)?.ok_or_else(|| {
            ContractError::UnbondingNotFound {
                owner: owner.to_string(),
                id,
            }
        })?;
        if now < entry.release_at {
            return Err(ContractError::NotReleased {
                id,
                release_at: entry.release_at,
                now,
            });
        }
        return Ok(vec![(id, entry)]);
    }
    // bounded by max_open_unbondings (at most MAX_OPEN_UNBONDINGS_LIMIT)
    let entries: Vec<(u64, Unbonding)> = unbondings(storage, canonical, None)
        .take(MAX_OPEN_UNBONDINGS_LIMIT as usize)
        .filter(|item| item.as_ref().map_or(true, |(_, e)| e.release_at <= now))
        .collect::<Result<_, _>>()?;
    if entries.is_empty() {
        return Err(ContractError::NothingToClaim {
            owner: owner.to_string(),
        });
    }
    Ok(entries)
}
