//! Shortfall payouts to registered claimants, within every limit.

use backstop_types::fund_vault::{
    CoverShortfallEvent, CoverShortfallResponse, Params, ShareHookMsg, SlashRedeemEvent, VaultState,
};
use backstop_types::math::convert_to_assets;
use backstop_types::socializer;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, Storage,
    Uint128,
};

use crate::epoch;
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
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    let recipient = deps.api.addr_validate(&recipient)?;
    let mut state = STATE.load(deps.storage)?;
    let request = Draw {
        claimant: &info.sender,
        amount,
        recipient: &recipient,
        ticket: None,
    };
    let event = draw(
        deps.storage,
        &params,
        &mut state,
        request,
        env.block.time.seconds(),
    )?;
    let mut response = Response::new().add_attribute("action", "cover_shortfall");
    if !event.paid.is_zero() {
        let vault = &env.contract.address;
        response = epoch::roll_if_due(deps.storage, &mut state, &params, vault, response)?;
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

/// A draw: who draws, how much, for whom, and the socializer's ticket that
/// authorizes it when it rides on a slash hook.
struct Draw<'a> {
    claimant: &'a Addr,
    amount: Uint128,
    recipient: &'a Addr,
    ticket: Option<u64>,
}

/// One claimant's draw of `amount`: pays `min(amount, every limit)` out of
/// `state` (which the caller saves) and records the claimant's usage.
/// Fails only on an unknown claimant, a zero amount, paused payouts or a
/// ticket already used.
fn draw(
    storage: &mut dyn Storage,
    params: &Params,
    state: &mut VaultState,
    request: Draw,
    now: u64,
) -> ContractResult<CoverShortfallEvent> {
    let Draw {
        claimant: claimant_addr,
        amount,
        recipient,
        ticket,
    } = request;
    let mut claimant = CLAIMANTS.may_load(storage, claimant_addr)?.ok_or_else(|| {
        ContractError::UnknownClaimant {
            address: claimant_addr.to_string(),
        }
    })?;
    let matured = claimant.mature(now).is_some();
    if let Some(nonce) = ticket {
        if nonce <= claimant.ticket {
            return Err(ContractError::UnauthorizedDraw {
                claimant: claimant_addr.to_string(),
                amount,
            });
        }
        claimant.ticket = nonce;
    }
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
        state.total_assets = state.total_assets.checked_sub(paid)?;
    }
    if !paid.is_zero() || ticket.is_some() || matured {
        CLAIMANTS.save(storage, claimant_addr, &claimant)?;
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
/// were taken from stakers. The payout pause stops it, as it stops every
/// payout: the guardian's stop then holds for the slash-and-redeem path too
/// (the socializer's planner reads the pause and skips the staker layer,
/// so a report still goes on).
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
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    check_slash_source(&params, &source, shares)?;
    if params.pause.payouts {
        return Err(ContractError::Paused {
            operation: "payouts",
        });
    }
    let ShareHookMsg::RedeemSlashed { recipient, cover } = from_json(&msg)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    let mut state = epoch::settle(deps.storage, &[&source])?;
    let balance = BALANCES
        .may_load(deps.storage, &source)?
        .unwrap_or_default();
    if balance < shares {
        return Err(ContractError::InsufficientShares {
            balance,
            requested: shares,
        });
    }
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
        let claimant = linked_claimant(&params, &source, amount)?;
        let ticket = check_ticket(deps.as_ref(), &env, &claimant, amount)?;
        let request = Draw {
            claimant: &claimant,
            amount,
            recipient: &recipient,
            ticket: Some(ticket),
        };
        let now = env.block.time.seconds();
        let event = draw(deps.storage, &params, &mut state, request, now)?;
        payout = payout.checked_add(event.paid)?;
        response = response.add_event(event);
        let vault = &env.contract.address;
        response = epoch::roll_if_due(deps.storage, &mut state, &params, vault, response)?;
    }
    STATE.save(deps.storage, &state)?;
    if !payout.is_zero() {
        let asset = CONFIG.load(deps.storage)?.asset;
        response = response.add_message(asset.transfer_msg(&recipient, payout)?);
    }
    Ok(response)
}

/// The claimant a slash source's cover draws for: the linked slash
/// claimant, which must be set.
fn linked_claimant(params: &Params, source: &Addr, amount: Uint128) -> ContractResult<Addr> {
    params
        .slash_claimant
        .clone()
        .ok_or_else(|| ContractError::NoSlashClaimant {
            source_addr: source.to_string(),
            amount,
        })
}

/// The nonce of the claimant's (the socializer's) draw ticket, read raw,
/// which must be from this block and for exactly `amount`: only a slash the
/// socializer started can draw on its limits. The draw then marks it used.
fn check_ticket(deps: Deps, env: &Env, claimant: &Addr, amount: Uint128) -> ContractResult<u64> {
    let unauthorized = || ContractError::UnauthorizedDraw {
        claimant: claimant.to_string(),
        amount,
    };
    let ticket = socializer::DRAW_TICKET
        .query(&deps.querier, claimant.clone())
        .map_err(|_| unauthorized())?;
    if ticket.height != env.block.height || ticket.cover != amount {
        return Err(unauthorized());
    }
    Ok(ticket.nonce)
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
