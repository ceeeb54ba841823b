//! Recoveries that reach every layer that paid, in an order governance sets
//! as data: by default bad debt first, then trader haircuts, LP haircuts,
//! the vault (as income to its underwriters) and the stakers (restored to
//! their pool). Each layer is repaid at most what it is still owed, so no
//! recovery ever pays a layer more than it lost; every step is O(1).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Uint128;

use super::Market;
use crate::math::{sub, MathError, MathResult, Rounding};
use crate::params::ParamError;

/// A party a recovery can repay.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum RecoveryLayer {
    /// The market's recorded bad debt (paid to the market).
    BadDebt,
    /// Haircut traders, pro rata through the recovery factor (paid to the
    /// market, which pays positions).
    TraderHaircuts,
    /// The liquidity pool's haircuts (paid to the market, which returns
    /// them to its pool).
    LpHaircuts,
    /// What the vault covered: paid to the vault as income, raising the
    /// share price of its underwriters.
    Vault,
    /// What slashing took from stakers: restored to the staking pool,
    /// raising every share, bonded or unbonding.
    Stakers,
}

impl RecoveryLayer {
    /// The layer's name in events and errors.
    pub fn name(&self) -> &'static str {
        match self {
            RecoveryLayer::BadDebt => "bad_debt",
            RecoveryLayer::TraderHaircuts => "trader_haircuts",
            RecoveryLayer::LpHaircuts => "lp_haircuts",
            RecoveryLayer::Vault => "vault",
            RecoveryLayer::Stakers => "stakers",
        }
    }
}

/// The default recovery order.
pub fn default_recovery_order() -> Vec<RecoveryLayer> {
    vec![
        RecoveryLayer::BadDebt,
        RecoveryLayer::TraderHaircuts,
        RecoveryLayer::LpHaircuts,
        RecoveryLayer::Vault,
        RecoveryLayer::Stakers,
    ]
}

/// Checks a recovery order: not empty, no layer twice. A layer left out is
/// never repaid.
pub fn validate_recovery_order(order: &[RecoveryLayer]) -> Result<(), ParamError> {
    if order.is_empty() {
        return Err(ParamError::InvalidText {
            name: "recovery_order",
            reason: "must not be empty",
        });
    }
    for (i, layer) in order.iter().enumerate() {
        if order[..i].contains(layer) {
            return Err(ParamError::Duplicate {
                name: "recovery_order",
                item: layer.name().to_string(),
            });
        }
    }
    Ok(())
}

/// How a recovery splits.
#[cw_serde]
#[derive(Default, Copy)]
pub struct RecoverySplit {
    /// To the market's bad debt.
    pub to_debt: Uint128,
    /// To haircut traders.
    pub to_traders: Uint128,
    /// To the liquidity pool.
    pub to_lps: Uint128,
    /// To the vault, as income.
    pub to_vault: Uint128,
    /// To the stakers' pool.
    pub to_stakers: Uint128,
    /// Back to the sender.
    pub refund: Uint128,
}

impl RecoverySplit {
    /// What the market receives: bad debt, trader and LP repayments.
    pub fn to_market(&self) -> MathResult<Uint128> {
        self.to_debt
            .checked_add(self.to_traders)
            .and_then(|v| v.checked_add(self.to_lps))
            .map_err(|_| MathError::Overflow {
                what: "recovery to the market",
            })
    }
}

impl Market {
    /// What `layer` is still owed.
    pub fn owed(&self, layer: RecoveryLayer) -> Uint128 {
        match layer {
            RecoveryLayer::BadDebt => self.bad_debt,
            RecoveryLayer::TraderHaircuts => self.haircut_outstanding,
            RecoveryLayer::LpHaircuts => self.lp_outstanding,
            RecoveryLayer::Vault => self.vault_outstanding,
            RecoveryLayer::Stakers => self.staker_outstanding,
        }
    }

    /// Splits a recovery of `amount` along `order`, each layer taking at
    /// most what it is owed; a layer for which `can_pay` is false (its
    /// contract cannot take it now) is passed over and stays owed. The rest
    /// is refunded.
    pub fn apply_recovery(
        &mut self,
        amount: Uint128,
        order: &[RecoveryLayer],
        can_pay: impl Fn(RecoveryLayer) -> bool,
    ) -> MathResult<RecoverySplit> {
        let mut left = amount;
        let mut split = RecoverySplit::default();
        for layer in order {
            if !can_pay(*layer) {
                continue;
            }
            let pay = left.min(self.owed(*layer));
            if pay.is_zero() {
                continue;
            }
            left = sub(left, pay, "recovery")?;
            self.repay(*layer, pay, &mut split)?;
        }
        split.refund = left;
        Ok(split)
    }

    fn repay(
        &mut self,
        layer: RecoveryLayer,
        pay: Uint128,
        split: &mut RecoverySplit,
    ) -> MathResult<()> {
        match layer {
            RecoveryLayer::BadDebt => {
                self.bad_debt = sub(self.bad_debt, pay, "bad debt")?;
                split.to_debt = pay;
                self.totals.debt_repaid = add(self.totals.debt_repaid, pay)?;
            }
            RecoveryLayer::TraderHaircuts => {
                let left = sub(self.haircut_outstanding, pay, "outstanding haircuts")?;
                // everything repaid starts a new epoch: older haircuts are
                // owed nothing
                self.recovery_factor =
                    self.recovery_factor
                        .keep(left, self.haircut_outstanding, Rounding::Up)?;
                self.haircut_outstanding = left;
                split.to_traders = pay;
                self.totals.haircut_repaid = add(self.totals.haircut_repaid, pay)?;
            }
            RecoveryLayer::LpHaircuts => {
                self.lp_outstanding = sub(self.lp_outstanding, pay, "lp outstanding")?;
                split.to_lps = pay;
            }
            RecoveryLayer::Vault => {
                self.vault_outstanding = sub(self.vault_outstanding, pay, "vault outstanding")?;
                split.to_vault = pay;
            }
            RecoveryLayer::Stakers => {
                self.staker_outstanding = sub(self.staker_outstanding, pay, "staker outstanding")?;
                split.to_stakers = pay;
            }
        }
        Ok(())
    }
}

fn add(a: Uint128, b: Uint128) -> MathResult<Uint128> {
    a.checked_add(b).map_err(|_| MathError::Overflow {
        what: "recovery totals",
    })
}
