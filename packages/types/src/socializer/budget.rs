//! Per-market budgets, declared exposure and windowed caps: what one market
//! may take from the backstop, kept in the market's own record so that no
//! market's reports can consume another's budget, and O(1) per report.
//!
//! # Windows
//! Every rate limit is a bucket that refills linearly: a cap of `c` per
//! `window_seconds` lets usage fall by `c × elapsed / window_seconds`
//! (rounded down, so usage never decays faster than the exact rate). There
//! is no window boundary to straddle, so no burst of twice the cap.
//!
//! # Ratio windows
//! Haircut and overall slash windows bound the **sum** of the ratios taken
//! within the window. The sum bounds the compounded loss `1 − Π(1 − rᵢ)` of
//! anyone who stayed through all of them, so the cap holds for them too.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint128};

use super::{Market, Plan};
use crate::math::{mul_div, MathError, MathResult, Rounding};
use crate::params::{check_bounded, check_fraction, ParamError};

/// Longest rate-limit window accepted (thirty days).
pub const MAX_BUDGET_WINDOW_SECONDS: u64 = 30 * 24 * 3600;

/// What markets may take, set by governance: a window length, the limits of
/// every market without its own, and limits over all markets together.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct RiskLimits {
    /// The rate-limit window: each per-window cap refills over this long.
    pub window_seconds: u64,
    /// The limits of a market that has none of its own.
    pub market_defaults: MarketLimits,
    /// Limits over all markets together.
    #[serde(default)]
    pub overall: OverallLimits,
}

/// One market's budgets. `None` leaves that quantity uncapped.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default, Copy)]
pub struct MarketLimits {
    /// Lifetime cap on what the vault covers for this market.
    #[serde(default)]
    pub vault_lifetime: Option<Uint128>,
    /// What the vault may cover for this market per window.
    #[serde(default)]
    pub vault_per_window: Option<Uint128>,
    /// Lifetime cap on what slashing stakers covers for this market, in the
    /// vault's asset.
    #[serde(default)]
    pub slash_lifetime: Option<Uint128>,
    /// What slashing stakers may cover for this market per window.
    #[serde(default)]
    pub slash_per_window: Option<Uint128>,
    /// Sum of this market's trader haircut ratios per window.
    #[serde(default)]
    pub trader_haircut_per_window: Option<Decimal>,
    /// Sum of this market's LP haircut ratios per window.
    #[serde(default)]
    pub lp_haircut_per_window: Option<Decimal>,
}

/// Limits over all markets together.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default, Copy)]
pub struct OverallLimits {
    /// Sum of the fractions of the stake slashed per window (each slash's
    /// tokens over the stake before it, rounded up).
    #[serde(default)]
    pub slash_ratio_per_window: Option<Decimal>,
    /// Trader and LP haircuts per window, in the vault's asset.
    #[serde(default)]
    pub haircut_per_window: Option<Uint128>,
}

/// What governance sets for one market: its exposure ceiling and its own
/// limits (`None`: the defaults).
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MarketRisk {
    /// The most exposure the market may declare.
    pub exposure_ceiling: Uint128,
    /// The market's own limits, in place of the defaults.
    #[serde(default)]
    pub limits: Option<MarketLimits>,
}

impl RiskLimits {
    /// No cap at all, over a one-day window.
    pub fn unlimited() -> Self {
        Self {
            window_seconds: 24 * 3600,
            market_defaults: MarketLimits::default(),
            overall: OverallLimits::default(),
        }
    }

    /// Checks the window's bounds and every ratio cap.
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded(
            "limits.window_seconds",
            self.window_seconds,
            MAX_BUDGET_WINDOW_SECONDS,
        )?;
        self.market_defaults.validate()?;
        if let Some(r) = self.overall.slash_ratio_per_window {
            check_fraction("limits.overall.slash_ratio_per_window", r)?;
        }
        Ok(())
    }
}

impl MarketRisk {
    /// Checks the market's own limits.
    pub fn validate(&self) -> Result<(), ParamError> {
        self.limits.as_ref().map_or(Ok(()), MarketLimits::validate)
    }
}

impl MarketLimits {
    /// Checks every ratio cap is at most one.
    pub fn validate(&self) -> Result<(), ParamError> {
        if let Some(r) = self.trader_haircut_per_window {
            check_fraction("limits.trader_haircut_per_window", r)?;
        }
        if let Some(r) = self.lp_haircut_per_window {
            check_fraction("limits.lp_haircut_per_window", r)?;
        }
        Ok(())
    }
}

/// A market's usage of its windows, stored in its record as the JSON array
/// `[at, "vault", "slash", "trader", "lp"]`.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(
    from = "(u64, Uint128, Uint128, Decimal, Decimal)",
    into = "(u64, Uint128, Uint128, Decimal, Decimal)"
)]
pub struct MarketUsage {
    /// Block time (seconds) of the last update.
    pub at: u64,
    /// Vault cover in the window.
    pub vault: Uint128,
    /// Staker cover in the window.
    pub slash: Uint128,
    /// Trader haircut ratios in the window.
    pub trader: Decimal,
    /// LP haircut ratios in the window.
    pub lp: Decimal,
}

impl From<(u64, Uint128, Uint128, Decimal, Decimal)> for MarketUsage {
    fn from((at, vault, slash, trader, lp): (u64, Uint128, Uint128, Decimal, Decimal)) -> Self {
        Self {
            at,
            vault,
            slash,
            trader,
            lp,
        }
    }
}

impl From<MarketUsage> for (u64, Uint128, Uint128, Decimal, Decimal) {
    fn from(u: MarketUsage) -> Self {
        (u.at, u.vault, u.slash, u.trader, u.lp)
    }
}

/// Usage of the overall windows, key `usage`, stored as the JSON array
/// `[at, "slash_ratio", "haircut"]`. Written only while an overall limit is
/// set.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(from = "(u64, Decimal, Uint128)", into = "(u64, Decimal, Uint128)")]
pub struct OverallUsage {
    /// Block time (seconds) of the last update.
    pub at: u64,
    /// Fractions of the stake slashed in the window.
    pub slash_ratio: Decimal,
    /// Haircuts in the window.
    pub haircut: Uint128,
}

impl From<(u64, Decimal, Uint128)> for OverallUsage {
    fn from((at, slash_ratio, haircut): (u64, Decimal, Uint128)) -> Self {
        Self {
            at,
            slash_ratio,
            haircut,
        }
    }
}

impl From<OverallUsage> for (u64, Decimal, Uint128) {
    fn from(u: OverallUsage) -> Self {
        (u.at, u.slash_ratio, u.haircut)
    }
}

/// What the planner may still take for one report, per layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Staker cover, in the vault's asset.
    pub slash_value: Uint128,
    /// Fraction of the stake.
    pub slash_ratio: Decimal,
    /// Vault cover.
    pub vault: Uint128,
    /// Trader haircut ratio.
    pub trader_ratio: Decimal,
    /// LP haircut ratio.
    pub lp_ratio: Decimal,
    /// Trader and LP haircuts together, in the vault's asset.
    pub haircut: Uint128,
}

impl Budget {
    /// No limit on anything.
    pub fn unlimited() -> Self {
        Self {
            slash_value: Uint128::MAX,
            slash_ratio: Decimal::one(),
            vault: Uint128::MAX,
            trader_ratio: Decimal::one(),
            lp_ratio: Decimal::one(),
            haircut: Uint128::MAX,
        }
    }
}

/// Usage `used` of a bucket capped at `cap` per `window`, last updated
/// `elapsed` seconds ago, after its refill (rounded down).
pub fn decayed(used: Uint128, cap: Uint128, window: u64, elapsed: u64) -> MathResult<Uint128> {
    if elapsed >= window {
        return Ok(Uint128::zero());
    }
    let refill = mul_div(
        cap,
        Uint128::from(elapsed),
        Uint128::from(window),
        Rounding::Down,
    )?;
    Ok(used.saturating_sub(refill))
}

/// What a bucket capped at `cap` (if any) still allows.
fn left(cap: Option<Uint128>, used: Uint128, window: u64, elapsed: u64) -> MathResult<Uint128> {
    match cap {
        None => Ok(Uint128::MAX),
        Some(cap) => Ok(cap.saturating_sub(decayed(used, cap, window, elapsed)?)),
    }
}

/// As [`left`] for a ratio bucket.
fn left_ratio(
    cap: Option<Decimal>,
    used: Decimal,
    window: u64,
    elapsed: u64,
) -> MathResult<Decimal> {
    match cap {
        None => Ok(Decimal::one()),
        Some(cap) => {
            let used = decayed(used.atomics(), cap.atomics(), window, elapsed)?;
            Ok(Decimal::new(cap.atomics().saturating_sub(used)))
        }
    }
}

/// Usage after a refill and then `add`, for a bucket capped at `cap`;
/// zero while uncapped.
fn after(
    cap: Option<Uint128>,
    used: Uint128,
    window: u64,
    elapsed: u64,
    add: Uint128,
) -> MathResult<Uint128> {
    let Some(cap) = cap else {
        return Ok(Uint128::zero());
    };
    decayed(used, cap, window, elapsed)?
        .checked_add(add)
        .map_err(|_| MathError::Overflow {
            what: "window usage",
        })
}

/// As [`after`] for a ratio bucket.
fn after_ratio(
    cap: Option<Decimal>,
    used: Decimal,
    window: u64,
    elapsed: u64,
    add: Decimal,
) -> MathResult<Decimal> {
    let cap = cap.map(|c| c.atomics());
    after(cap, used.atomics(), window, elapsed, add.atomics()).map(Decimal::new)
}

impl Market {
    /// The limits in force for this market.
    pub fn limits<'a>(&'a self, defaults: &'a MarketLimits) -> &'a MarketLimits {
        self.limits.as_ref().unwrap_or(defaults)
    }

    /// What this market may still take at `now`, within its own budgets
    /// and the overall windows.
    pub fn budget(
        &self,
        limits: &RiskLimits,
        overall: &OverallUsage,
        now: u64,
    ) -> MathResult<Budget> {
        let m = self.limits(&limits.market_defaults);
        let w = limits.window_seconds;
        let (u, e) = (&self.usage, now.saturating_sub(self.usage.at));
        let lifetime = |cap: Option<Uint128>, total: Uint128| {
            cap.map_or(Uint128::MAX, |c| c.saturating_sub(total))
        };
        let o = &limits.overall;
        let oe = now.saturating_sub(overall.at);
        Ok(Budget {
            slash_value: left(m.slash_per_window, u.slash, w, e)?
                .min(lifetime(m.slash_lifetime, self.totals.stakers)),
            slash_ratio: left_ratio(o.slash_ratio_per_window, overall.slash_ratio, w, oe)?,
            vault: left(m.vault_per_window, u.vault, w, e)?
                .min(lifetime(m.vault_lifetime, self.totals.vault)),
            trader_ratio: left_ratio(m.trader_haircut_per_window, u.trader, w, e)?,
            lp_ratio: left_ratio(m.lp_haircut_per_window, u.lp, w, e)?,
            haircut: left(o.haircut_per_window, overall.haircut, w, oe)?,
        })
    }

    /// Records a planned report's use of this market's windows at `now`.
    pub fn record_usage(&mut self, limits: &RiskLimits, plan: &Plan, now: u64) -> MathResult<()> {
        let m = *self.limits(&limits.market_defaults);
        let w = limits.window_seconds;
        let (u, e) = (self.usage, now.saturating_sub(self.usage.at));
        self.usage = MarketUsage {
            at: now,
            vault: after(m.vault_per_window, u.vault, w, e, plan.vault_amount)?,
            slash: after(m.slash_per_window, u.slash, w, e, plan.staker_amount)?,
            trader: after_ratio(
                m.trader_haircut_per_window,
                u.trader,
                w,
                e,
                plan.trader_ratio,
            )?,
            lp: after_ratio(m.lp_haircut_per_window, u.lp, w, e, plan.lp_ratio)?,
        };
        Ok(())
    }
}

impl OverallUsage {
    /// Records a planned report's use of the overall windows at `now`.
    pub fn record(&mut self, limits: &RiskLimits, plan: &Plan, now: u64) -> MathResult<()> {
        let o = &limits.overall;
        let (w, e) = (limits.window_seconds, now.saturating_sub(self.at));
        let haircut = plan
            .trader_amount
            .checked_add(plan.lp_amount)
            .map_err(|_| MathError::Overflow { what: "haircuts" })?;
        *self = OverallUsage {
            at: now,
            slash_ratio: after_ratio(
                o.slash_ratio_per_window,
                self.slash_ratio,
                w,
                e,
                plan.slash_ratio,
            )?,
            haircut: after(o.haircut_per_window, self.haircut, w, e, haircut)?,
        };
        Ok(())
    }
}

impl OverallLimits {
    /// Whether any overall limit is set (usage is kept only then).
    pub fn any(&self) -> bool {
        self.slash_ratio_per_window.is_some() || self.haircut_per_window.is_some()
    }
}
