//! Shared types of the Backstop suite.
//!
//! Everything that crosses a contract boundary lives here: messages,
//! responses, hooks, typed events, the storage layouts other contracts may
//! read with raw queries, and the pure math every contract shares. No
//! contract crate depends on another; they all depend on this crate.
//!
//! # Modules
//! - [`fund_vault`], [`staking`], [`socializer`]: one folder per contract,
//!   split by concern. Each has `layout.rs` (the storage other contracts
//!   may read raw), `msg.rs`, `query.rs` and `events.rs`, and its domain
//!   logic in rooms of its own: the vault's [`fund_vault::claimant`]
//!   limits, staking's [`staking::rewards`] index, the socializer's
//!   [`socializer::waterfall`] rules, [`socializer::plan`](mod@socializer::plan) (the planner)
//!   and [`socializer::market`] factors. Each `mod.rs` keeps the raw-query
//!   key table and re-exports every item.
//! - [`governance`]: the kit all three contracts use: owner and sudo,
//!   pause rule, migration, page sizes, payment checks.
//! - [`calls`]: the outgoing messages one contract sends another.
//! - [`asset`], [`math`], [`params`], [`events`]: assets, the shared
//!   checked math, parameter validation, the typed-event macro.
#![deny(missing_docs)]

pub mod asset;
pub mod calls;
pub mod events;
pub mod fund_vault;
pub mod governance;
pub mod math;
pub mod params;
pub mod socializer;
pub mod staking;

pub use governance::migrate;
