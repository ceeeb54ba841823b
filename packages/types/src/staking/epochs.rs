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

use cosmwasm_std::{StdError, Storage, Uint128};
use cw_storage_plus::Map;
use thiserror::Error;

use super::cohort::{add_dec, add_int, pow10, sub_dec, sub_int};
pub use super::cohort::{Cohort, CohortReward};
use super::{RewardPool, Staker, StakingState, Unbonding, UserReward};
use crate::math::{accrued, epoch_divisor_exp, MathError, MathResult};

pub use crate::math::{EPOCH_KEEP_DIGITS, EPOCH_THRESHOLD};

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

/// The divisor exponent of the rollover due on `state`, if any: when the
/// pool holds more than [`EPOCH_THRESHOLD`] shares per token, `d` such
/// that `shares / 10^d` is 10 to 100 times the tokens (at least 6).
///
/// Shares left with no token behind them (the staking token's own share
/// epoch divided the pool's tokens away) are worth nothing: then the
/// rollover divides by more than every share, so that they all count as
/// none, and a newcomer's stake is not shared with them.
pub fn rollover_due(state: &StakingState) -> Option<u32> {
    let shares = state.total_shares.u128();
    if state.total_tokens.is_zero() {
        // 10^38 < u128::MAX < 10^39: the divisor exceeds every share count
        // below 10^38, and no pool near the threshold holds more
        return (shares > 0 && shares < 10u128.pow(38)).then(|| shares.ilog10() + 1);
    }
    epoch_divisor_exp(state.total_shares, state.total_tokens)
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

    fn pool(tokens: u128, shares: u128) -> StakingState {
        StakingState {
            total_tokens: Uint128::new(tokens),
            total_shares: Uint128::new(shares),
            ..StakingState::default()
        }
    }

    #[test]
    fn a_rollover_is_due_above_the_threshold_only() {
        assert_eq!(rollover_due(&pool(100, 1_000_000_000)), None);
        assert_eq!(rollover_due(&pool(100, 1_000_000_100)), Some(6));
        assert_eq!(rollover_due(&pool(0, 0)), None);
    }

    #[test]
    fn shares_without_tokens_roll_over_by_more_than_every_share() {
        assert_eq!(rollover_due(&pool(0, 999)), Some(3));
        assert_eq!(rollover_due(&pool(0, 1_000)), Some(4));
        let most = 10u128.pow(38) - 1;
        assert_eq!(rollover_due(&pool(0, most)), Some(38));
        assert_eq!(rollover_due(&pool(0, most + 1)), None);
    }
}
