//! Share epochs (see `backstop_types::fund_vault::epochs`): the rollover
//! after a deep payout, and bringing a balance or an allowance to the live
//! epoch before anything reads or moves it.
//!
//! Before the first rollover every function here reads the state only, and
//! writes nothing.

use backstop_types::calls;
use backstop_types::fund_vault::epochs::{ShareEpochMsg, ALLOWANCE_EPOCHS, BALANCE_EPOCHS};
use backstop_types::fund_vault::{Params, ShareEpochEvent, VaultState};
use cosmwasm_std::{Addr, Response, StdResult, Storage, Uint128};
use cw20_base::state::{ALLOWANCES, ALLOWANCES_SPENDER};

use crate::error::ContractResult;
use crate::state::{BALANCES, STATE};

/// Opens a share epoch if one is due (the vault holds more than 10⁷ shares
/// per asset unit), before `state` is saved: converts the vault's own
/// balance (the dead and escrowed shares) at once, and tells every slash
/// source, whose books are in vault shares, in the same transaction.
pub fn roll_if_due(
    storage: &mut dyn Storage,
    state: &mut VaultState,
    params: &Params,
    vault: &Addr,
    response: Response,
) -> ContractResult<Response> {
    let Some(exp) = state.rollover_due() else {
        return Ok(response);
    };
    settle_balance(storage, state, vault)?;
    state.open_epoch(storage, exp)?;
    settle_balance(storage, state, vault)?;
    let notice = ShareEpochMsg::ShareEpochOpened {
        epoch: state.share_epoch,
        divisor_exp: exp,
    };
    let mut response = response.add_event(ShareEpochEvent {
        epoch: state.share_epoch,
        divisor_exp: exp,
        total_shares: state.total_shares,
        total_assets: state.total_assets,
    });
    for source in &params.slash_sources {
        response = response.add_message(calls::execute(source.clone(), &notice)?);
    }
    Ok(response)
}

/// Loads the state and brings each holder's balance to the live epoch
/// (none: only loads the state).
pub fn settle(storage: &mut dyn Storage, holders: &[&Addr]) -> ContractResult<VaultState> {
    let state = STATE.load(storage)?;
    for holder in holders {
        settle_balance(storage, &state, holder)?;
    }
    Ok(state)
}

/// Brings `holder`'s balance to the live epoch and tags it so.
pub fn settle_balance(
    storage: &mut dyn Storage,
    state: &VaultState,
    holder: &Addr,
) -> StdResult<()> {
    if state.share_epoch == 0 {
        return Ok(());
    }
    let tag = BALANCE_EPOCHS
        .may_load(storage, holder)?
        .unwrap_or_default();
    if tag == state.share_epoch {
        return Ok(());
    }
    if let Some(balance) = BALANCES.may_load(storage, holder)? {
        let live = state.to_live(storage, balance, tag)?;
        BALANCES.save(storage, holder, &live)?;
    }
    BALANCE_EPOCHS.save(storage, holder, &state.share_epoch)
}

/// Brings the allowance `owner` gave `spender` to the live epoch (both of
/// cw20-base's copies) and tags it so.
pub fn settle_allowance(
    storage: &mut dyn Storage,
    state: &VaultState,
    owner: &Addr,
    spender: &Addr,
) -> StdResult<()> {
    if state.share_epoch == 0 {
        return Ok(());
    }
    let key = (owner, spender);
    let tag = ALLOWANCE_EPOCHS.may_load(storage, key)?.unwrap_or_default();
    if tag == state.share_epoch {
        return Ok(());
    }
    if let Some(mut a) = ALLOWANCES.may_load(storage, key)? {
        a.allowance = state.to_live(storage, a.allowance, tag)?;
        ALLOWANCES.save(storage, key, &a)?;
        ALLOWANCES_SPENDER.save(storage, (spender, owner), &a)?;
    }
    ALLOWANCE_EPOCHS.save(storage, key, &state.share_epoch)
}

/// `holder`'s balance read as of the live epoch, for the queries.
pub fn live_balance(
    storage: &dyn Storage,
    state: &VaultState,
    holder: &Addr,
    raw: Uint128,
) -> StdResult<Uint128> {
    if state.share_epoch == 0 {
        return Ok(raw);
    }
    let tag = BALANCE_EPOCHS
        .may_load(storage, holder)?
        .unwrap_or_default();
    state.to_live(storage, raw, tag)
}

/// An allowance read as of the live epoch, for the queries.
pub fn live_allowance(
    storage: &dyn Storage,
    state: &VaultState,
    owner: &Addr,
    spender: &Addr,
    raw: Uint128,
) -> StdResult<Uint128> {
    if state.share_epoch == 0 {
        return Ok(raw);
    }
    let tag = ALLOWANCE_EPOCHS
        .may_load(storage, (owner, spender))?
        .unwrap_or_default();
    state.to_live(storage, raw, tag)
}
