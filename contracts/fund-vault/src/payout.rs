//! Shortfall payouts to registered claimants, within every limit.

use backstop_types::fund_vault::{
    CoverShortfallEvent, CoverShortfallResponse, ShareHookMsg, SlashRedeemEvent,
};
use backstop_types::math::convert_to_assets;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Uint128,
};

use crate::error::{ContractError, ContractResult};
use crate::state::{BALANCES, CLAIMANTS, CONFIG, PARAMS, STATE};

/// Pays `min(amount, every limit)` to `recipient`. Never fails because the
/// fund is short: it pays what it can and reports the rest as uncovered.
pub fn cover_shortfall(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
    recipient: String,
) -> ContractResult<Response> {
    let mut claimant = CLAIMANTS
        .may_load(deps.storage, &info.sender)?
        .ok_or_else(|| ContractError::UnknownClaimant {
            address: info.sender.to_string(),
        })?;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shortfall" });
    }
    let params = PARAMS.load(deps.storage)?;
    if params.pause.payouts {
        return Err(ContractError::Paused {
            operation: "payouts",
        });
    }
    let recipient = deps.api.addr_validate(&recipient)?;
    let now = env.block.time.seconds();
    let mut state = STATE.load(deps.storage)?;

    let paid = amount.min(claimant.coverable(&params, &state, now)?);
    let uncovered = amount - paid;

    let mut response = Response::new().add_attribute("action", "cover_shortfall");
    if !paid.is_zero() {
        claimant.record_payout(paid, now)?;
        CLAIMANTS.save(deps.storage, &info.sender, &claimant)?;
        state.total_assets = state.total_assets.checked_sub(paid)?;
        STATE.save(deps.storage, &state)?;
        let asset = CONFIG.load(deps.storage)?.asset;
        response = response.add_message(asset.transfer_msg(&recipient, paid)?);
    }
    Ok(response
        .add_event(CoverShortfallEvent {
            claimant: info.sender.into_string(),
            recipient: recipient.into_string(),
            requested: amount,
            paid,
            uncovered,
            total_assets: state.total_assets,
        })
        .set_data(to_json_binary(&CoverShortfallResponse { paid, uncovered })?))
}

/// Redeems `shares` that a slash source sent to the vault: burns them and
/// pays their value now, rounded down, to the hook's recipient at once. This
/// is the only exit without cooldown, and it is the slashing path: the shares
/// were taken from stakers. Pauses do not stop it, so a loss can always be
/// covered.
pub fn redeem_slashed(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    shares: Uint128,
    msg: Binary,
) -> ContractResult<Response> {
    let source = info.sender;
    if !PARAMS.load(deps.storage)?.slash_sources.contains(&source) {
        return Err(ContractError::SharesToVault {
            sender: source.into_string(),
        });
    }
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    let ShareHookMsg::RedeemSlashed { recipient } = from_json(&msg)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    let balance = BALANCES
        .may_load(deps.storage, &source)?
        .unwrap_or_default();
    if balance < shares {
        return Err(ContractError::InsufficientShares {
            balance,
            requested: shares,
        });
    }
    let mut state = STATE.load(deps.storage)?;
    let assets = convert_to_assets(shares, state.total_assets, state.total_shares)?;
    state.total_assets = state.total_assets.checked_sub(assets)?;
    state.total_shares = state.total_shares.checked_sub(shares)?;
    STATE.save(deps.storage, &state)?;
    BALANCES.save(deps.storage, &source, &(balance - shares))?;

    let mut response = Response::new()
        .add_attribute("action", "redeem_slashed")
        .add_event(SlashRedeemEvent {
            source: source.into_string(),
            recipient: recipient.to_string(),
            shares,
            assets,
            total_assets: state.total_assets,
        });
    if !assets.is_zero() {
        let asset = CONFIG.load(deps.storage)?.asset;
        response = response.add_message(asset.transfer_msg(&recipient, assets)?);
    }
    Ok(response)
}
