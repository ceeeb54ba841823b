//! Pure, checked fixed-point helpers shared by every Backstop contract.
//!
//! Every function widens to [`Uint256`] before multiplying, so `a * b / c`
//! never overflows in the intermediate product, and names its rounding
//! direction. The rule across the suite is that rounding favours the pool
//! over the individual: what a user receives rounds [`Rounding::Down`], what a
//! user owes or loses rounds [`Rounding::Up`].

use cosmwasm_std::{Decimal, Decimal256, Uint128, Uint256};
use thiserror::Error;

/// Failure of a checked math operation.
#[derive(Error, Debug, Clone, PartialEq, Eq)]
pub enum MathError {
    /// A division by zero was attempted; `what` names the divisor.
    #[error("division by zero: {what} is zero")]
    DivideByZero {
        /// The quantity that was zero.
        what: &'static str,
    },
    /// A result did not fit in 128 bits; `what` names the computation.
    #[error("overflow computing {what}")]
    Overflow {
        /// The computation that overflowed.
        what: &'static str,
    },
    /// A subtraction would go below zero; `what` names the quantity. An
    /// accounting invariant was broken: nothing moves.
    #[error("underflow: {amount} exceeds {what} of {available}")]
    Underflow {
        /// The quantity subtracted from.
        what: &'static str,
        /// What it held.
        available: Uint128,
        /// What was taken.
        amount: Uint128,
    },
}

/// `available - amount`, or [`MathError::Underflow`] naming `what`.
pub fn sub(available: Uint128, amount: Uint128, what: &'static str) -> MathResult<Uint128> {
    available
        .checked_sub(amount)
        .map_err(|_| MathError::Underflow {
            what,
            available,
            amount,
        })
}

/// Result alias for [`MathError`].
pub type MathResult<T> = Result<T, MathError>;

/// Direction in which an inexact division is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Towards zero: use for amounts paid *to* an individual.
    Down,
    /// Away from zero: use for amounts taken *from* an individual.
    Up,
}

/// `a * b / denominator`, computed in 256 bits and rounded as asked.
///
/// Errors when `denominator` is zero or the result exceeds `Uint128`.
pub fn mul_div(
    a: Uint128,
    b: Uint128,
    denominator: Uint128,
    rounding: Rounding,
) -> MathResult<Uint128> {
    if denominator.is_zero() {
        return Err(MathError::DivideByZero {
            what: "denominator",
        });
    }
    let product = Uint256::from(a)
        .checked_mul(Uint256::from(b))
        .map_err(|_| MathError::Overflow { what: "a * b" })?;
    let den = Uint256::from(denominator);
    let quotient = product / den;
    let quotient = match rounding {
        Rounding::Down => quotient,
        Rounding::Up if (product % den).is_zero() => quotient,
        Rounding::Up => quotient + Uint256::one(),
    };
    Uint128::try_from(quotient).map_err(|_| MathError::Overflow { what: "a * b / c" })
}

/// `amount * fraction`, rounded as asked. Exact for every `Decimal`.
pub fn mul_fraction(amount: Uint128, fraction: Decimal, rounding: Rounding) -> MathResult<Uint128> {
    mul_div(
        amount,
        fraction.atomics(),
        Uint128::new(10u128.pow(Decimal::DECIMAL_PLACES)),
        rounding,
    )
}

/// `numerator / denominator` as a `Decimal`, rounded as asked.
///
/// Errors on a zero denominator or when the ratio exceeds `Decimal::MAX`.
pub fn ratio(numerator: Uint128, denominator: Uint128, rounding: Rounding) -> MathResult<Decimal> {
    let atomics = mul_div(
        numerator,
        Uint128::new(10u128.pow(Decimal::DECIMAL_PLACES)),
        denominator,
        rounding,
    )?;
    Ok(Decimal::new(atomics))
}

/// Shares locked forever by the first deposit into an empty vault.
///
/// They are counted in the total supply but owned by the vault itself, which
/// never moves them. This is the first-depositor inflation defence: an attacker
/// who mints the first share and then adds income to inflate its price gives
/// away at least `MINIMUM_SHARES / (MINIMUM_SHARES + 1)` of that income to the
/// dead shares, so the attack costs far more than rounding can steal. They also
/// keep a sliver of assets behind every withdrawal, so the share price of a
/// vault with shares outstanding never reaches zero through exits.
pub const MINIMUM_SHARES: Uint128 = Uint128::new(1_000);

/// A share pool (the staking pool, the vault) opens a new share epoch when
/// it holds more than this many shares per unit of what backs them (a share
/// worth less than 10⁻⁷ of the first 1:1 price).
pub const EPOCH_THRESHOLD: u128 = 10_000_000;

/// Digits of the shares per unit kept by a rollover: `D = 10^(digits − 1 −
/// EPOCH_KEEP_DIGITS)` of `⌊shares / units⌋`, leaving 10 to 100 shares per
/// unit, so that a conversion rounds away at most a tenth of a unit.
pub const EPOCH_KEEP_DIGITS: u32 = 1;

/// The divisor exponent of the share epoch due on a pool of `shares` backed
/// by `units`, if any: when `⌊shares / units⌋` exceeds [`EPOCH_THRESHOLD`],
/// `d` such that `shares / 10^d` is 10 to 100 times `units` (at least 6).
/// `None` without units: what a pool with shares and nothing behind them
/// does is the pool's own rule.
pub fn epoch_divisor_exp(shares: Uint128, units: Uint128) -> Option<u32> {
    let per_unit = shares.u128().checked_div(units.u128())?;
    (per_unit > EPOCH_THRESHOLD).then(|| per_unit.ilog10() - EPOCH_KEEP_DIGITS)
}

/// `⌊x / 10^exp⌋`, rounded down (for the pool): the conversion of a share
/// count across epochs; zero once `10^exp` exceeds every `Uint128`.
pub fn rescale(x: Uint128, exp: u32) -> Uint128 {
    match 10u128.checked_pow(exp) {
        Some(d) => Uint128::new(x.u128() / d),
        None => Uint128::zero(),
    }
}

/// Shares minted for a deposit, split into (to depositor, dead shares).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DepositShares {
    /// Shares credited to the depositor's recipient.
    pub to_recipient: Uint128,
    /// Shares locked forever in the vault (non-zero only for the first deposit).
    pub dead: Uint128,
}

/// Shares for depositing `assets` into a vault holding `total_assets` backing
/// `total_shares`, rounded **down** (the pool keeps the remainder).
///
/// The first deposit into an empty vault mints shares 1:1 and locks
/// [`MINIMUM_SHARES`] of them; it must therefore exceed `MINIMUM_SHARES`, or
/// the depositor would receive nothing (reported as zero `to_recipient`).
pub fn shares_for_deposit(
    assets: Uint128,
    total_assets: Uint128,
    total_shares: Uint128,
) -> MathResult<DepositShares> {
    if total_shares.is_zero() {
        return Ok(DepositShares {
            to_recipient: assets.saturating_sub(MINIMUM_SHARES),
            dead: MINIMUM_SHARES.min(assets),
        });
    }
    if total_assets.is_zero() {
        return Err(MathError::DivideByZero {
            what: "total assets",
        });
    }
    Ok(DepositShares {
        to_recipient: mul_div(assets, total_shares, total_assets, Rounding::Down)?,
        dead: Uint128::zero(),
    })
}

/// Shares worth `assets` at the current price, rounded as asked. Zero when the
/// vault is empty (no price exists yet).
pub fn convert_to_shares(
    assets: Uint128,
    total_assets: Uint128,
    total_shares: Uint128,
    rounding: Rounding,
) -> MathResult<Uint128> {
    if total_shares.is_zero() || total_assets.is_zero() {
        return Ok(Uint128::zero());
    }
    mul_div(assets, total_shares, total_assets, rounding)
}

/// Assets that `shares` are worth at the current price, rounded **down**:
/// redeeming never pays out more than the exact pro-rata value.
pub fn convert_to_assets(
    shares: Uint128,
    total_assets: Uint128,
    total_shares: Uint128,
) -> MathResult<Uint128> {
    if total_shares.is_zero() {
        return Ok(Uint128::zero());
    }
    mul_div(shares, total_assets, total_shares, Rounding::Down)
}

/// What an exit request pays: `min(value at request, value now)`, rounded
/// down. A loss during the cooldown is borne; a gain stays with the pool.
pub fn exit_value(
    shares: Uint128,
    value_at_request: Uint128,
    total_assets: Uint128,
    total_shares: Uint128,
) -> MathResult<Uint128> {
    Ok(convert_to_assets(shares, total_assets, total_shares)?.min(value_at_request))
}

/// Stake shares for `tokens` added to a pool of `total_tokens` backing
/// `total_shares`, rounded **down**. The first stake (or a stake into a pool
/// whose shares are all gone) mints 1:1.
pub fn shares_for_stake(
    tokens: Uint128,
    total_tokens: Uint128,
    total_shares: Uint128,
) -> MathResult<Uint128> {
    if total_shares.is_zero() || total_tokens.is_zero() {
        return Ok(tokens);
    }
    mul_div(tokens, total_shares, total_tokens, Rounding::Down)
}

/// Shares to give up to unstake `tokens`, rounded **up**: the leaver never
/// takes more than the exact value of what they give up.
pub fn shares_for_unstake(
    tokens: Uint128,
    total_tokens: Uint128,
    total_shares: Uint128,
) -> MathResult<Uint128> {
    if total_tokens.is_zero() {
        return Err(MathError::DivideByZero {
            what: "total tokens",
        });
    }
    mul_div(tokens, total_shares, total_tokens, Rounding::Up)
}

/// `amount / total_shares` as a reward-index increment, rounded **down** at
/// 18 decimals: no more is promised than was funded.
pub fn index_increment(amount: Decimal256, total_shares: Uint128) -> MathResult<Decimal256> {
    div_int(amount, total_shares, "total shares")
}

/// Rewards accrued by `shares` while the index moved by `delta`: exact in
/// 18-decimal fixed point (a product with an integer does not round).
pub fn accrued(shares: Uint128, delta: Decimal256) -> MathResult<Decimal256> {
    mul_int(delta, shares, "accrued rewards")
}

/// `d × n` for an integer `n`: exact, computed on `d`'s atomics. The same
/// as `Decimal256` multiplication by `n` as a decimal, without its 512-bit
/// intermediate.
pub fn mul_int(d: Decimal256, n: impl Into<Uint256>, what: &'static str) -> MathResult<Decimal256> {
    d.atomics()
        .checked_mul(n.into())
        .map(Decimal256::new)
        .map_err(|_| MathError::Overflow { what })
}

/// `d / n` for an integer `n`, rounded **down** at 18 decimals: computed on
/// `d`'s atomics, the same as `Decimal256` division by `n` as a decimal.
pub fn div_int(d: Decimal256, n: impl Into<Uint256>, what: &'static str) -> MathResult<Decimal256> {
    let n = n.into();
    if n.is_zero() {
        return Err(MathError::DivideByZero { what });
    }
    Ok(Decimal256::new(d.atomics() / n))
}

/// An integer as a `Decimal256`.
pub fn decimal(v: impl Into<Uint256>) -> MathResult<Decimal256> {
    v.into()
        .checked_mul(Decimal256::one().atomics())
        .map(Decimal256::new)
        .map_err(|_| MathError::Overflow {
            what: "integer as decimal",
        })
}

/// The whole units of `d`, rounded **down**: what can actually be paid.
pub fn floor_to_uint(d: Decimal256) -> MathResult<Uint128> {
    Uint128::try_from(d.to_uint_floor()).map_err(|_| MathError::Overflow {
        what: "decimal to Uint128",
    })
}

/// `factor × num / den` for a factor in [0, 1] (`num ≤ den`), computed on
/// its 18-decimal atomics widened to 256 bits and rounded as asked.
pub fn scale_factor(
    factor: Decimal,
    num: Uint128,
    den: Uint128,
    rounding: Rounding,
) -> MathResult<Decimal> {
    if den.is_zero() {
        return Err(MathError::DivideByZero {
            what: "factor denominator",
        });
    }
    let product = Uint256::from(factor.atomics())
        .checked_mul(Uint256::from(num))
        .map_err(|_| MathError::Overflow {
            what: "factor product",
        })?;
    let den = Uint256::from(den);
    let mut q = product / den;
    if rounding == Rounding::Up && !(product % den).is_zero() {
        // a remainder means den ≥ 2, so q < 2^255 and cannot overflow
        q += Uint256::one();
    }
    let atomics = Uint128::try_from(q).map_err(|_| MathError::Overflow {
        what: "scaled factor",
    })?;
    Ok(Decimal::new(atomics))
}

/// `1 − ratio` as the multiplier `(num, den)` for [`scale_factor`].
pub fn complement(ratio: Decimal) -> (Uint128, Uint128) {
    let one = Decimal::one().atomics();
    (one.saturating_sub(ratio.atomics()), one)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn u(v: u128) -> Uint128 {
        Uint128::new(v)
    }

    #[test]
    fn a_subtraction_below_zero_is_a_typed_underflow_naming_the_quantity() {
        assert_eq!(sub(u(10), u(4), "x"), Ok(u(6)));
        assert_eq!(sub(u(10), u(10), "x"), Ok(u(0)));
        assert_eq!(
            sub(u(3), u(4), "vault assets"),
            Err(MathError::Underflow {
                what: "vault assets",
                available: u(3),
                amount: u(4),
            })
        );
    }

    #[test]
    fn mul_div_rounds_in_the_named_direction() {
        assert_eq!(mul_div(u(10), u(1), u(3), Rounding::Down).unwrap(), u(3));
        assert_eq!(mul_div(u(10), u(1), u(3), Rounding::Up).unwrap(), u(4));
        assert_eq!(mul_div(u(9), u(1), u(3), Rounding::Up).unwrap(), u(3));
    }

    #[test]
    fn mul_div_survives_an_intermediate_product_beyond_128_bits() {
        let max = Uint128::MAX;
        assert_eq!(mul_div(max, max, max, Rounding::Down).unwrap(), max);
    }

    #[test]
    fn mul_div_reports_zero_divisor_and_overflow() {
        assert_eq!(
            mul_div(u(1), u(1), u(0), Rounding::Down),
            Err(MathError::DivideByZero {
                what: "denominator"
            })
        );
        assert!(matches!(
            mul_div(Uint128::MAX, u(2), u(1), Rounding::Down),
            Err(MathError::Overflow { .. })
        ));
    }

    #[test]
    fn first_deposit_is_one_to_one_and_locks_the_minimum() {
        let s = shares_for_deposit(u(1_000_000), u(0), u(0)).unwrap();
        assert_eq!(s.to_recipient, u(999_000));
        assert_eq!(s.dead, MINIMUM_SHARES);
    }

    #[test]
    fn first_deposit_at_or_below_the_minimum_gives_the_depositor_nothing() {
        assert_eq!(
            shares_for_deposit(u(1_000), u(0), u(0))
                .unwrap()
                .to_recipient,
            u(0)
        );
        assert_eq!(
            shares_for_deposit(u(7), u(0), u(0)).unwrap().to_recipient,
            u(0)
        );
    }

    #[test]
    fn deposit_shares_round_down_in_favour_of_the_pool() {
        // price 3 assets per 2 shares: 10 assets buy 6.66.. shares -> 6
        let s = shares_for_deposit(u(10), u(3_000), u(2_000)).unwrap();
        assert_eq!(s.to_recipient, u(6));
        assert_eq!(convert_to_assets(u(6), u(3_010), u(2_006)).unwrap(), u(9));
    }

    #[test]
    fn inflation_attack_costs_the_attacker_more_than_the_victim_loses() {
        // attacker: first deposit of 1_001 -> 1 share, then 1_000_000 of income
        let first = shares_for_deposit(u(1_001), u(0), u(0)).unwrap();
        assert_eq!(first.to_recipient, u(1));
        let (assets, shares) = (u(1_001 + 1_000_000), u(1_001));
        // victim deposits 500_000: price ~ 1000.0 per share
        let victim = shares_for_deposit(u(500_000), assets, shares)
            .unwrap()
            .to_recipient;
        let (assets, shares) = (assets + u(500_000), shares + victim);
        let victim_value = convert_to_assets(victim, assets, shares).unwrap();
        let attacker_value = convert_to_assets(u(1), assets, shares).unwrap();
        let victim_loss = 500_000 - victim_value.u128();
        let attacker_loss = 1_001_001 - attacker_value.u128();
        assert!(victim_loss <= 1_000, "victim lost {victim_loss}");
        assert!(
            attacker_loss > 900_000,
            "attacker lost only {attacker_loss}"
        );
    }

    #[test]
    fn an_exit_bears_losses_but_leaves_gains_to_the_pool() {
        // requested at price 1.0: 100 shares worth 100
        assert_eq!(exit_value(u(100), u(100), u(500), u(1_000)).unwrap(), u(50));
        assert_eq!(
            exit_value(u(100), u(100), u(2_000), u(1_000)).unwrap(),
            u(100)
        );
        // rounds down: 100 * 999 / 1000 = 99.9
        assert_eq!(exit_value(u(100), u(100), u(999), u(1_000)).unwrap(), u(99));
    }

    #[test]
    fn staking_rounds_shares_down_in_and_up_out() {
        assert_eq!(shares_for_stake(u(10), u(0), u(0)).unwrap(), u(10));
        // 3 tokens per 2 shares after a slash
        assert_eq!(shares_for_stake(u(10), u(300), u(200)).unwrap(), u(6));
        assert_eq!(shares_for_unstake(u(10), u(300), u(200)).unwrap(), u(7));
        assert!(shares_for_unstake(u(1), u(0), u(5)).is_err());
    }

    #[test]
    fn reward_index_rounds_down_and_accrual_is_exact() {
        let inc = index_increment(decimal(u(10)).unwrap(), u(3)).unwrap();
        assert_eq!(inc, Decimal256::from_ratio(10u8, 3u8));
        let got = accrued(u(3), inc).unwrap();
        assert!(got < decimal(u(10)).unwrap());
        assert_eq!(floor_to_uint(got).unwrap(), u(9));
        assert!(index_increment(decimal(u(1)).unwrap(), u(0)).is_err());
    }

    #[test]
    fn an_index_increment_over_no_shares_is_a_division_by_zero() {
        assert_eq!(
            index_increment(Decimal256::one(), Uint128::zero()),
            Err(MathError::DivideByZero {
                what: "total shares"
            })
        );
    }

    #[test]
    fn an_integer_becomes_a_decimal_and_one_too_large_is_an_overflow() {
        assert_eq!(decimal(7u64).unwrap(), Decimal256::percent(700));
        assert_eq!(
            decimal(Uint256::MAX),
            Err(MathError::Overflow {
                what: "integer as decimal"
            })
        );
    }

    #[test]
    fn scaling_a_factor_rounds_in_the_named_direction() {
        let third = scale_factor(Decimal::one(), u(1), u(3), Rounding::Down).unwrap();
        let third_up = scale_factor(Decimal::one(), u(1), u(3), Rounding::Up).unwrap();
        assert_eq!(third_up - third, Decimal::new(Uint128::one()));
        let (n, d) = complement(Decimal::percent(25));
        assert_eq!(
            scale_factor(Decimal::one(), n, d, Rounding::Down).unwrap(),
            Decimal::percent(75)
        );
        assert_eq!(
            scale_factor(Decimal::MAX, u(2), u(1), Rounding::Down),
            Err(MathError::Overflow {
                what: "scaled factor"
            })
        );
    }

    #[test]
    fn a_deposit_into_a_vault_drained_to_its_floor_overflows_with_a_typed_error() {
        // 10^6 tokens of 18 decimals drawn down to a floor of 1,000 units:
        // one token would mint 10^39 shares, more than a Uint128 holds (the
        // vault's open deep-loss limitation, docs/fund-vault.md)
        let supply = u(10u128.pow(24));
        assert!(matches!(
            shares_for_deposit(u(10u128.pow(18)), u(1_000), supply),
            Err(MathError::Overflow { .. })
        ));
        // a floor sized to the supply keeps entry open: at a price of
        // 10^-12, a million tokens still fit
        let floor = u(10u128.pow(12));
        let minted = shares_for_deposit(u(10u128.pow(24)), floor, supply).unwrap();
        assert_eq!(minted.to_recipient, u(10u128.pow(36)));
    }

    #[test]
    fn convert_on_an_empty_vault_is_zero_not_an_error() {
        assert_eq!(
            convert_to_shares(u(5), u(0), u(0), Rounding::Down).unwrap(),
            u(0)
        );
        assert_eq!(convert_to_assets(u(5), u(0), u(0)).unwrap(), u(0));
    }

    #[test]
    fn mul_fraction_and_ratio_are_exact_for_decimals() {
        let half = Decimal::percent(50);
        assert_eq!(mul_fraction(u(11), half, Rounding::Down).unwrap(), u(5));
        assert_eq!(mul_fraction(u(11), half, Rounding::Up).unwrap(), u(6));
        assert_eq!(
            ratio(u(1), u(3), Rounding::Down).unwrap(),
            Decimal::from_ratio(1u8, 3u8)
        );
        assert!(ratio(u(1), u(3), Rounding::Up).unwrap() > Decimal::from_ratio(1u8, 3u8));
        assert!(ratio(u(1), u(0), Rounding::Up).is_err());
    }

    proptest! {
        /// Depositing and redeeming at once never returns more than was put in.
        #[test]
        fn a_round_trip_never_profits_the_depositor(
            total_assets in 1u128..1u128 << 100,
            total_shares in 1u128..1u128 << 100,
            assets in 0u128..1u128 << 100,
        ) {
            let minted = shares_for_deposit(u(assets), u(total_assets), u(total_shares))
                .unwrap()
                .to_recipient;
            let back = convert_to_assets(minted, u(total_assets + assets), u(total_shares) + minted)
                .unwrap();
            prop_assert!(back <= u(assets));
        }

        /// Multiplying and dividing a decimal by an integer on its atomics
        /// gives exactly what `Decimal256` arithmetic with the integer as a
        /// decimal gives, overflow included.
        #[test]
        fn integer_scaling_matches_decimal_arithmetic(
            hi in 0u128..u128::MAX, lo in 0u128..u128::MAX, n in 0u128..u128::MAX,
            shift in 0u32..256,
        ) {
            let atomics = ((Uint256::from(hi) << 128) + Uint256::from(lo)) >> shift;
            let d = Decimal256::new(atomics);
            let as_decimal = Decimal256::from_atomics(Uint256::from(n), 0).unwrap();
            prop_assert_eq!(mul_int(d, u(n), "x").ok(), d.checked_mul(as_decimal).ok());
            prop_assert_eq!(div_int(d, u(n), "x").ok(), d.checked_div(as_decimal).ok());
        }

        /// Rounding up and down bracket the exact quotient, one unit apart at most.
        #[test]
        fn up_and_down_bracket_the_exact_quotient(
            a in 0u128..u128::MAX, b in 0u128..1u128 << 64, c in 1u128..u128::MAX,
        ) {
            let down = mul_div(u(a), u(b), u(c), Rounding::Down);
            let up = mul_div(u(a), u(b), u(c), Rounding::Up);
            if let (Ok(down), Ok(up)) = (down, up) {
                prop_assert!(up >= down && up - down <= u(1));
                let exact = Uint256::from(u(a)) * Uint256::from(u(b));
                prop_assert!(Uint256::from(down) * Uint256::from(u(c)) <= exact);
                prop_assert!(Uint256::from(up) * Uint256::from(u(c)) >= exact);
            }
        }

        /// All real holders together can never redeem more than the vault holds.
        #[test]
        fn holders_can_never_redeem_more_than_the_vault_holds(
            total_assets in 0u128..1u128 << 100,
            real_shares in 0u128..1u128 << 100,
        ) {
            let total_shares = u(real_shares) + MINIMUM_SHARES;
            let all = convert_to_assets(u(real_shares), u(total_assets), total_shares).unwrap();
            prop_assert!(all <= u(total_assets));
        }
    }
}
