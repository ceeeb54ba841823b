//! Unbonding: `Unstake` moves bonded shares into an entry released after
//! the unbonding period (fixed at request time); `Claim` pays matured
//! entries at the pool's rate at claim time, so slashes during unbonding
//! are borne.

use backstop_types::math::{convert_to_assets, shares_for_unstake};
use backstop_types::staking::{
    ClaimEvent, Unbonding, UnstakeEvent, UnstakeResponse, MAX_OPEN_UNBONDINGS_LIMIT,
};
use cosmwasm_std::{
    to_json_binary, Addr, DepsMut, Env, MessageInfo, Order, Response, Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;

use crate::error::{ContractError, ContractResult};
use crate::rewards::{load_rewards, save_staker};
use crate::state::{CONFIG, PARAMS, REWARDS, STAKERS, STATE, UNBONDINGS};

/// Starts unbonding `amount` tokens' worth of the sender's bonded shares.
/// Earning shares do not change (unbonding shares earn), so rewards need no
/// settlement here.
pub fn unstake(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> ContractResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    if state.pause.unbonding {
        return Err(ContractError::Paused {
            operation: "unbondings",
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "unstake" });
    }
    let params = PARAMS.load(deps.storage)?;
    let owner = info.sender;
    let mut staker = STAKERS.may_load(deps.storage, &owner)?.unwrap_or_default();
    let staked = convert_to_assets(staker.shares, state.total_tokens, state.total_shares)?;
    if amount > staked {
        return Err(ContractError::InsufficientStake {
            staked,
            requested: amount,
        });
    }
    if staker.open_unbondings >= params.max_open_unbondings {
        return Err(ContractError::TooManyUnbondings {
            owner: owner.into_string(),
            open: staker.open_unbondings,
            max: params.max_open_unbondings,
        });
    }
    let shares =
        shares_for_unstake(amount, state.total_tokens, state.total_shares)?.min(staker.shares);
    staker.shares -= shares;
    staker.unbonding_shares = staker.unbonding_shares.checked_add(shares)?;
    staker.open_unbondings += 1;
    state.unbonding_shares = state.unbonding_shares.checked_add(shares)?;
    let id = state.next_unbonding_id;
    state.next_unbonding_id += 1;
    let release_at = env
        .block
        .time
        .seconds()
        .saturating_add(params.unbonding_seconds);

    UNBONDINGS.save(
        deps.storage,
        (&owner, id),
        &Unbonding { shares, release_at },
    )?;
    STAKERS.save(deps.storage, &owner, &staker)?;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "unstake")
        .add_event(UnstakeEvent {
            staker: owner.into_string(),
            id,
            amount,
            shares,
            release_at,
        })
        .set_data(to_json_binary(&UnstakeResponse { id, release_at })?))
}

/// Pays the sender's matured unbonding entries: `id`, or all matured ones.
pub fn claim(
    deps: DepsMut,
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
    let entries = matured_entries(&deps, &owner, id, now)?;
    let shares = entries
        .iter()
        .try_fold(Uint128::zero(), |acc, (_, e)| acc.checked_add(e.shares))?;

    let rewards = load_rewards(deps.storage, now, state.total_shares)?;
    let mut staker = STAKERS.load(deps.storage, &owner)?;
    staker.settle(&rewards)?;

    let tokens = convert_to_assets(shares, state.total_tokens, state.total_shares)?;
    state.total_tokens = state.total_tokens.checked_sub(tokens)?;
    state.total_shares = state.total_shares.checked_sub(shares)?;
    state.unbonding_shares = state.unbonding_shares.checked_sub(shares)?;
    staker.unbonding_shares = staker.unbonding_shares.checked_sub(shares)?;
    staker.open_unbondings = staker.open_unbondings.saturating_sub(entries.len() as u32);
    for (id, _) in &entries {
        UNBONDINGS.remove(deps.storage, (&owner, *id));
    }
    save_staker(deps.storage, &owner, &staker)?;
    STATE.save(deps.storage, &state)?;
    REWARDS.save(deps.storage, &rewards)?;

    let mut response = Response::new()
        .add_attribute("action", "claim")
        .add_event(ClaimEvent {
            staker: owner.to_string(),
            entries: entries.len() as u32,
            amount: tokens,
        });
    if !tokens.is_zero() {
        response = response.add_message(WasmMsg::Execute {
            contract_addr: CONFIG.load(deps.storage)?.staking_token.into_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: owner.into_string(),
                amount: tokens,
            })?,
            funds: vec![],
        });
    }
    Ok(response)
}

fn matured_entries(
    deps: &DepsMut,
    owner: &Addr,
    id: Option<u64>,
    now: u64,
) -> ContractResult<Vec<(u64, Unbonding)>> {
    if let Some(id) = id {
        let entry = UNBONDINGS
            .may_load(deps.storage, (owner, id))?
            .ok_or_else(|| ContractError::UnbondingNotFound {
                owner: owner.to_string(),
                id,
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
    let entries: Vec<(u64, Unbonding)> = UNBONDINGS
        .prefix(owner)
        .range(deps.storage, None, None, Order::Ascending)
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
