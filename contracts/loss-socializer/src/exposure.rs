//! A market declares the loss it may still report: its open interest or
//! maximum loss, within the ceiling governance set. Each report lowers it
//! by what it accepts; a report above it is clamped to it.

use backstop_types::socializer::{ExposureDeclaredEvent, MARKETS, REPORTERS};
use cosmwasm_std::{Addr, DepsMut, Env, Response, Uint128};

use crate::error::{ContractError, ContractResult};

/// `ExecuteMsg::DeclareExposure` from a market's reporter.
pub fn declare(
    deps: DepsMut,
    env: &Env,
    sender: &Addr,
    amount: Uint128,
) -> ContractResult<Response> {
    let id = REPORTERS.may_load(deps.storage, sender)?.ok_or_else(|| {
        ContractError::UnknownReporter {
            sender: sender.to_string(),
        }
    })?;
    let mut market = MARKETS.load(deps.storage, &id)?;
    market.mature(env.block.time.seconds());
    if amount > market.exposure_ceiling {
        return Err(ContractError::ExposureAboveCeiling {
            id,
            amount,
            ceiling: market.exposure_ceiling,
        });
    }
    market.exposure = amount;
    MARKETS.save(deps.storage, &id, &market)?;
    Ok(Response::new()
        .add_attribute("action", "declare_exposure")
        .add_event(ExposureDeclaredEvent {
            market: id,
            exposure: amount,
            ceiling: market.exposure_ceiling,
        }))
}
