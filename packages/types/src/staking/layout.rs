//! The staking contract's storage layout: the items other contracts may
//! read with raw queries (keys and encodings stable across versions), and
//! the unbonding entries and the cohorts of closed share epochs.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_storage_plus::Item;

use super::compact::CompactItem;
use crate::math::{mul_fraction, MathResult, Rounding};

pub use super::compact::STAKING_TOKEN;

/// Governance parameters, key `params`.
pub const PARAMS: Item<Params> = Item::new("params");
/// Pool totals and pause switches, key `s`, in their compact binary
/// encoding (see [`super::compact`]): every stake, unstake, claim and slash
/// writes it, at 30 gas per byte.
pub const STATE: CompactItem<StakingState> = CompactItem::new("s");

/// Governance parameters.
#[cw_serde]
pub struct Params {
    /// Seconds from `Unstake` to release; fixed per request.
    pub unbonding_seconds: u64,
    /// Largest fraction of `total_tokens` one slash may take; below one, so
    /// a slash always leaves tokens behind.
    pub max_slash_ratio: Decimal,
    /// Open unbonding entries one address may hold.
    pub max_open_unbondings: u32,
    /// Seconds after its release during which an unbonding entry can be
    /// claimed. After that it lapses and its shares bond again, so a
    /// matured entry is no free option to leave ahead of a loss. Fixed per
    /// entry when it is made.
    #[serde(default = "super::default_exit_window")]
    pub exit_window_seconds: u64,
    /// When claims were last resumed after a pause (seconds): an entry's
    /// window never closes less than its length after this, so a pause
    /// makes no entry lapse. Read only by a claim that finds an entry past
    /// its window.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub claims_resumed_at: u64,
    /// Addresses allowed to slash, besides the owner.
    pub slashers: Vec<Addr>,
    /// Who may fund rewards: anyone when `None`.
    pub reward_funders: Option<Vec<Addr>>,
    /// An address that may pause (but not resume).
    pub guardian: Option<Addr>,
    /// Notice for changes that raise the share of a loss borne by the
    /// layers after the stakers (at least a day).
    #[serde(default = "crate::governance::timelock::default_notice")]
    pub notice_seconds: u64,
    /// The latest time an unbonding requested under a longer period than
    /// today's may still be open: queued changes wait past it too.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub exit_horizon: u64,
    /// A queued change of the risk parameters: in force from its `eta`
    /// (readers apply it with [`Params::mature`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<super::timelock::PendingParams>,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// Operations that pause separately.
#[cw_serde]
#[derive(Default, Copy)]
pub struct PauseFlags {
    /// New stakes.
    pub stakes: bool,
    /// `Unstake`.
    pub unbonding: bool,
    /// `Claim` of matured unbondings and `ClaimRewards`.
    pub claims: bool,
    /// `Slash`: the socializer's planner reads it and skips the staker
    /// layer while it is set.
    pub slashing: bool,
}

/// The share pool and pause switches: exactly what a claim of matured
/// unbondings reads and writes, so it stays small: stored in the compact
/// binary encoding of [`super::compact`], two length-prefixed integers and
/// a pause byte only while something is paused (12 bytes for totals near
/// 10¹¹, where the JSON array `["…","…"]` took 31).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StakingState {
    /// Tokens backing every share, bonded and unbonding.
    pub total_tokens: Uint128,
    /// Every share, bonded and unbonding.
    pub total_shares: Uint128,
    /// Which operations are paused.
    pub pause: PauseFlags,
    /// The share epoch: shares are counted in this epoch's unit. Records
    /// of an older epoch convert when touched (see [`super::epochs`]).
    pub epoch: u64,
}

impl StakingState {
    /// The most one slash may take now: `⌊total_tokens × max_slash_ratio⌋`.
    pub fn slash_capacity(&self, params: &Params) -> MathResult<Uint128> {
        mul_fraction(self.total_tokens, params.max_slash_ratio, Rounding::Down)
    }
}

/// An open unbonding entry, keyed by (owner, id) as
/// [`super::compact::unbonding_key`] lays out, and stored in its compact
/// binary encoding: `Unstake` writes it and `Claim` reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unbonding {
    /// Shares leaving: slashable until claimed, no longer earning.
    pub shares: Uint128,
    /// Block time (seconds) from which it can be claimed.
    pub release_at: u64,
    /// The share epoch `shares` are counted in; converted when claimed.
    pub epoch: u64,
    /// Seconds after `release_at` during which it can be claimed (see
    /// [`Params::exit_window_seconds`]); `None` for entries made before
    /// exit windows, which never lapse.
    pub exit_window: Option<u64>,
}

impl Unbonding {
    /// The first second at which it can no longer be claimed, unless claims
    /// were resumed within a window of it (`u64::MAX`: never).
    pub fn expires_at(&self) -> u64 {
        self.exit_window
            .map_or(u64::MAX, |w| self.release_at.saturating_add(w))
    }

    /// Whether it has lapsed at `now`: past its window, and past a whole
    /// window since claims were last resumed.
    pub fn lapsed(&self, now: u64, claims_resumed_at: u64) -> bool {
        let window = self.exit_window.unwrap_or(u64::MAX);
        now >= self
            .expires_at()
            .max(claims_resumed_at.saturating_add(window))
    }
}
