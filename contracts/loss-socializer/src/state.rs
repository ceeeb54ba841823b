//! Storage. Everything the socializer stores is part of its raw-query
//! interface and is declared in `backstop_types::socializer`.

use backstop_types::socializer::Waterfall;
use cosmwasm_std::{Env, StdResult, Storage};

pub use backstop_types::socializer::{CONFIG, HAIRCUTS, MARKETS, REPORTERS, WATERFALL};

/// Market `id`, which must be registered and not removed.
pub fn live_market(
    storage: &dyn cosmwasm_std::Storage,
    id: &str,
) -> crate::error::ContractResult<backstop_types::socializer::Market> {
    MARKETS
        .may_load(storage, id)?
        .filter(|m| !m.removed)
        .ok_or_else(|| crate::error::ContractError::UnknownMarket { id: id.to_string() })
}

/// The waterfall as in force now: queued changes whose time has come are
/// applied (not saved).
pub fn effective_waterfall(storage: &dyn Storage, env: &Env) -> StdResult<Waterfall> {
    let mut w = WATERFALL.load(storage)?;
    w.mature(env.block.time.seconds());
    Ok(w)
}
