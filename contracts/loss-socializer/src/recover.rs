//! Recovery income: repays a market's bad debt first, then its haircut
//! traders pro rata through the recovery factor; any excess is refunded.

use backstop_types::governance::check_cw20_sender;
use backstop_types::socializer::{ReceiveMsg, RecoveryEvent};
use cosmwasm_std::{from_json, Addr, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ReceiveMsg;

use crate::error::{ContractError, ContractResult};
use crate::state::{effective_waterfall, live_market, CONFIG, MARKETS};

/// Cw20 hook: recoveries in the vault's cw20 asset only.
pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> ContractResult<Response> {
    check_cw20_sender(&CONFIG.load(deps.storage)?.asset, &info.sender)?;
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    let ReceiveMsg::Recover { market_id } = from_json(&wrapper.msg)?;
    recover(deps, env, sender, market_id, wrapper.amount)
}

/// Applies `amount` of recovery income, already received, to `market_id`.
pub fn recover(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    market_id: String,
    amount: Uint128,
) -> ContractResult<Response> {
    if effective_waterfall(deps.storage, &env)?.pause.recoveries {
        return Err(ContractError::Paused {
            operation: "recoveries",
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "recovery" });
    }
    let mut market = live_market(deps.storage, &market_id)?;
    let (to_debt, to_haircuts, refund) = market.apply_recovery(amount)?;
    MARKETS.save(deps.storage, &market_id, &market)?;

    let asset = CONFIG.load(deps.storage)?.asset;
    let mut response = Response::new().add_attribute("action", "recover");
    let to_market = to_debt.checked_add(to_haircuts)?;
    if !to_market.is_zero() {
        response = response.add_message(asset.transfer_msg(&market.recipient, to_market)?);
    }
    if !refund.is_zero() {
        response = response.add_message(asset.transfer_msg(&sender, refund)?);
    }
    Ok(response.add_event(RecoveryEvent {
        market: market_id,
        sender: sender.into_string(),
        to_debt,
        to_haircuts,
        refunded: refund,
        bad_debt: market.bad_debt,
        haircut_outstanding: market.haircut_outstanding,
    }))
}
