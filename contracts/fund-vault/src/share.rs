//! The cw20 interface of the share token, served by cw20-base's library
//! functions over the vault's own balances.
//!
//! Minting and burning are not exposed: shares are only minted by deposits and
//! burned by withdrawals and slash redemptions. Shares cannot be moved to the
//! vault's own address, which holds the dead shares and the escrowed shares
//! of unlock requests, except by a slash source's `Send`, which redeems them.

use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20_base::contract as base;

use crate::error::{ContractError, ContractResult};
use crate::payout;

fn not_to_vault(env: &Env, info: &MessageInfo, recipient: &str) -> ContractResult<()> {
    if recipient == env.contract.address.as_str() {
        return Err(ContractError::SharesToVault {
            sender: info.sender.to_string(),
        });
    }
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
    Ok(base::execute_transfer(deps, env, info, recipient, amount)?)
}

/// Cw20 `Send`.
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
    Ok(base::execute_send(deps, env, info, contract, amount, msg)?)
}
