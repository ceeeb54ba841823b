//! Storage. Everything the socializer stores is part of its raw-query
//! interface and is declared in `backstop_types::socializer`.

use backstop_types::socializer::Waterfall;
use cosmwasm_std::{Env, StdResult, Storage};

pub use backstop_types::socializer::{CONFIG, HAIRCUTS, MARKETS, REPORTERS, WATERFALL};

/// The waterfall as in force now: queued changes whose time has come are
/// applied (not saved).
pub fn effective_waterfall(storage: &dyn Storage, env: &Env) -> StdResult<Waterfall> {
    let mut w = WATERFALL.load(storage)?;
    w.mature(env.block.time.seconds());
    Ok(w)
}
