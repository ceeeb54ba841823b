//! Claimant limits: the rate-limit bucket, the lifetime cap, and the
//! vault's payout capacity, computed exactly as the vault does from the
//! raw-query items alone.

use cosmwasm_std::Uint128;

use super::{Claimant, ClaimantLimits, Params, VaultState, MAX_WINDOW_SECONDS};
use crate::math::{mul_div, mul_fraction, MathResult, Rounding};
use crate::params::{check_bounded, ParamError};

impl ClaimantLimits {
    /// Checks that the window is positive and within bounds.
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded("window_seconds", self.window_seconds, MAX_WINDOW_SECONDS)?;
        Ok(())
    }
}

impl Claimant {
    /// A claimant that has drawn nothing yet.
    pub fn new(limits: ClaimantLimits) -> Self {
        Self {
            limits,
            paid_total: Uint128::zero(),
            window_used: Uint128::zero(),
            window_updated_at: 0,
            ticket: 0,
            pending: None,
        }
    }

    /// Rate-limit usage at `now`, after the bucket's refill. Refill rounds
    /// down, so usage decays no faster than the exact rate.
    pub fn window_used_at(&self, now: u64) -> MathResult<Uint128> {
        let elapsed = now.saturating_sub(self.window_updated_at);
        if elapsed >= self.limits.window_seconds {
            return Ok(Uint128::zero());
        }
        let refill = mul_div(
            self.limits.window_cap,
            Uint128::from(elapsed),
            Uint128::from(self.limits.window_seconds),
            Rounding::Down,
        )?;
        Ok(self.window_used.saturating_sub(refill))
    }

    /// What the rate limit still allows at `now`.
    pub fn window_remaining_at(&self, now: u64) -> MathResult<Uint128> {
        Ok(self
            .limits
            .window_cap
            .saturating_sub(self.window_used_at(now)?))
    }

    /// What the lifetime cap still allows.
    pub fn lifetime_remaining(&self) -> Uint128 {
        self.limits.lifetime_cap.saturating_sub(self.paid_total)
    }

    /// What a payout to this claimant at `now` would pay, under every limit
    /// of the claimant and of the vault. Zero while payouts are paused.
    pub fn coverable(&self, params: &Params, state: &VaultState, now: u64) -> MathResult<Uint128> {
        if params.pause.payouts {
            return Ok(Uint128::zero());
        }
        Ok(state
            .payout_capacity(params)?
            .min(self.lifetime_remaining())
            .min(self.window_remaining_at(now)?))
    }

    /// Records a payout of `amount` at `now`.
    pub fn record_payout(&mut self, amount: Uint128, now: u64) -> MathResult<()> {
        self.window_used = self.window_used_at(now)?.checked_add(amount).map_err(|_| {
            crate::math::MathError::Overflow {
                what: "claimant window usage",
            }
        })?;
        self.window_updated_at = now;
        self.paid_total =
            self.paid_total
                .checked_add(amount)
                .map_err(|_| crate::math::MathError::Overflow {
                    what: "claimant lifetime total",
                })?;
        Ok(())
    }
}

impl VaultState {
    /// The most one payout may take from the vault: `max_payout_fraction` of
    /// total assets (rounded down), and never the `min_reserve` floor.
    pub fn payout_capacity(&self, params: &Params) -> MathResult<Uint128> {
        let by_fraction = mul_fraction(
            self.total_assets,
            params.max_payout_fraction,
            Rounding::Down,
        )?;
        let above_floor = self.total_assets.saturating_sub(params.min_reserve);
        Ok(by_fraction.min(above_floor))
    }
}
