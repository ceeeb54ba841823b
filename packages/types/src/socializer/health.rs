//! The coverage-health view: per market and overall, how much cover is
//! left now and what it is set against. Every figure is what the contracts
//! would do now: the vault's draw capacity after its floor, caps and
//! windows; the stake slashable under every cap; each market's budgets and
//! windows; its declared exposure and what is still owed.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint128};

/// Response to `QueryMsg::Health`.
#[cw_serde]
pub struct HealthResponse {
    /// The fund and the stake, shared by every market.
    pub overall: OverallHealth,
    /// One page of markets, by id.
    pub markets: Vec<MarketHealth>,
    /// Bad debt outstanding over this page's markets (sum the pages for the
    /// whole deployment: keeping a running total would cost every report a
    /// write).
    pub page_bad_debt: Uint128,
    /// Trader haircuts outstanding over this page's markets.
    pub page_haircut_outstanding: Uint128,
}

/// The fund and the stake, shared by every market.
#[cw_serde]
pub struct OverallHealth {
    /// The vault's assets.
    pub vault_assets: Uint128,
    /// What the vault layer could draw now, before any market's budget:
    /// the socializer's claimant limits, the vault's payout cap and floor,
    /// and the layer's cap.
    pub vault_capacity: Uint128,
    /// Staked tokens.
    pub staked_tokens: Uint128,
    /// Their value in the vault's asset.
    pub staked_value: Uint128,
    /// What the staker layer could take now, in the vault's asset, under
    /// the staking contract's cap, the layer's and the overall window; zero
    /// while the layer cannot run.
    pub slashable_value: Uint128,
    /// Why the staker layer cannot run now, if it cannot.
    pub staker_layer_blocked: Option<String>,
    /// Fraction of the stake the overall window still allows slashing.
    pub slash_ratio_window_left: Decimal,
    /// Haircuts the overall window still allows, in the asset (`None`:
    /// uncapped).
    pub haircut_window_left: Option<Uint128>,
}

/// One market's health.
#[cw_serde]
pub struct MarketHealth {
    /// Market id.
    pub id: String,
    /// Frozen by the guardian.
    pub frozen: bool,
    /// The loss it may still report.
    pub exposure: Uint128,
    /// The most it may declare.
    pub exposure_ceiling: Uint128,
    /// What stakers and the vault would cover for it now, within its
    /// budgets and every cap: the planner's answer for a loss of its whole
    /// exposure.
    pub capacity: Uint128,
    /// `capacity / exposure` (`None` when the exposure is zero or
    /// unbounded).
    pub coverage_ratio: Option<Decimal>,
    /// Vault cover its budgets still allow (`None`: uncapped).
    pub vault_budget_left: Option<Uint128>,
    /// Staker cover its budgets still allow (`None`: uncapped).
    pub slash_budget_left: Option<Uint128>,
    /// Trader haircut ratio its window still allows.
    pub trader_window_left: Decimal,
    /// LP haircut ratio its window still allows.
    pub lp_window_left: Decimal,
    /// Bad debt outstanding.
    pub bad_debt: Uint128,
    /// Trader haircuts not yet repaid.
    pub haircut_outstanding: Uint128,
}
