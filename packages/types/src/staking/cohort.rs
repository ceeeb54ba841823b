//! A closed share epoch's cohort: its members' old shares, the holder that
//! stands for them in the live pool, and the holder's rewards shared over
//! the members (see [`super::epochs`] for when cohorts are made and how
//! members convert).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal256, Uint128, Uint256, Uint512};

use super::RewardState;
use crate::math::{accrued, mul_div, MathError, MathResult, Rounding};

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

pub(super) fn sub_dec(a: Decimal256, b: Decimal256, what: &'static str) -> MathResult<Decimal256> {
    a.checked_sub(b).map_err(|_| MathError::Overflow { what })
}

pub(super) fn add_dec(a: Decimal256, b: Decimal256, what: &'static str) -> MathResult<Decimal256> {
    a.checked_add(b).map_err(|_| MathError::Overflow { what })
}

pub(super) fn add_int(a: Uint128, b: Uint128, what: &'static str) -> MathResult<Uint128> {
    a.checked_add(b).map_err(|_| MathError::Overflow { what })
}

pub(super) fn sub_int(a: Uint128, b: Uint128, what: &'static str) -> MathResult<Uint128> {
    a.checked_sub(b).map_err(|_| MathError::Overflow { what })
}

/// `10^exp` (at most `10³⁸`).
pub(super) fn pow10(exp: u32) -> MathResult<Uint128> {
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
