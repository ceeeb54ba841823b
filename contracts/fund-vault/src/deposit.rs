//! Deposits (native funds or the cw20 hook) and fee income.

use backstop_types::fund_vault::{DepositEvent, DepositResponse, IncomeEvent, ReceiveMsg};
use backstop_types::governance::check_cw20_sender;
use backstop_types::math::{shares_for_deposit, MINIMUM_SHARES};
use cosmwasm_std::{
    from_json, to_json_binary, Addr, DepsMut, Env, MessageInfo, Response, StdResult, Uint128,
};
use cw20::Cw20ReceiveMsg;

use crate::epoch;
use crate::error::{ContractError, ContractResult};
use crate::state::{BALANCES, CONFIG, PARAMS, STATE};

/// Cw20 hook: only the vault's own cw20 asset is accepted.
pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> ContractResult<Response> {
    check_cw20_sender(&CONFIG.load(deps.storage)?.asset, &info.sender)?;
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Deposit {
            recipient,
            min_shares,
        } => deposit(deps, env, sender, wrapper.amount, recipient, min_shares),
        ReceiveMsg::AddIncome {} => add_income(deps, sender, wrapper.amount),
    }
}

/// Mints shares for `assets` already received, rounding down.
pub fn deposit(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    assets: Uint128,
    recipient: Option<String>,
    min_shares: Option<Uint128>,
) -> ContractResult<Response> {
    let params = PARAMS.load(deps.storage)?;
    if params.pause.deposits {
        return Err(ContractError::Paused {
            operation: "deposits",
        });
    }
    if assets.is_zero() {
        return Err(ContractError::ZeroAmount { what: "deposit" });
    }
    let recipient = match recipient {
        Some(r) => deps.api.addr_validate(&r)?,
        None => sender.clone(),
    };
    let mut state = STATE.load(deps.storage)?;
    // a vault left deeper than the threshold (by an older release) rolls
    // over before it mints
    let vault = &env.contract.address;
    let response = epoch::roll_if_due(deps.storage, &mut state, &params, vault, Response::new())?;
    epoch::settle_balance(deps.storage, &state, &recipient)?;
    if state.total_shares.is_zero() && assets <= MINIMUM_SHARES {
        return Err(ContractError::FirstDepositTooSmall {
            assets,
            minimum: MINIMUM_SHARES,
        });
    }
    let minted = shares_for_deposit(assets, state.total_assets, state.total_shares)?;
    if minted.to_recipient.is_zero() {
        return Err(ContractError::ZeroShares { assets });
    }
    if let Some(min_shares) = min_shares {
        if minted.to_recipient < min_shares {
            return Err(ContractError::SlippageExceeded {
                shares: minted.to_recipient,
                min_shares,
            });
        }
    }

    state.total_assets = state.total_assets.checked_add(assets)?;
    state.total_shares = state
        .total_shares
        .checked_add(minted.to_recipient)?
        .checked_add(minted.dead)?;
    STATE.save(deps.storage, &state)?;
    BALANCES.update(deps.storage, &recipient, |b| -> StdResult<_> {
        Ok(b.unwrap_or_default().checked_add(minted.to_recipient)?)
    })?;
    if !minted.dead.is_zero() {
        // a first deposit: no shares exist, and the vault's balance is live
        // (it converts at every rollover)
        BALANCES.save(deps.storage, vault, &minted.dead)?;
    }
    let event = DepositEvent {
        sender: sender.into_string(),
        recipient: recipient.into_string(),
        assets,
        shares: minted.to_recipient,
        total_assets: state.total_assets,
        total_shares: state.total_shares,
    };
    deposit_response(response, event)
}

fn deposit_response(response: Response, event: DepositEvent) -> ContractResult<Response> {
    let data = to_json_binary(&DepositResponse {
        shares: event.shares,
    })?;
    Ok(response
        .add_attribute("action", "deposit")
        .add_event(event)
        .set_data(data))
}

/// Adds `assets` already received to total assets without minting shares.
pub fn add_income(deps: DepsMut, sender: Addr, assets: Uint128) -> ContractResult<Response> {
    if PARAMS.load(deps.storage)?.pause.deposits {
        return Err(ContractError::Paused {
            operation: "deposits",
        });
    }
    if assets.is_zero() {
        return Err(ContractError::ZeroAmount { what: "income" });
    }
    let mut state = STATE.load(deps.storage)?;
    if state.total_shares.is_zero() {
        return Err(ContractError::NoShareholders { assets });
    }
    state.total_assets = state.total_assets.checked_add(assets)?;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "add_income")
        .add_event(IncomeEvent {
            sender: sender.into_string(),
            assets,
            total_assets: state.total_assets,
        }))
}
