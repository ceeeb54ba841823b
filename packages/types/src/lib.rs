//! Shared types of the Backstop suite.
//!
//! Everything that crosses a contract boundary lives here: messages,
//! responses, hooks, typed events, the storage layouts other contracts may
//! read with raw queries, and the pure math every contract shares. No
//! contract crate depends on another; they all depend on this crate.
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
