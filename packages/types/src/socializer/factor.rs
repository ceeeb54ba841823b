//! Cumulative haircut factors that never collapse.
//!
//! A factor is `Π (1 − covered / base)` over a market's haircuts, kept as
//! `mantissa × 10^-(36 + scale)` within an `epoch`:
//!
//! - the mantissa stays in `[10³⁵, 10³⁶]`: when a haircut takes it below,
//!   it is multiplied by ten and `scale` grows by one, so the factor keeps
//!   35 significant digits however small it gets;
//! - a haircut of everything (`covered == base`) starts a new `epoch` at
//!   one: every position checkpointed before is worth nothing, and every
//!   position opened after starts whole.
//!
//! Each haircut applies the exact fraction `(base − covered) / base`,
//! rounded once, down, in the 36-digit mantissa: never a rounded ratio. A
//! position of `p` checkpointed at `f0` is worth, at `f`,
//!
//! ```text
//! value = 0                                               if f.epoch ≠ f0.epoch
//!       = ⌊ p × f.mantissa / (f0.mantissa × 10^(f.scale − f0.scale)) ⌋  otherwise
//! ```
//!
//! one multiplication and one division, whatever happened in between. The
//! charge to a position differs from its exact share of what was assigned
//! by its final rounding (under one unit) plus `p × n × 10⁻³⁵` for `n`
//! haircuts since its checkpoint: under one more unit for any position up
//! to 10³⁰ units through 10⁴ haircuts.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Uint128, Uint256};

use crate::math::{MathError, MathResult, Rounding};

/// `10³⁶`: the mantissa of one.
const ONE: u128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;
/// `10³⁵`: the smallest mantissa before rescaling.
const FLOOR: u128 = ONE / 10;

/// A cumulative factor: `mantissa × 10^-(36 + scale)` within `epoch`.
#[cw_serde]
#[derive(Eq, Copy)]
#[serde(from = "FactorRepr")]
pub struct Factor {
    /// Starts again at one after a haircut of everything.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub epoch: u64,
    /// Powers of ten taken out of the mantissa.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub scale: u32,
    /// In `[10³⁵, 10³⁶]`.
    pub mantissa: Uint128,
}

/// A stored factor, read field by field with a visitor that also takes
/// the fields left out when zero.
struct FactorRepr(Factor);

impl<'de> serde::Deserialize<'de> for FactorRepr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // a map only: `deserialize_any` would pull in float formatting,
        // about 12 KB of every artifact that reads a market
        d.deserialize_map(ReprVisitor)
    }
}

struct ReprVisitor;

impl<'de> serde::de::Visitor<'de> for ReprVisitor {
    type Value = FactorRepr;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a factor {epoch, scale, mantissa}")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FactorRepr, A::Error> {
        let mut f = Factor {
            epoch: 0,
            scale: 0,
            mantissa: Uint128::zero(),
        };
        let mut mantissa = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "epoch" => f.epoch = map.next_value()?,
                "scale" => f.scale = map.next_value()?,
                "mantissa" => {
                    f.mantissa = map.next_value()?;
                    mantissa = true;
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        if !mantissa {
            return Err(serde::de::Error::missing_field("mantissa"));
        }
        Ok(FactorRepr(f))
    }
}

impl From<FactorRepr> for Factor {
    fn from(r: FactorRepr) -> Self {
        r.0
    }
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}

impl Default for Factor {
    fn default() -> Self {
        Self::one()
    }
}

impl Factor {
    /// One, in epoch zero.
    pub fn one() -> Self {
        Factor {
            epoch: 0,
            scale: 0,
            mantissa: Uint128::new(ONE),
        }
    }

    /// Whether the factor is one at its scale (nothing taken in its epoch).
    pub fn is_one(&self) -> bool {
        self.scale == 0 && self.mantissa.u128() == ONE
    }

    /// The factor after keeping `kept / total` of what it applies to,
    /// `kept ≤ total`, rounded as asked in the mantissa. Keeping nothing
    /// starts a new epoch.
    pub fn keep(&self, kept: Uint128, total: Uint128, rounding: Rounding) -> MathResult<Factor> {
        if total.is_zero() || kept >= total {
            return Ok(*self);
        }
        if kept.is_zero() {
            return Ok(Factor {
                epoch: self.epoch.checked_add(1).ok_or(MathError::Overflow {
                    what: "factor epoch",
                })?,
                ..Factor::one()
            });
        }
        // 256 bits suffice: mantissa × kept < 2¹²⁰ × 2¹²⁸, and while the
        // quotient is below 10³⁵, num < 10³⁵ × total < 2²⁴⁵, so ten times
        // it still fits
        let mut num = Uint256::from(self.mantissa) * Uint256::from(kept);
        let den = Uint256::from(total);
        let floor = Uint256::from(FLOOR);
        let mut scale = self.scale;
        // at most 39 steps: kept / total ≥ 1 / 2¹²⁸ > 10⁻³⁹
        while num / den < floor {
            num *= Uint256::from(10u8);
            scale = scale.checked_add(1).ok_or(MathError::Overflow {
                what: "factor scale",
            })?;
        }
        let mut m = num / den;
        if rounding == Rounding::Up && !(num % den).is_zero() {
            m += Uint256::one();
        }
        let mantissa = Uint128::try_from(m).map_err(|_| MathError::Overflow {
            what: "factor mantissa",
        })?;
        Ok(Factor {
            epoch: self.epoch,
            scale,
            mantissa,
        })
    }

    /// What `amount` checkpointed at `since` is worth at this factor,
    /// rounded as asked: zero from an earlier epoch.
    pub fn value(
        &self,
        amount: Uint128,
        since: &Factor,
        rounding: Rounding,
    ) -> MathResult<Uint128> {
        if since.epoch != self.epoch {
            return Ok(Uint128::zero());
        }
        let steps = self.scale.saturating_sub(since.scale);
        if steps > 39 {
            // 10³⁵⁺³⁹ exceeds any product of a 128-bit amount and a
            // mantissa (< 2²⁴⁸): the value is below one
            return Ok(match rounding {
                Rounding::Up if !amount.is_zero() => Uint128::one(),
                _ => Uint128::zero(),
            });
        }
        // amount × mantissa < 2²⁴⁸, and mantissa × 10³⁹ ≤ 10⁷⁵ < 2²⁵⁶
        let num = Uint256::from(amount) * Uint256::from(self.mantissa);
        let den =
            Uint256::from(since.mantissa.max(Uint128::one())) * Uint256::from(10u8).pow(steps);
        let mut q = num / den;
        if rounding == Rounding::Up && !(num % den).is_zero() {
            q += Uint256::one();
        }
        Uint128::try_from(q).map_err(|_| MathError::Overflow {
            what: "factor value",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(v: u128) -> Uint128 {
        Uint128::new(v)
    }

    #[test]
    fn a_full_haircut_starts_a_new_epoch_and_old_positions_are_worth_nothing() {
        let f = Factor::one().keep(u(0), u(100), Rounding::Down).unwrap();
        assert_eq!((f.epoch, f.is_one()), (1, true));
        assert_eq!(
            f.value(u(1_000), &Factor::one(), Rounding::Down).unwrap(),
            u(0)
        );
        assert_eq!(f.value(u(1_000), &f, Rounding::Down).unwrap(), u(1_000));
    }

    #[test]
    fn a_factor_never_reaches_zero_and_keeps_its_precision() {
        let mut f = Factor::one();
        for _ in 0..200 {
            f = f.keep(u(1), u(2), Rounding::Down).unwrap();
        }
        assert!(f.mantissa.u128() >= FLOOR && f.scale >= 60);
        // a position opened now halves exactly at the next one
        let next = f.keep(u(1), u(2), Rounding::Down).unwrap();
        assert_eq!(next.value(u(10_000), &f, Rounding::Down).unwrap(), u(5_000));
    }

    #[test]
    fn a_factor_round_trips_through_json_and_leaves_out_zero_fields() {
        let f = Factor::one().keep(u(8), u(10), Rounding::Down).unwrap();
        let json = cosmwasm_std::to_json_string(&f).unwrap();
        assert_eq!(json, format!(r#"{{"mantissa":"{}"}}"#, 8 * FLOOR));
        assert_eq!(
            cosmwasm_std::from_json::<Factor>(json.as_bytes()).unwrap(),
            f
        );
        let g = Factor::one().keep(u(0), u(10), Rounding::Down).unwrap();
        let json = cosmwasm_std::to_json_string(&g).unwrap();
        assert_eq!(
            cosmwasm_std::from_json::<Factor>(json.as_bytes()).unwrap(),
            g
        );
        assert!(cosmwasm_std::from_json::<Factor>(br#"{"epoch":1}"#).is_err());
    }

    #[test]
    fn a_tiny_haircut_on_a_huge_position_costs_what_was_assigned() {
        let huge = 10u128.pow(30);
        let f = Factor::one()
            .keep(u(huge - 1), u(huge), Rounding::Down)
            .unwrap();
        let v = f.value(u(huge), &Factor::one(), Rounding::Down).unwrap();
        assert!(v >= u(huge - 2), "charged {}", huge - v.u128());
    }
}
