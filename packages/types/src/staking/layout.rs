//! The staking contract's storage layout: the items other contracts may
//! read with raw queries (keys and JSON stable across versions), with their
//! compact encodings, and the unbonding entries.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_storage_plus::Item;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use crate::math::{mul_fraction, MathResult, Rounding};

/// The cw20 token staked (usually the fund vault's shares), key `token`.
/// Immutable. Stored as the bare address: a claim reads it for its transfer.
pub const STAKING_TOKEN: Item<Addr> = Item::new("token");
/// Governance parameters, key `params`.
pub const PARAMS: Item<Params> = Item::new("params");
/// Pool totals and pause switches, key `s`: one letter, because every
/// stake, unstake, claim and slash writes it (30 gas per byte of key too).
pub const STATE: Item<StakingState> = Item::new("s");

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
    /// Addresses allowed to slash, besides the owner.
    pub slashers: Vec<Addr>,
    /// Who may fund rewards: anyone when `None`.
    pub reward_funders: Option<Vec<Addr>>,
    /// An address that may pause (but not resume).
    pub guardian: Option<Addr>,
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
}

/// The share pool and pause switches: exactly what a claim of matured
/// unbondings reads and writes, so it stays small. Every byte written costs
/// 30 gas, so it is stored as a JSON array, not an object:
/// `[total_tokens, total_shares]`, with the [`PauseFlags`] object as a third
/// element only while something is paused. For example
/// `["5000000","4990000"]`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StakingState {
    /// Tokens backing every share, bonded and unbonding.
    pub total_tokens: Uint128,
    /// Every share, bonded and unbonding.
    pub total_shares: Uint128,
    /// Which operations are paused.
    pub pause: PauseFlags,
}

impl Serialize for StakingState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let paused = !self.pause.is_clear();
        let mut seq = serializer.serialize_seq(Some(if paused { 3 } else { 2 }))?;
        seq.serialize_element(&self.total_tokens)?;
        seq.serialize_element(&self.total_shares)?;
        if paused {
            seq.serialize_element(&self.pause)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for StakingState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArrayVisitor;
        impl<'de> Visitor<'de> for ArrayVisitor {
            type Value = StakingState;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("[total_tokens, total_shares, pause?]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StakingState, A::Error> {
                let total_tokens = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let total_shares = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let pause = seq.next_element()?.unwrap_or_default();
                Ok(StakingState {
                    total_tokens,
                    total_shares,
                    pause,
                })
            }
        }
        deserializer.deserialize_seq(ArrayVisitor)
    }
}

impl StakingState {
    /// The most one slash may take now: `⌊total_tokens × max_slash_ratio⌋`.
    pub fn slash_capacity(&self, params: &Params) -> MathResult<Uint128> {
        mul_fraction(self.total_tokens, params.max_slash_ratio, Rounding::Down)
    }
}

/// An open unbonding entry, keyed by (owner, id). Stored as the JSON array
/// `[shares, release_at]`, e.g. `["2000000",1700000000]`: `Unstake` writes
/// it and `Claim` reads it, and an array is 8 bytes shorter than an object.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(from = "(Uint128, u64)", into = "(Uint128, u64)")]
pub struct Unbonding {
    /// Shares leaving: slashable until claimed, no longer earning.
    pub shares: Uint128,
    /// Block time (seconds) from which it can be claimed.
    pub release_at: u64,
}

impl From<(Uint128, u64)> for Unbonding {
    fn from((shares, release_at): (Uint128, u64)) -> Self {
        Self { shares, release_at }
    }
}

impl From<Unbonding> for (Uint128, u64) {
    fn from(u: Unbonding) -> Self {
        (u.shares, u.release_at)
    }
}
