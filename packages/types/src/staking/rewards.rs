//! The reward index: one per reward asset over the bonded shares, instant
//! and streamed funding, and each staker's checkpoints, settled before their
//! bonded shares change.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal256, Uint128, Uint64};

use crate::math::{accrued, decimal, div_int, index_increment, mul_int, MathError, MathResult};

#[cfg(doc)]
use super::MAX_REWARD_ASSETS;

/// Reward distribution: the shares that earn and every reward asset's
/// state, read and written together by every call that changes bonded
/// shares (stake, unstake) or pays rewards. Stored with one-letter field
/// names (`b`, `n`, `a`).
#[cw_serde]
#[derive(Default)]
pub struct RewardPool {
    /// Bonded shares: the pool's shares outside unbonding entries, over
    /// which rewards are shared. `total_shares - bonded_shares` are
    /// unbonding.
    #[serde(rename = "b")]
    pub bonded_shares: Uint128,
    /// The id the next unbonding entry gets (an unstake writes this item
    /// anyway).
    #[serde(rename = "n", default)]
    pub next_unbonding_id: u64,
    /// Each reward asset's state, aligned with the asset list; at most
    /// [`MAX_REWARD_ASSETS`].
    #[serde(rename = "a")]
    pub assets: Vec<RewardState>,
}

impl RewardPool {
    /// Advances every asset's index to `now` over the bonded shares.
    pub fn update(&mut self, now: u64) -> MathResult<()> {
        for r in &mut self.assets {
            r.update(now, self.bonded_shares)?;
        }
        Ok(())
    }

    /// Shares inside unbonding entries, given the pool's `total_shares`.
    pub fn unbonding_shares(&self, total_shares: Uint128) -> MathResult<Uint128> {
        total_shares
            .checked_sub(self.bonded_shares)
            .map_err(|_| MathError::Overflow {
                what: "unbonding shares",
            })
    }
}

/// The distribution state of one reward asset. Stored for all assets in one
/// bounded item (at most [`MAX_REWARD_ASSETS`]), read and written once per
/// call, as the JSON array
/// `[index, rate, stream_end, last_update, funded, claimed, carry]`.
///
/// # Exactness
/// No unit is ever lost: at every step
/// `funded == claimed + Σ pending + rate × (end − last_update) + carry`,
/// exactly in 18-decimal atomics, where `Σ pending` counts every staker's
/// settled and unsettled rewards. Two roundings could drop value, and both
/// go to `carry` instead, which the next index increment distributes:
/// * an index increment is rounded down to whole index atomics; the
///   remainder (less than `shares × 10⁻¹⁸` units) is carried;
/// * a stream's rate is rounded down to 18 decimals; what `rate × period`
///   falls short of the amount (less than `period × 10⁻¹⁸` units) is
///   carried when the stream is funded.
///
/// # Stream merging
/// A funding never makes what a running stream has promised arrive later,
/// nor concentrates it into a shorter time: the stream's end only moves
/// out, and its rate never falls. See [`RewardState::fund_stream`].
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Clone, Debug, PartialEq)]
#[serde(from = "RewardTuple", into = "RewardTuple")]
pub struct RewardState {
    /// Rewards per bonded share accrued since the asset was added.
    pub index: Decimal256,
    /// Stream emission per second, rounded down.
    pub rate: Decimal256,
    /// When the stream ends (seconds).
    pub stream_end: u64,
    /// When the index was last advanced (seconds).
    pub last_update: u64,
    /// Funded but not yet in the index: rounding remainders and the dust of
    /// removed staker records, distributed with the next increment.
    pub carry: Decimal256,
    /// Everything funded in this asset.
    pub funded: Uint128,
    /// Everything paid out in this asset.
    pub claimed: Uint128,
}

/// [`RewardState`] as stored: the JSON array
/// `[index, rate, stream_end, last_update, funded, claimed, carry]`, which
/// is 28 bytes shorter per asset than an object with one-letter keys, and
/// every stake, unstake and reward claim writes it.
type RewardTuple = (
    Decimal256,
    Decimal256,
    u64,
    u64,
    Uint128,
    Uint128,
    Decimal256,
);

impl From<RewardTuple> for RewardState {
    fn from(t: RewardTuple) -> Self {
        let (index, rate, stream_end, last_update, funded, claimed, carry) = t;
        Self {
            index,
            rate,
            stream_end,
            last_update,
            carry,
            funded,
            claimed,
        }
    }
}

impl From<RewardState> for RewardTuple {
    fn from(r: RewardState) -> Self {
        (
            r.index,
            r.rate,
            r.stream_end,
            r.last_update,
            r.funded,
            r.claimed,
            r.carry,
        )
    }
}

impl RewardState {
    /// A new asset with nothing funded.
    pub fn new(now: u64) -> Self {
        Self {
            index: Decimal256::zero(),
            rate: Decimal256::zero(),
            stream_end: now,
            last_update: now,
            carry: Decimal256::zero(),
            funded: Uint128::zero(),
            claimed: Uint128::zero(),
        }
    }

    /// Advances the index to `now`. While nothing is staked the stream
    /// pauses: its end moves out by the idle time, so nothing is lost.
    pub fn update(&mut self, now: u64, total_shares: Uint128) -> MathResult<()> {
        if total_shares.is_zero() {
            // a stream still running pauses: its remaining time is kept
            if self.stream_end > self.last_update {
                let idle = now.saturating_sub(self.last_update);
                self.stream_end = self.stream_end.saturating_add(idle);
            }
        } else {
            let until = now.min(self.stream_end);
            if until > self.last_update {
                let emitted = mul_int(self.rate, until - self.last_update, "stream emission")?;
                self.distribute(emitted, total_shares)?;
            }
        }
        self.last_update = self.last_update.max(now);
        Ok(())
    }

    /// Moves `amount` and the carry into the index over `total_shares`
    /// (non-zero), keeping the rounding remainder as the new carry.
    fn distribute(&mut self, amount: Decimal256, total_shares: Uint128) -> MathResult<()> {
        let total = add(self.carry, amount, "reward carry")?;
        let increment = index_increment(total, total_shares)?;
        self.carry = total
            .checked_sub(accrued(total_shares, increment)?)
            .map_err(|_| MathError::Overflow {
                what: "reward carry",
            })?;
        self.index = add(self.index, increment, "reward index")?;
        Ok(())
    }

    /// Keeps `dust` (a removed record's fraction of a unit) for the stakers
    /// of the next increment.
    pub fn add_carry(&mut self, dust: Decimal256) -> MathResult<()> {
        self.carry = add(self.carry, dust, "reward carry")?;
        Ok(())
    }

    /// What the stream has yet to emit at `now`.
    pub fn stream_remaining(&self, now: u64) -> MathResult<Decimal256> {
        let from = now.max(self.last_update);
        mul_int(
            self.rate,
            self.stream_end.saturating_sub(from),
            "stream remaining",
        )
    }

    /// What is funded but not yet in the index at `now`: the stream's
    /// remainder and the carry.
    pub fn undistributed(&self, now: u64) -> MathResult<Decimal256> {
        add(
            self.stream_remaining(now)?,
            self.carry,
            "undistributed rewards",
        )
    }

    /// Distributes `amount` at once over `total_shares` (must be non-zero),
    /// with the carry. Call [`RewardState::update`] first.
    pub fn fund_instant(&mut self, amount: Uint128, total_shares: Uint128) -> MathResult<()> {
        self.distribute(decimal(amount)?, total_shares)?;
        self.add_funded(amount)
    }

    /// Adds `amount` to the stream, asking for it to be paid over `period`
    /// seconds from `now`. Call [`RewardState::update`] first.
    ///
    /// * No stream running: a new one runs for `period`.
    /// * A stream running to `end`: the amount joins what it has left. The
    ///   new end is `end` if `now + period ≤ end` (a short period is spread
    ///   over what is already promised, never concentrated), else
    ///   `now + period`, but at most as far as keeps the current rate (what
    ///   is already promised never arrives later). Either way the end only
    ///   moves out and the rate never falls.
    pub fn fund_stream(&mut self, amount: Uint128, period: u64, now: u64) -> MathResult<()> {
        let left = self.stream_remaining(now)?;
        let total = add(left, decimal(amount)?, "stream total")?;
        let requested = now.saturating_add(period);
        let end = if left.is_zero() {
            requested
        } else if requested <= self.stream_end {
            self.stream_end
        } else {
            // the end that keeps the current rate: now + total / rate
            let keep = floor_to_u64(
                total
                    .checked_div(self.rate)
                    .map_err(|_| MathError::Overflow { what: "stream end" })?,
            );
            requested.min(now.saturating_add(keep))
        };
        self.rate = div_int(total, end - now, "stream period")?;
        // what the rounded rate will not emit is carried, not dropped
        let short = total
            .checked_sub(mul_int(self.rate, end - now, "stream total")?)
            .map_err(|_| MathError::Overflow {
                what: "stream remainder",
            })?;
        self.add_carry(short)?;
        self.stream_end = end;
        self.last_update = self.last_update.max(now);
        self.add_funded(amount)
    }

    fn add_funded(&mut self, amount: Uint128) -> MathResult<()> {
        self.funded = self
            .funded
            .checked_add(amount)
            .map_err(|_| MathError::Overflow {
                what: "funded total",
            })?;
        Ok(())
    }
}

/// Whole units of `d`, saturating at `u64::MAX`.
fn floor_to_u64(d: Decimal256) -> u64 {
    Uint64::try_from(d.to_uint_floor()).map_or(u64::MAX, |v| v.u64())
}

fn add(a: Decimal256, b: Decimal256, what: &'static str) -> MathResult<Decimal256> {
    a.checked_add(b).map_err(|_| MathError::Overflow { what })
}

/// A staker's bonded position. One record per staker holds the bonded
/// shares and every reward asset's checkpoint, so a user call reads and
/// writes it once. Unbonding entries live apart, so claiming them does not
/// touch this record. Stored with one-letter field names (`s`, `r`); zero
/// fields are left out.
#[cw_serde]
#[derive(Default)]
pub struct Staker {
    /// Bonded shares: the ones that earn.
    #[serde(rename = "s", default, skip_serializing_if = "Uint128::is_zero")]
    pub shares: Uint128,
    /// Reward checkpoints, by reward-asset position. Shorter than the asset
    /// list when assets were added later; missing entries start at zero.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub rewards: Vec<UserReward>,
    /// The share epoch `shares` and the checkpoints are counted in (`e`,
    /// left out while zero): an older one converts when the record is
    /// touched (see [`super::epochs`]).
    #[serde(rename = "e", default, skip_serializing_if = "is_zero_u64")]
    pub epoch: u64,
}

fn is_zero_u64(v: &u64) -> bool {
    *v == 0
}

fn is_zero_decimal(v: &Decimal256) -> bool {
    v.is_zero()
}

/// A staker's checkpoint in one reward asset (`i`, `p`; zeros left out).
#[cw_serde]
#[derive(Default)]
pub struct UserReward {
    /// The asset's index when last settled.
    #[serde(rename = "i", default, skip_serializing_if = "is_zero_decimal")]
    pub index: Decimal256,
    /// Accrued, unpaid rewards, with their fraction: paid rounded down.
    #[serde(rename = "p", default, skip_serializing_if = "is_zero_decimal")]
    pub pending: Decimal256,
}

impl Staker {
    /// Brings every reward checkpoint up to the assets' current indexes.
    /// Call before the staker's bonded shares change.
    pub fn settle(&mut self, rewards: &[RewardState]) -> MathResult<()> {
        let earning = self.shares;
        if self.rewards.len() < rewards.len() {
            self.rewards.resize(rewards.len(), UserReward::default());
        }
        for (user, asset) in self.rewards.iter_mut().zip(rewards) {
            let delta = asset
                .index
                .checked_sub(user.index)
                .map_err(|_| MathError::Overflow {
                    what: "index delta",
                })?;
            user.pending = user
                .pending
                .checked_add(accrued(earning, delta)?)
                .map_err(|_| MathError::Overflow {
                    what: "pending rewards",
                })?;
            user.index = asset.index;
        }
        Ok(())
    }
}
