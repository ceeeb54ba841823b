//! The share token's cw20 execute messages: `Transfer` and `Send`, and the
//! allowance extension (`IncreaseAllowance`, `DecreaseAllowance`,
//! `TransferFrom`, `SendFrom`). cw20-base moves the balances and keeps the
//! allowances, in its own storage layout (`balance`, `allowance`,
//! `allowance_spender`); this module adds the vault's rules in front of it
//! and turns its errors into the vault's.
//!
//! The vault's rules, the same for a move by the holder and by a spender:
//! - a move of zero shares is refused;
//! - shares cannot be moved to the vault's own address, which holds the dead
//!   shares and the escrowed shares of unlock requests, except by a slash
//!   source's own `Send`, which redeems them;
//! - the shares the vault holds never move by allowance.
//!
//! Every move first brings the balances and the allowance it touches to
//! the live share epoch (nothing before the first rollover).
//!
//! Minting and burning are not exposed (no `Mint`, `Burn`, `BurnFrom`):
//! shares are only minted by deposits and burned by withdrawals and slash
//! redemptions.

use cosmwasm_std::{Addr, Binary, DepsMut, Env, MessageInfo, Response, StdError, Storage, Uint128};
use cw20::Expiration;
use cw20_base::allowances::{
    execute_decrease_allowance, execute_increase_allowance, execute_send_from,
    execute_transfer_from,
};
use cw20_base::contract::{execute_send, execute_transfer};
use cw20_base::state::ALLOWANCES;
use cw20_base::ContractError as Cw20Error;

use crate::epoch;
use crate::error::{ContractError, ContractResult};
use crate::payout;
use crate::state::BALANCES;

/// The rules every move checks before cw20-base moves anything: a positive
/// amount, and a destination other than the vault.
fn check_move(env: &Env, sender: &Addr, to: &str, amount: Uint128) -> ContractResult<()> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "share transfer",
        });
    }
    if to == env.contract.address.as_str() {
        return Err(ContractError::SharesToVault {
            sender: sender.to_string(),
        });
    }
    Ok(())
}

fn balance_of(storage: &dyn Storage, holder: &Addr) -> ContractResult<Uint128> {
    Ok(BALANCES.may_load(storage, holder)?.unwrap_or_default())
}

/// Cw20 `Transfer`.
pub fn transfer(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> ContractResult<Response> {
    check_move(&env, &info.sender, &recipient, amount)?;
    let to = deps.api.addr_validate(&recipient)?;
    epoch::settle(deps.storage, &[&info.sender, &to])?;
    let sender = info.sender.clone();
    execute_transfer(deps.branch(), env, info, recipient, amount)
        .map_err(|e| holder_error(deps.storage, &sender, amount, "transfer", e))
}

/// Cw20 `Send`: moves shares to a contract and calls its `Receive` hook.
/// A `Send` to the vault itself is a slash source handing over slashed
/// shares: they are redeemed here, without a second execution for a hook.
pub fn send(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> ContractResult<Response> {
    if contract == env.contract.address.as_str() {
        return payout::redeem_slashed(deps, env, info, amount, msg);
    }
    check_move(&env, &info.sender, &contract, amount)?;
    let to = deps.api.addr_validate(&contract)?;
    epoch::settle(deps.storage, &[&info.sender, &to])?;
    let sender = info.sender.clone();
    execute_send(deps.branch(), env, info, contract, amount, msg)
        .map_err(|e| holder_error(deps.storage, &sender, amount, "send", e))
}

/// cw20-base's errors of a move by the holder. Its only arithmetic failure
/// there is the holder's balance (the recipient's cannot overflow: it is at
/// most the total supply), and it fails before writing, so the balance read
/// here is the one it refused.
fn holder_error(
    storage: &dyn Storage,
    holder: &Addr,
    amount: Uint128,
    action: &'static str,
    e: Cw20Error,
) -> ContractError {
    match e {
        Cw20Error::Std(StdError::Overflow { .. }) => match balance_of(storage, holder) {
            Ok(balance) => ContractError::TransferExceedsBalance {
                balance,
                requested: amount,
            },
            Err(e) => e,
        },
        Cw20Error::Std(e) => e.into(),
        source => ContractError::ShareToken { action, source },
    }
}

/// Cw20 `IncreaseAllowance`.
pub fn increase_allowance(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> ContractResult<Response> {
    let spender_addr = deps.api.addr_validate(&spender)?;
    let state = epoch::settle(deps.storage, &[])?;
    epoch::settle_allowance(deps.storage, &state, &info.sender, &spender_addr)?;
    // cw20-base adds without a check, which would abort the execution
    let allowance = ALLOWANCES
        .may_load(deps.storage, (&info.sender, &spender_addr))?
        .unwrap_or_default()
        .allowance;
    if allowance.checked_add(amount).is_err() {
        return Err(ContractError::AllowanceOverflow {
            owner: info.sender.into_string(),
            spender,
            allowance,
            increase: amount,
        });
    }
    let owner = info.sender.clone();
    execute_increase_allowance(deps.branch(), env, info, spender.clone(), amount, expires)
        .map_err(|e| allowance_error(&owner, spender, expires, "increase_allowance", e))
}

/// Cw20 `DecreaseAllowance`.
pub fn decrease_allowance(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> ContractResult<Response> {
    let owner = info.sender.clone();
    if let Ok(spender_addr) = deps.api.addr_validate(&spender) {
        let state = epoch::settle(deps.storage, &[])?;
        epoch::settle_allowance(deps.storage, &state, &owner, &spender_addr)?;
    }
    execute_decrease_allowance(deps.branch(), env, info, spender.clone(), amount, expires)
        .map_err(|e| allowance_error(&owner, spender, expires, "decrease_allowance", e))
}

/// cw20-base's errors of a change to an allowance. Decreasing one that does
/// not exist fails to load it.
fn allowance_error(
    owner: &Addr,
    spender: String,
    expires: Option<Expiration>,
    action: &'static str,
    e: Cw20Error,
) -> ContractError {
    match (e, expires) {
        (Cw20Error::CannotSetOwnAccount {}, _) => ContractError::AllowanceToSelf {
            owner: owner.to_string(),
        },
        (Cw20Error::InvalidExpiration {}, Some(expires)) => {
            ContractError::AllowanceExpirationPassed {
                owner: owner.to_string(),
                spender,
                expires,
            }
        }
        (Cw20Error::Std(StdError::NotFound { .. }), _) => ContractError::NoAllowance {
            owner: owner.to_string(),
            spender,
        },
        (Cw20Error::Std(e), _) => e.into(),
        (source, _) => ContractError::ShareToken { action, source },
    }
}

/// Cw20 `TransferFrom`: the sender moves `owner`'s shares within the
/// allowance `owner` gave it.
pub fn transfer_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    recipient: String,
    amount: Uint128,
) -> ContractResult<Response> {
    let owner_addr = check_move_from(deps.branch(), &env, &info, &owner, &recipient, amount)?;
    let spender = info.sender.clone();
    execute_transfer_from(deps.branch(), env, info, owner, recipient, amount).map_err(|e| {
        spender_error(
            deps.storage,
            &owner_addr,
            &spender,
            amount,
            "transfer_from",
            e,
        )
    })
}

/// Cw20 `SendFrom`: the sender moves `owner`'s shares to a contract within
/// the allowance `owner` gave it, and the contract's `Receive` hook names
/// the sender. Shares never reach the vault this way: only a slash source's
/// own `Send` redeems.
pub fn send_from(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> ContractResult<Response> {
    let owner_addr = check_move_from(deps.branch(), &env, &info, &owner, &contract, amount)?;
    let spender = info.sender.clone();
    execute_send_from(deps.branch(), env, info, owner, contract, amount, msg)
        .map_err(|e| spender_error(deps.storage, &owner_addr, &spender, amount, "send_from", e))
}

/// The rules of a move by a spender: those of every move, shares the vault
/// holds never move, and the owner's balance suffices. The balance is
/// checked here, before cw20-base deducts the allowance, so that its one
/// arithmetic failure left is the allowance's.
fn check_move_from(
    deps: DepsMut,
    env: &Env,
    info: &MessageInfo,
    owner: &str,
    to: &str,
    amount: Uint128,
) -> ContractResult<Addr> {
    check_move(env, &info.sender, to, amount)?;
    let owner = deps.api.addr_validate(owner)?;
    if owner == env.contract.address {
        return Err(ContractError::VaultSharesLocked {
            spender: info.sender.to_string(),
        });
    }
    let to = deps.api.addr_validate(to)?;
    let state = epoch::settle(deps.storage, &[&owner, &to])?;
    epoch::settle_allowance(deps.storage, &state, &owner, &info.sender)?;
    let balance = balance_of(deps.storage, &owner)?;
    if balance < amount {
        return Err(ContractError::TransferExceedsBalance {
            balance,
            requested: amount,
        });
    }
    Ok(owner)
}

/// cw20-base's errors of a move by a spender, once the balance is known to
/// suffice. A refused allowance is left as it was, so the one read here is
/// the one refused.
fn spender_error(
    storage: &dyn Storage,
    owner: &Addr,
    spender: &Addr,
    amount: Uint128,
    action: &'static str,
    e: Cw20Error,
) -> ContractError {
    let (owner_s, spender_s) = (owner.to_string(), spender.to_string());
    let stored = || ALLOWANCES.may_load(storage, (owner, spender));
    match e {
        Cw20Error::NoAllowance {} => ContractError::NoAllowance {
            owner: owner_s,
            spender: spender_s,
        },
        Cw20Error::Expired {} => match stored() {
            Ok(a) => ContractError::AllowanceExpired {
                owner: owner_s,
                spender: spender_s,
                expires: a.unwrap_or_default().expires,
            },
            Err(e) => e.into(),
        },
        Cw20Error::Std(StdError::Overflow { .. }) => match stored() {
            Ok(a) => ContractError::AllowanceExceeded {
                owner: owner_s,
                spender: spender_s,
                allowance: a.unwrap_or_default().allowance,
                requested: amount,
            },
            Err(e) => e.into(),
        },
        Cw20Error::Std(e) => e.into(),
        source => ContractError::ShareToken { action, source },
    }
}
