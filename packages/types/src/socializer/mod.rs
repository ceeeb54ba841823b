//! The loss socializer's interface: the waterfall as data, its validation,
//! the pure planning function shared by simulation and execution, the market
//! records, messages, outcome and events.
//!
//! # Raw-query interface
//!
//! | constant | key | value |
//! |---|---|---|
//! | [`CONFIG`] | `config` | [`SocializerConfig`] |
//! | [`WATERFALL`] | `waterfall` | [`Waterfall`] |
//! | [`MARKETS`] | `markets` + id | [`Market`] |
//! | [`HAIRCUTS`] | `haircuts` + (id, seq) | [`HaircutRecord`] |
//! | [`DRAW_TICKET`] | `ticket` | [`DrawTicket`] |
//! | [`USAGE`] | `usage` | [`OverallUsage`] |
//!
//! A market reads its cumulative haircut and recovery factors from
//! [`MARKETS`] with one raw query.
//!
//! # Where things are
//! - [`layout`]: the storage layout other contracts may read raw: config,
//!   waterfall, markets, haircut records.
//! - [`waterfall`]: layer rules: validation, what raises risk, timelocked
//!   changes maturing.
//! - [`plan`](mod@plan): the planner, a pure function from a shortfall and the state
//!   to per-layer amounts, one function per layer kind.
//! - [`market`]: a market's cumulative haircut and recovery factors.
//! - [`factor`]: factors that never collapse (epochs and scale).
//! - [`health`]: the coverage-health view.
//! - [`recovery`](mod@recovery): recoveries along a governance-set order, to every layer that paid.
//! - [`budget`]: per-market budgets, declared exposure, windowed caps.
//! - [`msg`]: instantiate, execute, receive, governance and migrate
//!   messages, and the shortfall outcome.
//! - [`query`]: queries and their responses.
//! - [`events`]: typed events.

pub mod budget;
pub mod events;
pub mod factor;
pub mod health;
pub mod layout;
pub mod market;
pub mod msg;
pub mod plan;
pub mod query;
pub mod recovery;
pub mod waterfall;
pub mod wiring;

pub use budget::{
    Budget, MarketLimits, MarketRisk, MarketUsage, OverallLimits, OverallUsage, RiskLimits,
};
pub use events::*;
pub use factor::Factor;
pub use health::{HealthResponse, MarketHealth, OverallHealth};
pub use layout::*;
pub use msg::*;
pub use plan::*;
pub use query::*;
pub use recovery::{default_recovery_order, validate_recovery_order, RecoveryLayer, RecoverySplit};
pub use waterfall::*;

/// Longest timelock accepted (one year).
pub const MAX_TIMELOCK_SECONDS: u64 = 365 * 24 * 3600;

#[cfg(test)]
mod tests;
