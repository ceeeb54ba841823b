//! A market's record over time: a planned shortfall applied to its
//! cumulative trader, LP and recovery factors (recoveries: [`super::recovery`]).

use cosmwasm_std::{Addr, Uint128};

use super::{
    Factor, HaircutRecord, Market, MarketRisk, MarketTotals, MarketUsage, Plan, ShortfallInput,
};
use crate::math::{sub, MathError, MathResult, Rounding};

impl Market {
    /// A new market with nothing reported, its exposure declared at its
    /// ceiling.
    pub fn new(reporter: Addr, recipient: Addr, risk: MarketRisk) -> Self {
        Self {
            reporter,
            recipient,
            seq: 0,
            bad_debt: Uint128::zero(),
            trader_factor: Factor::one(),
            lp_factor: Factor::one(),
            haircut_outstanding: Uint128::zero(),
            lp_outstanding: Uint128::zero(),
            vault_outstanding: Uint128::zero(),
            staker_outstanding: Uint128::zero(),
            recovery_factor: Factor::one(),
            totals: MarketTotals::default(),
            removed: false,
            frozen: false,
            exposure: risk.exposure_ceiling,
            exposure_ceiling: risk.exposure_ceiling,
            last_report_id: 0,
            limits: risk.limits,
            pending_risk: None,
            usage: MarketUsage::default(),
        }
    }

    /// The exposure ceiling and limits in force.
    pub fn risk(&self) -> MarketRisk {
        MarketRisk {
            exposure_ceiling: self.exposure_ceiling,
            limits: self.limits,
        }
    }

    /// Applies `risk`: a declared exposure above the new ceiling falls to
    /// it.
    pub fn set_risk(&mut self, risk: MarketRisk) {
        self.exposure_ceiling = risk.exposure_ceiling;
        self.exposure = self.exposure.min(risk.exposure_ceiling);
        self.limits = risk.limits;
    }

    /// Applies a queued risk change whose time has come; returns whether
    /// anything changed.
    pub fn mature(&mut self, now: u64) -> bool {
        match self.pending_risk.take_if(|p| p.eta <= now) {
            Some(p) => {
                self.set_risk(p.value);
                true
            }
            None => false,
        }
    }

    /// Splits a reported amount into what the declared exposure accepts and
    /// what lies above it, and lowers the exposure by the accepted part.
    pub fn accept(&mut self, amount: Uint128) -> MathResult<(Uint128, Uint128)> {
        let accepted = amount.min(self.exposure);
        let unbacked = sub(amount, accepted, "reported above exposure")?;
        self.exposure = sub(self.exposure, accepted, "exposure")?;
        self.totals.unbacked = self
            .totals
            .unbacked
            .checked_add(unbacked)
            .map_err(|_| MathError::Overflow { what: "unbacked" })?;
        Ok((accepted, unbacked))
    }

    /// Records a planned shortfall and returns its record. Each factor
    /// keeps the exact fraction the haircut left: `(base − covered) / base`.
    pub fn apply(
        &mut self,
        plan: &Plan,
        input: &ShortfallInput,
        now: u64,
    ) -> MathResult<HaircutRecord> {
        let amount = input.amount;
        let add = |a: Uint128, b: Uint128, what| {
            a.checked_add(b).map_err(|_| MathError::Overflow { what })
        };
        self.seq += 1;
        self.bad_debt = add(self.bad_debt, plan.residual, "bad debt")?;
        let kept = |base: Uint128, covered: Uint128| base.saturating_sub(covered);
        let (base, covered) = (input.total_profit, plan.trader_amount);
        self.trader_factor = self
            .trader_factor
            .keep(kept(base, covered), base, Rounding::Down)?;
        let (base, covered) = (input.lp_pool_value, plan.lp_amount);
        self.lp_factor = self
            .lp_factor
            .keep(kept(base, covered), base, Rounding::Down)?;
        self.haircut_outstanding = add(
            self.haircut_outstanding,
            plan.trader_amount,
            "haircut outstanding",
        )?;
        self.lp_outstanding = add(self.lp_outstanding, plan.lp_amount, "lp outstanding")?;
        self.vault_outstanding = add(
            self.vault_outstanding,
            plan.vault_amount,
            "vault outstanding",
        )?;
        self.staker_outstanding = add(
            self.staker_outstanding,
            plan.staker_amount,
            "staker outstanding",
        )?;
        let t = &mut self.totals;
        t.reported = add(t.reported, amount, "reported")?;
        t.stakers = add(t.stakers, plan.staker_amount, "stakers")?;
        t.vault = add(t.vault, plan.vault_amount, "vault")?;
        t.trader_haircut = add(t.trader_haircut, plan.trader_amount, "trader haircut")?;
        t.lp_haircut = add(t.lp_haircut, plan.lp_amount, "lp haircut")?;
        t.bad_debt = add(t.bad_debt, plan.residual, "bad debt total")?;
        Ok(HaircutRecord {
            seq: self.seq,
            time: now,
            amount,
            staker_amount: plan.staker_amount,
            vault_amount: plan.vault_amount,
            trader_ratio: plan.trader_ratio,
            trader_amount: plan.trader_amount,
            lp_ratio: plan.lp_ratio,
            lp_amount: plan.lp_amount,
            residual: plan.residual,
            trader_factor: self.trader_factor,
            lp_factor: self.lp_factor,
            recovery_factor: self.recovery_factor,
        })
    }
}
