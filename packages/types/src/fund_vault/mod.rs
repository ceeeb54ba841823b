//! The fund vault's interface: messages, responses, events, and the storage
//! layout that other contracts may read with raw queries.
//!
//! # Raw-query interface
//! The items below are part of the vault's public interface. Their keys and
//! JSON layouts are stable across versions; a migration that changes them is a
//! breaking change for integrators. A contract reads them without a smart query
//! (which costs 60,000 SDK gas on wasmd) through `Item::query` /
//! `Map::query` on a `QuerierWrapper`:
//!
//! | constant | key | value |
//! |---|---|---|
//! | [`CONFIG`] | `config` | [`VaultConfig`] |
//! | [`PARAMS`] | `params` | [`Params`] |
//! | [`STATE`] | `state` | [`VaultState`] |
//! | [`CLAIMANTS`] | `claimants` + address | [`Claimant`] |
//! | [`epochs::SHARE_EPOCHS`] | `share_epochs` + epoch | cumulative exponent (`u32`) |
//! | [`epochs::BALANCE_EPOCHS`] | `balance_epoch` + address | the epoch a balance is counted in |
//!
//! [`Claimant::coverable`] computes what a payout to that claimant would pay
//! from these three values alone, exactly as the vault does.
//!
//! # Where things are
//! - [`layout`]: the storage layout other contracts may read raw, and the
//!   stored records.
//! - [`claimant`]: claimant limits, the rate-limit bucket and the vault's
//!   payout capacity.
//! - [`params`]: the parameter set, its updates and their validation.
//! - [`timelock`](mod@timelock): which changes wait, for whom, and the queued changes.
//! - [`msg`]: instantiate, execute, receive, governance and hook messages,
//!   and execution responses.
//! - [`query`]: queries and their responses.
//! - [`epochs`]: share epochs, which keep deposits working at a fair price
//!   after payouts drain the vault to its floor.
//! - [`events`]: typed events.

pub mod claimant;
pub mod epochs;
pub mod events;
pub mod layout;
pub mod msg;
pub mod params;
pub mod query;
pub mod timelock;

pub use events::*;
pub use layout::*;
pub use msg::*;
pub use params::*;
pub use query::*;
pub use timelock::{claimant_hurts, PendingParams};

/// Longest cooldown accepted (one year), to catch unit mistakes.
pub const MAX_COOLDOWN_SECONDS: u64 = 365 * 24 * 3600;
/// Largest `max_open_unlocks` accepted.
pub const MAX_OPEN_UNLOCKS_LIMIT: u32 = 100;
/// Most slash sources.
pub const MAX_SLASH_SOURCES: usize = 5;
/// Longest claimant rate-limit window accepted (one year).
pub const MAX_WINDOW_SECONDS: u64 = 365 * 24 * 3600;
/// Longest exit window accepted (30 days).
pub const MAX_EXIT_WINDOW_SECONDS: u64 = 30 * 24 * 3600;
/// The exit window when none is given (two days, as Aave's safety module).
pub const DEFAULT_EXIT_WINDOW_SECONDS: u64 = 2 * 24 * 3600;

fn default_exit_window() -> u64 {
    DEFAULT_EXIT_WINDOW_SECONDS
}

#[cfg(test)]
mod tests;
