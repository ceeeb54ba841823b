//! The staking and rewards distributor's interface: messages, responses,
//! events, and the storage layout other contracts may read with raw queries.
//!
//! # Raw-query interface
//!
//! | constant | key | value |
//! |---|---|---|
//! | [`STAKING_TOKEN`] | `t` | the cw20 token staked: its canonical address bytes ([`compact::staking_token`] reads it) |
//! | [`PARAMS`] | `params` | [`Params`] (JSON) |
//! | [`STATE`] | `s` | [`StakingState`], compact binary ([`compact`]) |
//! | [`COHORTS`] | `e` + epoch | [`Cohort`] (JSON): the shares of a closed share epoch ([`epochs`]) |
//!
//! [`StakingState::slash_capacity`] computes from these what one slash may
//! take, exactly as the contract does. The two hot items are binary (see
//! [`compact`]): decode them with [`compact::CompactItem::query`].
//!
//! # Accounting
//! Bonded and unbonding stake are both *shares* of one pool of
//! `total_tokens`. A slash lowers `total_tokens` only, so it cuts every
//! share, bonded or unbonding, pro rata in O(1). Rewards accrue per
//! *bonded* share through one index per reward asset: unbonding shares stay
//! slashable but stop earning at `Unstake`, as unbonding delegations do in
//! the Cosmos SDK. A claim that pays matured unbondings therefore touches
//! neither the reward state nor the staker's record.
//!
//! A matured entry can be claimed for `exit_window_seconds` after its
//! release. Past that it lapses: the claim that finds it bonds its shares
//! again instead of paying them, so a matured entry is no standing option to
//! leave at once ahead of a loss.

//!
//! # Where things are
//! - [`layout`]: the storage layout other contracts may read raw (pool
//!   totals, parameters, the staked token) and the unbonding entries.
//! - [`epochs`]: share epochs, the rollover and the lazy conversion of
//!   records stored in closed ones.
//! - [`cohort`]: the cohort of a closed epoch and its rewards.
//! - [`compact`]: the binary encoding of the hot items and the unbonding
//!   keys.
//! - [`rewards`]: the reward index per asset, the pool of bonded shares and
//!   each staker's checkpoints.
//! - [`params`]: the parameter set, its updates and their validation.
//! - [`timelock`](mod@timelock): which changes wait, for whom, and the queued change.
//! - [`msg`]: instantiate, execute, receive, governance and migrate
//!   messages, and execution responses.
//! - [`query`]: queries and their responses.
//! - [`events`]: typed events.

pub mod cohort;
pub mod compact;
pub mod epochs;
pub mod events;
pub mod layout;
pub mod msg;
pub mod params;
pub mod query;
pub mod rewards;
pub mod timelock;

pub use epochs::{Cohort, CohortReward, EpochError, COHORTS, EPOCH_THRESHOLD};
pub use events::*;
pub use layout::*;
pub use msg::*;
pub use params::*;
pub use query::*;
pub use rewards::*;
pub use timelock::{hurts, PendingParams};

/// Longest unbonding period accepted (one year).
pub const MAX_UNBONDING_SECONDS: u64 = 365 * 24 * 3600;
/// Largest `max_open_unbondings` accepted.
pub const MAX_OPEN_UNBONDINGS_LIMIT: u32 = 50;
/// Most reward assets one contract distributes.
pub const MAX_REWARD_ASSETS: usize = 10;
/// Most slashers, and most restricted reward funders.
pub const MAX_ADDRESS_LIST: usize = 20;
/// Shortest exit window accepted (one hour): a window lowered to seconds
/// would make every new entry lapse, stopping exits without a timelock.
pub const MIN_EXIT_WINDOW_SECONDS: u64 = 3_600;
/// Longest exit window accepted (30 days).
pub const MAX_EXIT_WINDOW_SECONDS: u64 = 30 * 24 * 3600;
/// The exit window when none is given (two days, as the vault's and Aave's
/// safety module's).
pub const DEFAULT_EXIT_WINDOW_SECONDS: u64 = 2 * 24 * 3600;

fn default_exit_window() -> u64 {
    DEFAULT_EXIT_WINDOW_SECONDS
}

/// Longest reward stream accepted (five years).
pub const MAX_STREAM_SECONDS: u64 = 5 * 365 * 24 * 3600;

#[cfg(test)]
mod tests;
