//! Shortfall payouts to registered claimants, within every limit.

use backstop_types::fund_vault::{
    CoverShortfallEvent, CoverShortfallResponse, Params, ShareHookMsg, SlashRedeemEvent, VaultState,
};
use backstop_types::math::convert_to_assets;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, DepsMut, Env, MessageInfo, Response, Storage, Uint128,
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
    let params = PARAMS.load(deps.storage)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    let mut state = STATE.load(deps.storage)?;
    let event = draw(
        deps.storage,
        &params,
        &mut state,
        &info.sender,
        amount,
        &recipient,
        env.block.time.seconds(),
    )?;
    let mut response = Response::new().add_attribute("action", "cover_shortfall");
    if !event.paid.is_zero() {
        STATE.save(deps.storage, &state)?;
        let asset = CONFIG.load(deps.storage)?.asset;
        response = response.add_message(asset.transfer_msg(&recipient, event.paid)?);
    }
    let data = CoverShortfallResponse {
        paid: event.paid,
        uncovered: event.uncovered,
    };
    Ok(response.add_event(event).set_data(to_json_binary(&data)?))
}

/// One claimant's draw of `amount`: pays `min(amount, every limit)` out of
/// `state` (which the caller saves) and records the claimant's usage.
/// Fails only on an unknown claimant, a zero amount or paused payouts.
fn draw(
    storage: &mut dyn Storage,
    params: &Params,
    state: &mut VaultState,
    claimant_addr: &Addr,
    amount: Uint128,
    recipient: &Addr,
    now: u64,
) -> ContractResult<CoverShortfallEvent> {
    let mut claimant = CLAIMANTS.may_load(storage, claimant_addr)?.ok_or_else(|| {
        ContractError::UnknownClaimant {
            address: claimant_addr.to_string(),
        }
    })?;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shortfall" });
    }
    if params.pause.payouts {
        return Err(ContractError::Paused {
            operation: "payouts",
        });
    }
    let paid = amount.min(claimant.coverable(params, state, now)?);
    let uncovered = amount.checked_sub(paid)?;
    if !paid.is_zero() {
        claimant.record_payout(paid, now)?;
        CLAIMANTS.save(storage, claimant_addr, &claimant)?;
        state.total_assets = state.total_assets.checked_sub(paid)?;
    }
    Ok(CoverShortfallEvent {
        claimant: claimant_addr.to_string(),
        recipient: recipient.to_string(),
        requested: amount,
        paid,
        uncovered,
        total_assets: state.total_assets,
    })
}

/// Redeems `shares` that a slash source sent to the vault: burns them and
/// pays their value now, rounded down, to the hook's recipient at once. This
/// is the only exit without cooldown, and it is the slashing path: the shares
/// were taken from stakers. Pauses do not stop it, so a loss can always be
/// covered.
///
/// With `cover`, the same execution then draws it for the linked
/// [`slash_claimant`](backstop_types::fund_vault::Params::slash_claimant),
/// exactly as that claimant's `CoverShortfall` would (every limit, and the
/// payout pause), and pays redemption and cover in one transfer.
pub fn redeem_slashed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    shares: Uint128,
    msg: Binary,
) -> ContractResult<Response> {
    let source = info.sender;
    let params = PARAMS.load(deps.storage)?;
    check_slash_source(&params, &source, shares)?;
    let ShareHookMsg::RedeemSlashed { recipient, cover } = from_json(&msg)?;
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
    BALANCES.save(deps.storage, &source, &balance.checked_sub(shares)?)?;

    let mut response = Response::new()
        .add_attribute("action", "redeem_slashed")
        .add_event(SlashRedeemEvent {
            source: source.to_string(),
            recipient: recipient.to_string(),
            shares,
            assets,
            total_assets: state.total_assets,
        });
    let mut payout = assets;
    if let Some(amount) = cover {
        let now = env.block.time.seconds();
        let event = draw_for_source(
            deps.storage,
            &params,
            &mut state,
            &source,
            amount,
            &recipient,
            now,
        )?;
        payout = payout.checked_add(event.paid)?;
        response = response.add_event(event);
    }
    STATE.save(deps.storage, &state)?;
    if !payout.is_zero() {
        let asset = CONFIG.load(deps.storage)?.asset;
        response = response.add_message(asset.transfer_msg(&recipient, payout)?);
    }
    Ok(response)
}

/// The cover a slash source asks for with its shares: a draw for the linked
/// slash claimant, which must be set.
fn draw_for_source(
    storage: &mut dyn Storage,
    params: &Params,
    state: &mut VaultState,
    source: &Addr,
    amount: Uint128,
    recipient: &Addr,
    now: u64,
) -> ContractResult<CoverShortfallEvent> {
    let claimant = params
        .slash_claimant
        .clone()
        .ok_or_else(|| ContractError::NoSlashClaimant {
            source_addr: source.to_string(),
            amount,
        })?;
    draw(storage, params, state, &claimant, amount, recipient, now)
}

/// Only a slash source may send shares to the vault, and not zero of them.
fn check_slash_source(params: &Params, source: &Addr, shares: Uint128) -> ContractResult<()> {
    if !params.slash_sources.contains(source) {
        return Err(ContractError::SharesToVault {
            sender: source.to_string(),
        });
    }
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    Ok(())
}
