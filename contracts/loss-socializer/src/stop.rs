//! The fast stop: the guardian (or the owner) pauses reports and recoveries
//! or freezes one runaway market at once, without a proposal. Only the
//! owner resumes or unfreezes (`GovMsg`).
//!
//! A frozen market's reports are refused with `MarketFrozen` and move
//! nothing; they are not queued, since a market that reports during the
//! freeze reports again, with the amount it then knows, once unfrozen.

use backstop_types::governance::authorize_pause;
use backstop_types::socializer::{MarketFrozenEvent, PauseUpdate};
use cosmwasm_std::{Addr, DepsMut, Env, Response};

use crate::error::ContractResult;
use crate::gov::set_pause;
use crate::state::{live_market, MARKETS, WATERFALL};

/// `ExecuteMsg::SetPause`: the owner may flip any switch, the guardian
/// only pause.
pub fn pause(
    deps: DepsMut,
    env: &Env,
    sender: &Addr,
    update: PauseUpdate,
) -> ContractResult<Response> {
    authorize_pause(
        deps.storage,
        &WATERFALL,
        sender,
        &[update.reports, update.recoveries],
    )?;
    let mut w = WATERFALL.load(deps.storage)?;
    w.mature(env.block.time.seconds());
    let (action, event) = set_pause(&mut w, update);
    WATERFALL.save(deps.storage, &w)?;
    Ok(Response::new()
        .add_attribute("action", action)
        .add_event(event))
}

/// `ExecuteMsg::FreezeMarket`: the owner or the guardian freezes a market.
pub fn freeze(deps: DepsMut, sender: &Addr, id: String) -> ContractResult<Response> {
    authorize_pause(deps.storage, &WATERFALL, sender, &[Some(true)])?;
    let mut market = live_market(deps.storage, &id)?;
    market.frozen = true;
    MARKETS.save(deps.storage, &id, &market)?;
    Ok(Response::new()
        .add_attribute("action", "freeze_market")
        .add_event(MarketFrozenEvent {
            id,
            frozen: true,
            sender: sender.to_string(),
        }))
}
