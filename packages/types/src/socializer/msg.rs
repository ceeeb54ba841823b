//! The socializer's instantiate, execute, receive, governance and migrate
//! messages, and the outcome of a shortfall.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Api, Decimal, Uint128};
use cw20::Cw20ReceiveMsg;

use super::{Layer, LayerOutcome, MarketLimits, MarketRisk, RiskLimits};
use crate::params::{check_addr, ParamError};

/// A market registration.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MarketMsg {
    /// Market id: 1 to 32 of `a-z`, `0-9`, `-`, `_`.
    pub id: String,
    /// The only address that may report for it.
    pub reporter: String,
    /// Who receives covered amounts and recoveries.
    pub recipient: String,
    /// The most loss the market may declare exposure to (its maximum open
    /// interest, say). A new market starts declared at it.
    pub exposure_ceiling: Uint128,
    /// The market's own budgets, in place of the defaults.
    #[serde(default)]
    pub limits: Option<MarketLimits>,
}

impl MarketMsg {
    /// The exposure ceiling and limits asked for, validated.
    pub fn risk(&self) -> Result<MarketRisk, ParamError> {
        let risk = MarketRisk {
            exposure_ceiling: self.exposure_ceiling,
            limits: self.limits,
        };
        risk.validate()?;
        Ok(risk)
    }

    /// Validates the id and addresses.
    pub fn check(&self, api: &dyn Api) -> Result<(Addr, Addr), ParamError> {
        check_market_id(&self.id)?;
        Ok((
            check_addr(api, "market.reporter", &self.reporter)?,
            check_addr(api, "market.recipient", &self.recipient)?,
        ))
    }
}

/// Checks a market id.
pub fn check_market_id(id: &str) -> Result<(), ParamError> {
    let ok = (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !ok {
        return Err(ParamError::InvalidText {
            name: "market.id",
            reason: "must be 1 to 32 of a-z, 0-9, '-', '_'",
        });
    }
    Ok(())
}

/// Instantiates the socializer.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    /// The owner: meant to be the chain's gov module address.
    pub owner: String,
    /// The fund vault.
    pub vault: String,
    /// The staking contract, if any.
    pub staking: Option<String>,
    /// The waterfall.
    pub layers: Vec<Layer>,
    /// Delay for risk-raising changes; at least the staking unbonding period.
    pub timelock_seconds: u64,
    /// Market budgets, windows and overall caps.
    pub limits: RiskLimits,
    /// Markets registered from the start.
    #[serde(default)]
    pub markets: Vec<MarketMsg>,
}

/// Pause switches to flip; fields left `None` keep their value.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(Default)]
pub struct PauseUpdate {
    /// Pause or resume reports.
    pub reports: Option<bool>,
    /// Pause or resume recoveries.
    pub recoveries: Option<bool>,
}

/// Governance actions: by the owner through [`ExecuteMsg::Owner`] or by the
/// chain through `sudo` (`MsgSudoContract`).
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum GovMsg {
    /// Replaces the waterfall. A change that raises risk (a layer added, a
    /// cap raised, a layer moved earlier, a cap cut ahead of other layers)
    /// is queued for the timelock; one that lowers risk applies at once.
    /// Either replaces a queued one.
    SetLayers {
        /// The new layers, in order.
        layers: Vec<Layer>,
    },
    /// Changes the timelock: a raise applies at once, a cut is queued.
    SetTimelock {
        /// Seconds; at least the staking unbonding period.
        seconds: u64,
    },
    /// Cancels every queued change.
    CancelPending {},
    /// Registers a market, or changes its reporter and recipient. A new
    /// market's exposure ceiling and limits apply at once; for a market
    /// already registered, a change of them is queued as `SetMarketRisk`.
    SetMarket(MarketMsg),
    /// Changes a market's exposure ceiling and budgets. Queued for the
    /// timelock: a looser budget raises the stakers' and underwriters'
    /// share of its losses, a tighter one the traders' and LPs'.
    SetMarketRisk {
        /// Market id.
        id: String,
        /// The new ceiling and limits.
        risk: MarketRisk,
    },
    /// Changes the default market budgets, the window and the overall caps.
    /// Queued for the timelock, as `SetMarketRisk`.
    SetLimits(RiskLimits),
    /// Changes whom recoveries repay, in order. Queued for the timelock: a
    /// party moved later is repaid later.
    SetRecoveryOrder {
        /// Every layer to repay, in order; a layer left out is never repaid.
        order: Vec<super::RecoveryLayer>,
    },
    /// Removes a market with no bad debt and no outstanding haircut.
    RemoveMarket {
        /// Market id.
        id: String,
    },
    /// Pauses or resumes operations.
    SetPause(PauseUpdate),
    /// Names the guardian, who may pause reports and recoveries and freeze
    /// a market, but not resume either (`None`: no guardian).
    SetGuardian {
        /// The guardian's address.
        address: Option<String>,
    },
    /// Lets a frozen market report again.
    UnfreezeMarket {
        /// Market id.
        id: String,
    },
}

/// Execute messages.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ExecuteMsg {
    /// Registered markets only: covers `amount` of bad debt through the
    /// waterfall. Response data is a [`ShortfallOutcome`].
    ReportShortfall {
        /// The market's id for this report, greater than every id it used
        /// before: a report with an id already used changes nothing.
        report_id: u64,
        /// Bad debt to cover; what exceeds the market's declared exposure
        /// is not covered.
        amount: Uint128,
        /// Unrealized profit of the market's profitable positions.
        total_profit: Uint128,
        /// What the market's liquidity pool holds.
        lp_pool_value: Uint128,
    },
    /// Registered markets only: declares the loss the market may still
    /// report (its open interest, say), at most its ceiling.
    DeclareExposure {
        /// The new exposure.
        amount: Uint128,
    },
    /// Recovery income for a market, in the native asset sent: repays every
    /// layer that paid for its losses, in the recovery order (by default
    /// bad debt, trader haircuts, LP haircuts, the vault, the stakers), each
    /// at most what it is owed; any excess is refunded.
    Recover {
        /// Market id.
        market_id: String,
    },
    /// Cw20 hook: recovery income in the cw20 asset ([`ReceiveMsg`]).
    Receive(Cw20ReceiveMsg),
    /// The owner, or the guardian to pause only: flips the pause switches.
    SetPause(PauseUpdate),
    /// The owner or the guardian: freezes one market, whose reports are
    /// then refused (`MarketFrozen`) until governance unfreezes it. The
    /// fast stop for a runaway market: other markets go on.
    FreezeMarket {
        /// Market id.
        id: String,
    },
    /// Owner only: governance actions, the same as `sudo`.
    Owner(Box<GovMsg>),
    /// Two-step ownership transfer (cw-ownable).
    UpdateOwnership(cw_ownable::Action),
}

/// Messages carried by a cw20 `Send` of the vault's asset.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ReceiveMsg {
    /// As [`ExecuteMsg::Recover`].
    Recover {
        /// Market id.
        market_id: String,
    },
}

/// Migration message.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}

/// What a shortfall did (or would do): response data of `ReportShortfall`
/// and the answer of `SimulateShortfall`.
#[cw_serde]
pub struct ShortfallOutcome {
    /// Market id.
    pub market_id: String,
    /// Sequence number of this shortfall within the market.
    pub seq: u64,
    /// The market's report id.
    pub report_id: u64,
    /// Shortfall accepted: what was reported, up to the declared exposure.
    pub amount: Uint128,
    /// Reported above the declared exposure, and not covered.
    pub unbacked: Uint128,
    /// Every layer's outcome, in waterfall order.
    pub layers: Vec<LayerOutcome>,
    /// Ratio to take from profitable traders' unrealized profit.
    pub trader_haircut_ratio: Decimal,
    /// Ratio to take from the liquidity pool.
    pub lp_haircut_ratio: Decimal,
    /// Left as bad debt.
    pub residual: Uint128,
    /// The market's outstanding bad debt after this shortfall.
    pub bad_debt: Uint128,
    /// The market's trader factor after this shortfall.
    pub trader_factor: super::Factor,
    /// The market's LP factor after this shortfall.
    pub lp_factor: super::Factor,
}
