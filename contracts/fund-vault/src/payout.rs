//! Shortfall payouts to registered claimants, within every limit.

use backstop_types::fund_vault::{CoverShortfallEvent, CoverShortfallResponse};
use cosmwasm_std::{to_json_binary, DepsMut, Env, MessageInfo, Response, Uint128};

use crate::error::{ContractError, ContractResult};
use crate::state::{CLAIMANTS, CONFIG, PARAMS, STATE};

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
