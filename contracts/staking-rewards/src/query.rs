//! Read-only queries, one function per query, grouped: the pool, stakers
//! and rewards. Rewards are shown advanced to the current block.

use backstop_types::governance::{page, page_limit, start_after_addr, MAX_LIMIT};
use backstop_types::math::{convert_to_assets, floor_to_uint};
use backstop_types::staking::epochs::{preview_entry, preview_staker};
use backstop_types::staking::{
    ConfigResponse, PendingReward, QueryMsg, RewardAssetResponse, RewardAssetsResponse,
    StakerResponse, StakerSummary, StakersResponse, StakingState, TotalsResponse, UnbondingView,
    UnbondingsResponse, MAX_OPEN_UNBONDINGS_LIMIT,
};
use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, Env, Uint128};

use crate::error::ContractResult;
use crate::rewards::load_rewards;
use crate::state::{
    staking_token, unbondings as entries, PARAMS, REWARDS, REWARD_ASSETS, STAKERS, STATE,
};

/// Dispatches a query.
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    let now = env.block.time.seconds();
    match msg {
        QueryMsg::Config {} => Ok(to_json_binary(&ConfigResponse {
            staking_token: staking_token(deps.storage, deps.api)?.into_string(),
            reward_assets: REWARD_ASSETS.load(deps.storage)?,
        })?),
        QueryMsg::Params {} => {
            let mut params = PARAMS.load(deps.storage)?;
            params.mature(env.block.time.seconds());
            Ok(to_json_binary(&params)?)
        }
        QueryMsg::Totals {} => totals(deps),
        QueryMsg::Staker { address } => staker(deps, now, address),
        QueryMsg::Stakers { start_after, limit } => stakers(deps, start_after, limit),
        QueryMsg::Unbondings {
            owner,
            start_after,
            limit,
        } => {
            let owner = deps.api.addr_validate(&owner)?;
            let s = STATE.load(deps.storage)?;
            Ok(to_json_binary(&UnbondingsResponse {
                unbondings: unbondings(deps, &s, now, &owner, start_after, page_limit(limit))?,
            })?)
        }
        QueryMsg::RewardAssets {} => reward_assets(deps, now),
        QueryMsg::Ownership {} => Ok(to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?),
    }
}

// --- the pool --------------------------------------------------------------

fn totals(deps: Deps) -> ContractResult<Binary> {
    let s = STATE.load(deps.storage)?;
    let params = PARAMS.load(deps.storage)?;
    let unbonding = REWARDS
        .load(deps.storage)?
        .unbonding_shares(s.total_shares)?;
    let unbonding_tokens = tokens(&s, unbonding)?;
    Ok(to_json_binary(&TotalsResponse {
        total_tokens: s.total_tokens,
        total_shares: s.total_shares,
        bonded_tokens: s.total_tokens.checked_sub(unbonding_tokens)?,
        unbonding_tokens,
        slash_capacity: s.slash_capacity(&params)?,
        pause: s.pause,
    })?)
}

// --- stakers ---------------------------------------------------------------

fn staker(deps: Deps, now: u64, address: String) -> ContractResult<Binary> {
    let address = deps.api.addr_validate(&address)?;
    let s = STATE.load(deps.storage)?;
    let rewards = load_rewards(deps.storage, now)?;
    let assets = REWARD_ASSETS.load(deps.storage)?;
    let mut staker = STAKERS
        .may_load(deps.storage, &address)?
        .unwrap_or_default();
    preview_staker(deps.storage, &s, &rewards, &mut staker)?;
    staker.settle(&rewards.assets)?;
    let pending_rewards = assets
        .into_iter()
        .zip(&staker.rewards)
        .map(|(asset, r)| {
            Ok(PendingReward {
                asset,
                amount: floor_to_uint(r.pending)?,
            })
        })
        .collect::<ContractResult<_>>()?;
    Ok(to_json_binary(&StakerResponse {
        staked_tokens: tokens(&s, staker.shares)?,
        unbonding_tokens: tokens(&s, unbonding_shares(deps, &s, &address)?)?,
        shares: staker.shares,
        pending_rewards,
        unbondings: unbondings(deps, &s, now, &address, None, MAX_LIMIT as usize)?,
        address: address.into_string(),
    })?)
}

fn stakers(deps: Deps, start_after: Option<String>, limit: Option<u32>) -> ContractResult<Binary> {
    let s = STATE.load(deps.storage)?;
    let rewards = REWARDS.load(deps.storage)?;
    let start = start_after_addr(deps.api, start_after)?;
    let stakers = page(&STAKERS, deps.storage, start.as_ref(), limit)
        .map(|item| {
            let (address, mut staker) = item?;
            preview_staker(deps.storage, &s, &rewards, &mut staker)?;
            Ok(StakerSummary {
                staked_tokens: tokens(&s, staker.shares)?,
                unbonding_tokens: tokens(&s, unbonding_shares(deps, &s, &address)?)?,
                address: address.into_string(),
            })
        })
        .collect::<ContractResult<_>>()?;
    Ok(to_json_binary(&StakersResponse { stakers })?)
}

// --- rewards ---------------------------------------------------------------

fn reward_assets(deps: Deps, now: u64) -> ContractResult<Binary> {
    let rewards = load_rewards(deps.storage, now)?.assets;
    let assets = REWARD_ASSETS
        .load(deps.storage)?
        .into_iter()
        .zip(rewards)
        .map(|(asset, r)| {
            Ok(RewardAssetResponse {
                undistributed: floor_to_uint(r.undistributed(now)?)?,
                rate: if r.stream_end > now {
                    r.rate
                } else {
                    Default::default()
                },
                asset,
                index: r.index,
                period_end: r.stream_end,
                funded: r.funded,
                claimed: r.claimed,
            })
        })
        .collect::<ContractResult<_>>()?;
    Ok(to_json_binary(&RewardAssetsResponse { assets })?)
}

// --- shares, tokens and unbonding entries ----------------------------------

fn tokens(s: &StakingState, shares: Uint128) -> ContractResult<Uint128> {
    Ok(convert_to_assets(shares, s.total_tokens, s.total_shares)?)
}

/// Shares in `owner`'s unbonding entries (at most
/// [`MAX_OPEN_UNBONDINGS_LIMIT`] of them).
/// Entries of an older share epoch count at what they would convert to now.
fn unbonding_shares(deps: Deps, s: &StakingState, owner: &Addr) -> ContractResult<Uint128> {
    let owner = deps.api.addr_canonicalize(owner.as_str())?;
    entries(deps.storage, &owner, None)
        .take(MAX_OPEN_UNBONDINGS_LIMIT as usize)
        .try_fold(Uint128::zero(), |acc, item| {
            let shares = preview_entry(deps.storage, s, &item?.1)?;
            Ok(acc.checked_add(shares)?)
        })
}

fn unbondings(
    deps: Deps,
    s: &StakingState,
    now: u64,
    owner: &Addr,
    start_after: Option<u64>,
    take: usize,
) -> ContractResult<Vec<UnbondingView>> {
    let owner = deps.api.addr_canonicalize(owner.as_str())?;
    let resumed_at = PARAMS.load(deps.storage)?.claims_resumed_at;
    entries(deps.storage, &owner, start_after)
        .take(take)
        .map(|item| {
            let (id, e) = item?;
            let shares = preview_entry(deps.storage, s, &e)?;
            Ok(UnbondingView {
                id,
                shares,
                tokens: tokens(s, shares)?,
                release_at: e.release_at,
                expires_at: e.exit_window.map(|_| e.expires_at()),
                lapsed: e.lapsed(now, resumed_at),
            })
        })
        .collect()
}
