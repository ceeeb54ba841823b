//! The cw20 base interface of the share token (`Transfer`, `Send`) over the
//! vault's own balances, stored in cw20-base's layout (`balance`).
//!
//! Minting and burning are not exposed: shares are only minted by deposits and
//! burned by withdrawals and slash redemptions. Shares cannot be moved to the
//! vault's own address, which holds the dead shares and the escrowed shares
//! of unlock requests, except by a slash source's `Send`, which redeems them.

use cosmwasm_std::{Addr, Binary, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use cw20::Cw20ReceiveMsg;

use crate::error::{ContractError, ContractResult};
use crate::payout;
use crate::state::BALANCES;

fn not_to_vault(env: &Env, info: &MessageInfo, recipient: &str) -> ContractResult<()> {
    if recipient == env.contract.address.as_str() {
        return Err(ContractError::SharesToVault {
            sender: info.sender.to_string(),
        });
    }
    Ok(())
}

/// Moves `amount` shares from `from` to `to` (which may be `from`).
fn move_shares(
    storage: &mut dyn Storage,
    from: &Addr,
    to: &Addr,
    amount: Uint128,
) -> ContractResult<()> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "share transfer",
        });
    }
    let balance = BALANCES.may_load(storage, from)?.unwrap_or_default();
    let left = balance
        .checked_sub(amount)
        .map_err(|_| ContractError::TransferExceedsBalance {
            balance,
            requested: amount,
        })?;
    BALANCES.save(storage, from, &left)?;
    let received = BALANCES.may_load(storage, to)?.unwrap_or_default();
    BALANCES.save(storage, to, &received.checked_add(amount)?)?;
    Ok(())
}

/// Cw20 `Transfer`.
pub fn transfer(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> ContractResult<Response> {
    not_to_vault(&env, &info, &recipient)?;
    let to = deps.api.addr_validate(&recipient)?;
    move_shares(deps.storage, &info.sender, &to, amount)?;
    Ok(Response::new()
        .add_attribute("action", "transfer")
        .add_attribute("from", info.sender)
        .add_attribute("to", to)
        .add_attribute("amount", amount))
}

/// Cw20 `Send`: moves shares to a contract and calls its `Receive` hook.
pub fn send(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> ContractResult<Response> {
    if contract == env.contract.address.as_str() {
        // a slash source handing over slashed shares: redeemed here, without
        // a second execution for the hook
        return payout::redeem_slashed(deps, env, info, amount, msg);
    }
    let to = deps.api.addr_validate(&contract)?;
    move_shares(deps.storage, &info.sender, &to, amount)?;
    let hook = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount,
        msg,
    }
    .into_cosmos_msg(&to)?;
    Ok(Response::new()
        .add_attribute("action", "send")
        .add_attribute("from", info.sender)
        .add_attribute("to", to)
        .add_attribute("amount", amount)
        .add_message(hook))
}
