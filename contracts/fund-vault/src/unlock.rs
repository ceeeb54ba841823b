//! Exits: `Unlock` escrows shares and starts a cooldown fixed at request
//! time; `WithdrawUnlocked` pays `min(value at request, value now)`.
//!
//! A request can be withdrawn only within its exit window after the
//! cooldown; past it, withdrawing lapses the request: its shares return to
//! the owner's balance and nothing is paid.
//!
//! A request keeps the share epoch its shares are counted in, and converts
//! them to the live epoch when it is withdrawn or lapses.
//!
//! Escrowed shares stay in the total supply (held by the vault's own
//! address), so losses while they wait reduce what they pay, while gains
//! after the request stay with the pool.

use backstop_types::fund_vault::{
    UnlockEvent, UnlockLapsedEvent, UnlockRequest, UnlockResponse, VaultState, WithdrawEvent,
};
use backstop_types::math::{convert_to_assets, exit_value};
use cosmwasm_std::{
    to_json_binary, Addr, DepsMut, Env, MessageInfo, Response, StdResult, Storage, Uint128,
};

use crate::epoch;
use crate::error::{ContractError, ContractResult};
use crate::state::{BALANCES, CONFIG, OPEN_UNLOCKS, PARAMS, STATE, UNLOCKS};

/// Escrows `shares` of the sender and opens an unlock request.
pub fn unlock(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    shares: Uint128,
) -> ContractResult<Response> {
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    if params.pause.exits {
        return Err(ContractError::Paused { operation: "exits" });
    }
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    let owner = info.sender;
    let mut state = epoch::settle(deps.storage, &[&owner])?;
    let balance = BALANCES.may_load(deps.storage, &owner)?.unwrap_or_default();
    if balance < shares {
        return Err(ContractError::InsufficientShares {
            balance,
            requested: shares,
        });
    }
    let open = OPEN_UNLOCKS
        .may_load(deps.storage, &owner)?
        .unwrap_or_default();
    if open >= params.max_open_unlocks {
        return Err(ContractError::TooManyUnlocks {
            owner: owner.into_string(),
            open,
            max: params.max_open_unlocks,
        });
    }

    let id = state.next_unlock_id;
    let now = env.block.time.seconds();
    let request = UnlockRequest {
        shares,
        assets_at_request: convert_to_assets(shares, state.total_assets, state.total_shares)?,
        release_at: now.saturating_add(params.cooldown_seconds),
        expires_at: now
            .saturating_add(params.cooldown_seconds)
            .saturating_add(params.exit_window_seconds),
        epoch: state.share_epoch,
    };
    state.next_unlock_id = id
        .checked_add(1)
        .ok_or(backstop_types::math::MathError::Overflow { what: "unlock id" })?;
    state.escrowed_shares = state.escrowed_shares.checked_add(shares)?;
    STATE.save(deps.storage, &state)?;

    BALANCES.save(deps.storage, &owner, &balance.checked_sub(shares)?)?;
    BALANCES.update(deps.storage, &env.contract.address, |b| -> StdResult<_> {
        Ok(b.unwrap_or_default().checked_add(shares)?)
    })?;
    UNLOCKS.save(deps.storage, (&owner, id), &request)?;
    OPEN_UNLOCKS.save(deps.storage, &owner, &(open + 1))?;
    unlock_response(owner, id, &request)
}

fn unlock_response(owner: Addr, id: u64, request: &UnlockRequest) -> ContractResult<Response> {
    Ok(Response::new()
        .add_attribute("action", "unlock")
        .add_event(UnlockEvent {
            owner: owner.into_string(),
            id,
            shares: request.shares,
            assets_at_request: request.assets_at_request,
            release_at: request.release_at,
            expires_at: request.expires_at,
        })
        .set_data(to_json_binary(&UnlockResponse {
            id,
            release_at: request.release_at,
            expires_at: request.expires_at,
        })?))
}

/// Pays out a matured unlock request of the sender and burns its shares.
pub fn withdraw_unlocked(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    recipient: Option<String>,
) -> ContractResult<Response> {
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    if params.pause.exits {
        return Err(ContractError::Paused { operation: "exits" });
    }
    let owner = info.sender;
    let recipient = match recipient {
        Some(r) => deps.api.addr_validate(&r)?,
        None => owner.clone(),
    };
    let now = env.block.time.seconds();
    let request = matured_request(deps.storage, &owner, id, now)?;
    if request.lapsed(now, params.exits_resumed_at) {
        return lapse(deps, env, owner, id, request);
    }

    let mut state = STATE.load(deps.storage)?;
    let shares = state.to_live(deps.storage, request.shares, request.epoch)?;
    let paid = exit_value(
        shares,
        request.assets_at_request,
        state.total_assets,
        state.total_shares,
    )?;
    state.total_assets = state.total_assets.checked_sub(paid)?;
    state.total_shares = state.total_shares.checked_sub(shares)?;
    let vault = &env.contract.address;
    close_request(deps.storage, state, vault, &owner, id, shares)?;

    let mut response = Response::new()
        .add_attribute("action", "withdraw_unlocked")
        .add_event(WithdrawEvent {
            owner: owner.into_string(),
            recipient: recipient.to_string(),
            id,
            shares,
            assets: paid,
        });
    if !paid.is_zero() {
        let asset = CONFIG.load(deps.storage)?.asset;
        response = response.add_message(asset.transfer_msg(&recipient, paid)?);
    }
    Ok(response)
}

/// Takes a request's escrowed shares out of escrow and out of the vault's
/// own balance (to burn them, or to return them), saves `state`, and closes
/// the request.
fn close_request(
    storage: &mut dyn Storage,
    mut state: VaultState,
    vault: &Addr,
    owner: &Addr,
    id: u64,
    shares: Uint128,
) -> ContractResult<()> {
    state.escrowed_shares = state.escrowed_shares.checked_sub(shares)?;
    STATE.save(storage, &state)?;
    BALANCES.update(storage, vault, |b| -> StdResult<_> {
        Ok(b.unwrap_or_default().checked_sub(shares)?)
    })?;
    UNLOCKS.remove(storage, (owner, id));
    match OPEN_UNLOCKS.may_load(storage, owner)?.unwrap_or_default() {
        0 | 1 => OPEN_UNLOCKS.remove(storage, owner),
        open => OPEN_UNLOCKS.save(storage, owner, &(open - 1))?,
    }
    Ok(())
}

/// `owner`'s request `id`, which must exist and be past its cooldown.
fn matured_request(
    storage: &dyn Storage,
    owner: &Addr,
    id: u64,
    now: u64,
) -> ContractResult<UnlockRequest> {
    let request =
        UNLOCKS
            .may_load(storage, (owner, id))?
            .ok_or_else(|| ContractError::UnlockNotFound {
                owner: owner.to_string(),
                id,
            })?;
    if now < request.release_at {
        return Err(ContractError::CooldownActive {
            id,
            release_at: request.release_at,
            now,
        });
    }
    Ok(request)
}

/// A request past its exit window: its escrowed shares return to the
/// owner's balance and nothing is paid. To leave, the owner unlocks anew
/// and waits a new cooldown.
fn lapse(
    deps: DepsMut,
    env: Env,
    owner: Addr,
    id: u64,
    request: UnlockRequest,
) -> ContractResult<Response> {
    let state = epoch::settle(deps.storage, &[&owner])?;
    let shares = state.to_live(deps.storage, request.shares, request.epoch)?;
    let vault = &env.contract.address;
    close_request(deps.storage, state, vault, &owner, id, shares)?;
    BALANCES.update(deps.storage, &owner, |b| -> StdResult<_> {
        Ok(b.unwrap_or_default().checked_add(shares)?)
    })?;
    Ok(Response::new()
        .add_attribute("action", "unlock_lapsed")
        .add_event(UnlockLapsedEvent {
            owner: owner.into_string(),
            id,
            shares,
        }))
}
