//! Share epochs: how the pool stays usable after any sequence of losses.
//!
//! A slash lowers `total_tokens` and leaves the share counts alone, so deep
//! losses raise the shares per token without bound: a newcomer would mint
//! 10¹² shares per token after a near-total slash, rewards per share would
//! fall below the index's 18 decimals, and repeated maximum slashes would
//! overflow 128-bit share counts. So when, after a slash (or before a
//! stake, for a pool left so deep by an older release), the pool holds more
//! than [`EPOCH_THRESHOLD`] shares per token, it opens a new *share epoch*:
//! from then on shares are counted in a unit `D = 10^d` times larger, with
//! `d` chosen so that the pool holds 10 to 100 shares per token again.
//!
//! # Cohorts: O(1) and exact
//! Nobody's record is rewritten at the rollover. The shares of the closing
//! epoch `k` become a *cohort* ([`Cohort`], stored by `k` in
//! [`COHORTS`]): its members hold `members` old shares in total (every
//! bonded share of epoch `k`), and a *holder* stands for them in the live
//! pool with `holder = ⌊members / D⌋` new shares. Unbonding shares do the
//! same in the cohort's unbonding half. The holder earns rewards like any
//! staker; its earnings go to the members through the cohort's own index
//! (per new share, with an exact remainder), and what the members'
//! roundings leave returns to the live carry when the last one converts,
//! so the reward ledger stays exact to the atomic.
//!
//! A member converts when its record is next touched: it takes the rewards
//! its old shares earned up to the rollover (at `index_at_roll`) and since
//! (the cohort's index), and then `⌊shares × holder / members⌋` of the
//! holder's live shares (rounded down: the remainder stays with the
//! members who have not converted yet, so the last one takes what is left,
//! and nothing is stranded). That is one cohort read and write.
//!
//! A holder is itself divided at every later rollover (it is a staker of
//! the live pool). Each rollover divides by at least 10⁶, and no share
//! count reaches 10³⁹, so a holder is zero seven rollovers after its
//! cohort was made: a rollover converts at most the [`ALIVE_COHORTS`]
//! latest holders, a bounded loop. The same division raises the cohort's
//! `D` (its index is recounted, exactly, per live share): counted per the
//! shares of its own rollover, the index would lose the resolution the
//! holder's later earnings need, and the remainder, then worth up to the
//! holder's size *before* the division in atomics, would wait in the
//! cohort and go to the whole pool when its last member leaves. A cohort
//! whose holder is zero is frozen: its members keep the rewards it earned
//! and convert to no shares.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal256, StdError, Storage, Uint128, Uint256, Uint512};
use cw_storage_plus::Map;
use thiserror::Error;

use super::{RewardPool, RewardState, Staker, StakingState, Unbonding, UserReward};
use crate::math::{accrued, mul_div, MathError, MathResult, Rounding};

/// The pool opens a new share epoch when it holds more than this many
/// shares per token (a share worth less than 10⁻⁷ of the first 1:1 price).
pub const EPOCH_THRESHOLD: u128 = 10_000_000;

/// Digits of the shares per token kept by a rollover: `D = 10^(digits − 1 −
/// EPOCH_KEEP_DIGITS)` of `⌊shares / tokens⌋`, leaving 10 to 100 shares per
/// token, so that a conversion rounds away at most a tenth of a token unit.
pub const EPOCH_KEEP_DIGITS: u32 = 1;

/// Cohorts whose holder may still hold shares: each rollover divides a
/// holder by `D ≥ 10⁶` (the threshold is above 10⁷ and one digit is kept),
/// and `u128::MAX < 10³⁹ ≤ 10^(6 × 7)`, so seven rollovers after its own
/// a holder is zero.
pub const ALIVE_COHORTS: u64 = 7;

/// The cohorts of closed epochs, by the epoch they closed, namespace `e`.
pub const COHORTS: Map<u64, Cohort> = Map::new("e");

/// Failure of an epoch operation: storage, or checked math.
#[derive(Error, Debug, PartialEq)]
pub enum EpochError {
    /// Storage or serialization.
    #[error(transparent)]
    Std(#[from] StdError),
    /// Checked math.
    #[error(transparent)]
    Math(#[from] MathError),
}

/// Result alias for [`EpochError`].
pub type EpochResult<T> = Result<T, EpochError>;

fn zero_dec(v: &Decimal256) -> bool {
    v.is_zero()
}

/// The shares of one closed epoch, as their holder in the live pool.
/// Stored as JSON with one-letter names, zeros left out; written only by a
/// rollover and by the conversion of its members.
#[cw_serde]
#[derive(Default)]
pub struct Cohort {
    /// The divisor's exponent: one live share is `10^divisor_exp` old ones
    /// (the rollover's own divisor at first, raised with every later
    /// rollover that divides the holder; see [`Cohort::divide`]). It scales
    /// the cohort's index only.
    #[serde(rename = "d")]
    pub divisor_exp: u32,
    /// Bonded old shares of the members that have not converted.
    #[serde(rename = "m", default, skip_serializing_if = "Uint128::is_zero")]
    pub members: Uint128,
    /// Live bonded shares held for them.
    #[serde(rename = "h", default, skip_serializing_if = "Uint128::is_zero")]
    pub holder: Uint128,
    /// Old shares in unbonding entries that have not converted.
    #[serde(rename = "um", default, skip_serializing_if = "Uint128::is_zero")]
    pub unbonding_members: Uint128,
    /// Live unbonding shares held for them.
    #[serde(rename = "uh", default, skip_serializing_if = "Uint128::is_zero")]
    pub unbonding_holder: Uint128,
    /// Per reward asset, by position (missing entries are zero: the asset
    /// was added after the rollover).
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<CohortReward>,
}

/// A cohort's state in one reward asset.
///
/// The holder's earnings are shared over the members' old shares through
/// `index`, counted per *live* share (per `D` old shares, `D` following
/// every later rollover), so that it keeps the live index's resolution
/// however many old shares there are and however often the holder is
/// divided; its rounding remainder, `remainder`, is exact in units of
/// `10⁻¹⁸ / D`, so worth under `members / D` atomics: under
/// `max(holder + 1, 10)` (see [`Cohort::divide`]). A
/// member takes `⌊shares × index / D⌋` atomics (rounded **down**); what
/// those roundings leave (`earned − taken`, under one atomic per member)
/// goes back to the live carry when the last member leaves.
#[cw_serde]
#[derive(Default)]
pub struct CohortReward {
    /// The live index at the rollover: members settle their old shares up
    /// to it.
    #[serde(rename = "r", default, skip_serializing_if = "zero_dec")]
    pub index_at_roll: Decimal256,
    /// Rewards per new share (`D` old shares) earned by the holder since
    /// the rollover.
    #[serde(rename = "i", default, skip_serializing_if = "zero_dec")]
    pub index: Decimal256,
    /// What `index` does not hold yet, in units of `10⁻¹⁸ / D`: below
    /// `members`, so worth under `members / D` atomics.
    #[serde(rename = "f", default, skip_serializing_if = "Uint128::is_zero")]
    pub remainder: Uint128,
    /// Everything the holder earned for the members.
    #[serde(rename = "e", default, skip_serializing_if = "zero_dec")]
    pub earned: Decimal256,
    /// Everything converted members took of it.
    #[serde(rename = "t", default, skip_serializing_if = "zero_dec")]
    pub taken: Decimal256,
    /// The live index the holder was last settled at.
    #[serde(rename = "h", default, skip_serializing_if = "zero_dec")]
    pub holder_checkpoint: Decimal256,
}

fn sub_dec(a: Decimal256, b: Decimal256, what: &'static str) -> MathResult<Decimal256> {
    a.checked_sub(b).map_err(|_| MathError::Overflow { what })
}

fn add_dec(a: Decimal256, b: Decimal256, what: &'static str) -> MathResult<Decimal256> {
    a.checked_add(b).map_err(|_| MathError::Overflow { what })
}

fn add_int(a: Uint128, b: Uint128, what: &'static str) -> MathResult<Uint128> {
    a.checked_add(b).map_err(|_| MathError::Overflow { what })
}

fn sub_int(a: Uint128, b: Uint128, what: &'static str) -> MathResult<Uint128> {
    a.checked_sub(b).map_err(|_| MathError::Overflow { what })
}

/// `10^exp` (at most `10³⁸`).
fn pow10(exp: u32) -> MathResult<Uint128> {
    10u128
        .checked_pow(exp)
        .map(Uint128::new)
        .ok_or(MathError::Overflow { what: "divisor" })
}

impl Cohort {
    /// The divisor `D`.
    pub fn divisor(&self) -> MathResult<Uint128> {
        pow10(self.divisor_exp)
    }

    /// Moves what the holder earned since it was last settled, at the live
    /// indexes `live`, into the cohort's index, the remainder kept exactly.
    pub fn sync(&mut self, live: &[RewardState]) -> MathResult<()> {
        if self.assets.len() < live.len() {
            self.assets.resize(live.len(), CohortReward::default());
        }
        let scale = Uint512::from(self.divisor()?);
        for (c, asset) in self.assets.iter_mut().zip(live) {
            let delta = sub_dec(asset.index, c.holder_checkpoint, "holder index delta")?;
            c.holder_checkpoint = asset.index;
            let earned = accrued(self.holder, delta)?;
            if earned.is_zero() {
                continue;
            }
            c.earned = add_dec(c.earned, earned, "cohort earnings")?;
            if self.members.is_zero() {
                continue;
            }
            // (earned × D + remainder) / members, in atomics per new share
            let members = Uint512::from(self.members);
            let total = Uint512::from(earned.atomics())
                .checked_mul(scale)
                .and_then(|t| t.checked_add(Uint512::from(c.remainder)))
                .map_err(|_| MathError::Overflow {
                    what: "cohort earnings",
                })?;
            let increment =
                Uint256::try_from(total / members).map_err(|_| MathError::Overflow {
                    what: "cohort index",
                })?;
            c.remainder = Uint128::try_from(total % members).map_err(|_| MathError::Overflow {
                what: "cohort remainder",
            })?;
            c.index = add_dec(c.index, Decimal256::new(increment), "cohort index")?;
        }
        Ok(())
    }

    /// What a member with `shares` old shares earned through the cohort in
    /// asset `i`: `⌊shares × index / D⌋` atomics, rounded **down**, counted
    /// as taken.
    pub fn take(&mut self, i: usize, shares: Uint128) -> MathResult<Decimal256> {
        let scale = Uint512::from(self.divisor()?);
        let Some(c) = self.assets.get_mut(i) else {
            return Ok(Decimal256::zero());
        };
        let atomics = Uint512::from(shares)
            .checked_mul(Uint512::from(c.index.atomics()))
            .map_err(|_| MathError::Overflow {
                what: "member rewards",
            })?
            / scale;
        let reward =
            Decimal256::new(Uint256::try_from(atomics).map_err(|_| MathError::Overflow {
                what: "member rewards",
            })?);
        c.taken = add_dec(c.taken, reward, "cohort taken")?;
        Ok(reward)
    }

    /// A member with `shares` bonded old shares leaves the cohort (after
    /// [`Cohort::sync`]): its live shares, `⌊shares × holder / members⌋`,
    /// rounded **down**. When the last member leaves, the cohort's carry
    /// goes back to the live carry of `live`.
    pub fn leave(&mut self, shares: Uint128, live: &mut [RewardState]) -> MathResult<Uint128> {
        if shares.is_zero() {
            return Ok(Uint128::zero());
        }
        let out = mul_div(shares, self.holder, self.members, Rounding::Down)?;
        self.members = sub_int(self.members, shares, "cohort members")?;
        self.holder = sub_int(self.holder, out, "cohort holder")?;
        if self.members.is_zero() {
            // nobody is left: what the members' roundings left goes back to
            // the pool
            for (c, asset) in self.assets.iter_mut().zip(live.iter_mut()) {
                asset.add_carry(sub_dec(c.earned, c.taken, "cohort earnings")?)?;
                *c = CohortReward::default();
            }
        }
        Ok(out)
    }

    /// An unbonding entry with `shares` old shares leaves the cohort: its
    /// live shares, `⌊shares × unbonding_holder / unbonding_members⌋`,
    /// rounded **down**.
    pub fn leave_unbonding(&mut self, shares: Uint128) -> MathResult<Uint128> {
        if shares.is_zero() {
            return Ok(Uint128::zero());
        }
        let out = mul_div(
            shares,
            self.unbonding_holder,
            self.unbonding_members,
            Rounding::Down,
        )?;
        self.unbonding_members = sub_int(self.unbonding_members, shares, "cohort unbonding")?;
        self.unbonding_holder = sub_int(self.unbonding_holder, out, "cohort unbonding holder")?;
        Ok(out)
    }

    /// Follows a rollover that divides the live shares by `10^exp` (after
    /// [`Cohort::sync`]): the holders are divided, rounded **down**, and the
    /// index is recounted per *live* share, `10^(divisor_exp + exp)` old
    /// ones, so that it keeps the live index's resolution however many
    /// rollovers follow (counted per the shares of its own rollover, a
    /// holder divided by `10^exp` would leave up to `10^exp` times its
    /// live earnings in the remainder). The exponent never falls and stays
    /// at most `⌊log₁₀ members⌋`, so the index never counts more than the
    /// cohort earned; a cohort whose exponent lags (stored by an older
    /// release) catches up to `⌊log₁₀(members / holder)⌋`. The remainder
    /// is recounted exactly: no atomic is lost. `members / D` stays under
    /// `max(holder + 1, 10)` (a rollover makes `holder = ⌊members / D⌋`,
    /// a division keeps `⌊holder / 10^exp⌋ + 1 > holder / 10^exp`, and a
    /// conversion takes its part of the holder rounded down), so the
    /// remainder is worth under that many atomics.
    pub fn divide(&mut self, exp: u32) -> MathResult<()> {
        let divisor = pow10(exp)?;
        self.holder /= divisor;
        self.unbonding_holder /= divisor;
        if self.members.is_zero() {
            return Ok(());
        }
        let most = self.members.u128().ilog10();
        let following = self.divisor_exp.saturating_add(exp).min(most);
        let measured = (self.members / self.holder.max(Uint128::one()))
            .u128()
            .checked_ilog10()
            .unwrap_or(0);
        let target = following.max(measured);
        if target <= self.divisor_exp {
            return Ok(());
        }
        let scale = Uint512::from(pow10(target - self.divisor_exp)?);
        let members = Uint512::from(self.members);
        for c in &mut self.assets {
            let remainder =
                Uint512::from(c.remainder)
                    .checked_mul(scale)
                    .map_err(|_| MathError::Overflow {
                        what: "cohort remainder",
                    })?;
            let index = Uint512::from(c.index.atomics())
                .checked_mul(scale)
                .and_then(|i| i.checked_add(remainder / members))
                .map_err(|_| MathError::Overflow {
                    what: "cohort index",
                })?;
            c.index =
                Decimal256::new(Uint256::try_from(index).map_err(|_| MathError::Overflow {
                    what: "cohort index",
                })?);
            c.remainder =
                Uint128::try_from(remainder % members).map_err(|_| MathError::Overflow {
                    what: "cohort remainder",
                })?;
        }
        self.divisor_exp = target;
        Ok(())
    }

    /// Whether no member is left: the record can go.
    pub fn is_empty(&self) -> bool {
        self.members.is_zero() && self.unbonding_members.is_zero()
    }
}

/// The divisor exponent of the rollover due on `state`, if any: when the
/// pool holds more than [`EPOCH_THRESHOLD`] shares per token, `d` such
/// that `shares / 10^d` is 10 to 100 times the tokens (at least 6).
pub fn rollover_due(state: &StakingState) -> Option<u32> {
    let tokens = state.total_tokens.u128();
    if tokens == 0 {
        return None;
    }
    let per_token = state.total_shares.u128() / tokens;
    if per_token <= EPOCH_THRESHOLD {
        return None;
    }
    Some(per_token.ilog10() - EPOCH_KEEP_DIGITS)
}

/// A rollover that happened: the epoch it closed and the divisor's
/// exponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rollover {
    /// The epoch closed (the new one is `closed + 1`).
    pub closed: u64,
    /// `D = 10^divisor_exp`.
    pub divisor_exp: u32,
}

/// Opens the next share epoch if one is due (see [`rollover_due`]).
/// `rewards` must be advanced to now. Converts the holders of the
/// [`ALIVE_COHORTS`] latest cohorts (a bounded loop) and makes the cohort
/// of the closing epoch from every other share. One rollover brings any
/// pool below the threshold: `D` is chosen from the ratio itself.
pub fn roll_if_due(
    storage: &mut dyn Storage,
    state: &mut StakingState,
    rewards: &mut RewardPool,
) -> EpochResult<Option<Rollover>> {
    let Some(exp) = rollover_due(state) else {
        return Ok(None);
    };
    let divisor = pow10(exp)?;
    let closed = state.epoch;
    // the holders of earlier cohorts are stakers of the live pool: settle
    // them, then divide them like everyone else
    let (mut held, mut held_unbonding) = (Uint128::zero(), Uint128::zero());
    let (mut kept, mut kept_unbonding) = (Uint128::zero(), Uint128::zero());
    for k in closed.saturating_sub(ALIVE_COHORTS)..closed {
        let Some(mut cohort) = COHORTS.may_load(storage, k)? else {
            continue;
        };
        if cohort.holder.is_zero() && cohort.unbonding_holder.is_zero() {
            continue;
        }
        cohort.sync(&rewards.assets)?;
        held = add_int(held, cohort.holder, "held shares")?;
        held_unbonding = add_int(held_unbonding, cohort.unbonding_holder, "held shares")?;
        cohort.divide(exp)?;
        kept = add_int(kept, cohort.holder, "kept shares")?;
        kept_unbonding = add_int(kept_unbonding, cohort.unbonding_holder, "kept shares")?;
        COHORTS.save(storage, k, &cohort)?;
    }
    let unbonding = rewards.unbonding_shares(state.total_shares)?;
    let members = sub_int(rewards.bonded_shares, held, "bonded members")?;
    let unbonding_members = sub_int(unbonding, held_unbonding, "unbonding members")?;
    let cohort = Cohort {
        divisor_exp: exp,
        members,
        holder: members / divisor,
        unbonding_members,
        unbonding_holder: unbonding_members / divisor,
        assets: rewards
            .assets
            .iter()
            .map(|r| CohortReward {
                index_at_roll: r.index,
                holder_checkpoint: r.index,
                ..Default::default()
            })
            .collect(),
    };
    if !cohort.is_empty() {
        COHORTS.save(storage, closed, &cohort)?;
    }
    rewards.bonded_shares = add_int(kept, cohort.holder, "bonded shares")?;
    state.total_shares = add_int(
        rewards.bonded_shares,
        add_int(kept_unbonding, cohort.unbonding_holder, "unbonding shares")?,
        "total shares",
    )?;
    state.epoch = closed + 1;
    Ok(Some(Rollover {
        closed,
        divisor_exp: exp,
    }))
}

/// Converts `staker`, stored in `cohort`'s epoch, to the live epoch
/// `epoch`: settles its old shares up to the rollover and through the
/// cohort, then takes its live shares from the holder. Its checkpoints
/// move to the live indexes (`rewards`, advanced to now).
pub fn convert_member(
    cohort: &mut Cohort,
    rewards: &mut RewardPool,
    staker: &mut Staker,
    epoch: u64,
) -> MathResult<()> {
    cohort.sync(&rewards.assets)?;
    if staker.rewards.len() < rewards.assets.len() {
        staker
            .rewards
            .resize(rewards.assets.len(), UserReward::default());
    }
    for (i, (user, live)) in staker.rewards.iter_mut().zip(&rewards.assets).enumerate() {
        let at_roll = cohort
            .assets
            .get(i)
            .map(|c| c.index_at_roll)
            .unwrap_or_default();
        let before = sub_dec(at_roll, user.index, "index delta")?;
        let earned = add_dec(
            accrued(staker.shares, before)?,
            cohort.take(i, staker.shares)?,
            "member rewards",
        )?;
        user.pending = add_dec(user.pending, earned, "pending rewards")?;
        user.index = live.index;
    }
    staker.shares = cohort.leave(staker.shares, &mut rewards.assets)?;
    staker.epoch = epoch;
    Ok(())
}

/// Brings `staker` to the live epoch of `state`, reading and writing its
/// cohort (one record) when it is stored in an older one; nothing when it
/// is current (the common path reads nothing more). `rewards` must be
/// advanced to now.
pub fn convert_staker(
    storage: &mut dyn Storage,
    state: &StakingState,
    rewards: &mut RewardPool,
    staker: &mut Staker,
) -> EpochResult<()> {
    if staker.epoch >= state.epoch {
        return Ok(());
    }
    if staker.shares.is_zero() {
        // nothing to convert: no old share earns
        staker.settle(&rewards.assets)?;
        staker.epoch = state.epoch;
        return Ok(());
    }
    let closed = staker.epoch;
    let mut cohort = COHORTS.load(storage, closed)?;
    convert_member(&mut cohort, rewards, staker, state.epoch)?;
    save_cohort(storage, closed, &cohort)
}

/// Saves `cohort` at `epoch`, or removes it once no member is left.
pub fn save_cohort(storage: &mut dyn Storage, epoch: u64, cohort: &Cohort) -> EpochResult<()> {
    if cohort.is_empty() {
        COHORTS.remove(storage, epoch);
    } else {
        COHORTS.save(storage, epoch, cohort)?;
    }
    Ok(())
}

/// Converts an unbonding entry stored in an older epoch through its cohort
/// (`cohort`, the record of `entry.epoch`) to `epoch`.
pub fn convert_entry(cohort: &mut Cohort, entry: &mut Unbonding, epoch: u64) -> MathResult<()> {
    entry.shares = cohort.leave_unbonding(entry.shares)?;
    entry.epoch = epoch;
    Ok(())
}

/// What `staker` holds in the live epoch, without writing anything: the
/// conversion [`convert_staker`] would make now (for queries).
pub fn preview_staker(
    storage: &dyn Storage,
    state: &StakingState,
    rewards: &RewardPool,
    staker: &mut Staker,
) -> EpochResult<()> {
    if staker.epoch >= state.epoch {
        return Ok(());
    }
    let mut rewards = rewards.clone();
    if staker.shares.is_zero() {
        staker.settle(&rewards.assets)?;
        staker.epoch = state.epoch;
        return Ok(());
    }
    let mut cohort = COHORTS.load(storage, staker.epoch)?;
    convert_member(&mut cohort, &mut rewards, staker, state.epoch)?;
    Ok(())
}

/// The live shares of an unbonding entry, without writing anything (for
/// queries): what [`convert_entry`] would give it now.
pub fn preview_entry(
    storage: &dyn Storage,
    state: &StakingState,
    entry: &Unbonding,
) -> EpochResult<Uint128> {
    if entry.epoch >= state.epoch || entry.shares.is_zero() {
        return Ok(entry.shares);
    }
    let mut cohort = COHORTS.load(storage, entry.epoch)?;
    Ok(cohort.leave_unbonding(entry.shares)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(c: &Cohort, i: usize) -> Uint512 {
        // index × members + remainder, in units of 10⁻¹⁸ / D
        Uint512::from(c.assets[i].index.atomics()) * Uint512::from(c.members)
            + Uint512::from(c.assets[i].remainder)
    }

    #[test]
    fn a_division_recounts_the_index_per_live_share_exactly() {
        let members = Uint128::new(16_792_736_503_892_162_288_339_293);
        let mut c = Cohort {
            divisor_exp: 6,
            members,
            holder: members / Uint128::new(1_000_000),
            assets: vec![CohortReward {
                index: Decimal256::new(Uint256::from(106_751u128)),
                remainder: Uint128::new(10_000_000_000_000_000_000_000),
                ..Default::default()
            }],
            ..Default::default()
        };
        let before = value(&c, 0);
        c.divide(17).unwrap();
        assert_eq!(c.holder, Uint128::new(167));
        assert_eq!(c.divisor_exp, 23);
        assert_eq!(value(&c, 0), before * Uint512::from(10u128.pow(17)));
        assert!(c.assets[0].remainder < c.members);
        // the remainder is now worth under holder + 1 atomics
        assert!(c.assets[0].remainder.u128() / 10u128.pow(23) <= 167);
    }

    #[test]
    fn a_frozen_cohort_folds_its_remainder_and_never_exceeds_its_members() {
        let mut c = Cohort {
            divisor_exp: 6,
            members: Uint128::new(5_000_000_000),
            holder: Uint128::new(5_000),
            assets: vec![CohortReward {
                index: Decimal256::new(Uint256::from(7u128)),
                remainder: Uint128::new(4_999_999_999),
                ..Default::default()
            }],
            ..Default::default()
        };
        let before = value(&c, 0);
        c.divide(17).unwrap();
        assert!(c.holder.is_zero());
        // ⌊log₁₀ members⌋, not 6 + 17
        assert_eq!(c.divisor_exp, 9);
        assert_eq!(value(&c, 0), before * Uint512::from(1_000u128));
        // an exponent stored by an older release that lags catches up
        let mut lagging = Cohort {
            divisor_exp: 6,
            members: Uint128::new(10u128.pow(30)),
            holder: Uint128::new(10u128.pow(10)),
            assets: vec![CohortReward::default()],
            ..Default::default()
        };
        lagging.divide(6).unwrap();
        assert_eq!(lagging.holder, Uint128::new(10_000));
        assert_eq!(lagging.divisor_exp, 26);
        // members only in unbonding entries: nothing to recount
        let mut unbonding = Cohort {
            divisor_exp: 6,
            unbonding_members: Uint128::new(10u128.pow(20)),
            unbonding_holder: Uint128::new(10u128.pow(14)),
            ..Default::default()
        };
        unbonding.divide(7).unwrap();
        assert_eq!(unbonding.unbonding_holder, Uint128::new(10_000_000));
        assert_eq!(unbonding.divisor_exp, 6);
    }
}
