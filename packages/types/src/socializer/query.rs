//! The socializer's queries and their responses.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::Uint128;

use super::{HaircutRecord, Market};
// Named only by the `QueryResponses` derive, which is not compiled for wasm.
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use super::{ShortfallOutcome, SocializerConfig, Waterfall};

/// Queries.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The contracts driven.
    #[returns(SocializerConfig)]
    Config {},
    /// Layers, timelock, queued changes and pauses, as stored (queued
    /// changes whose time has come are shown applied).
    #[returns(Waterfall)]
    Waterfall {},
    /// One market's record.
    #[returns(Market)]
    Market {
        /// Market id.
        id: String,
    },
    /// Markets by id.
    #[returns(MarketsResponse)]
    Markets {
        /// Return ids after this one.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// A market's shortfall records after `since_seq`, and its cumulative
    /// factors.
    #[returns(HaircutsResponse)]
    Haircuts {
        /// Market id.
        market_id: String,
        /// Return records with a greater sequence number.
        since_seq: u64,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// What a shortfall would do now: the same numbers `ReportShortfall`
    /// would produce in this block.
    #[returns(ShortfallOutcome)]
    SimulateShortfall {
        /// Market id.
        market_id: String,
        /// Shortfall.
        amount: Uint128,
        /// Unrealized profit of profitable positions.
        total_profit: Uint128,
        /// Liquidity pool value.
        lp_pool_value: Uint128,
    },
    /// Current and pending owner (cw-ownable).
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
    /// Every link the waterfall depends on, read from the other contracts'
    /// state: OK or missing, with the message that fixes it.
    #[returns(WiringResponse)]
    Wiring {},
    /// Coverage health, overall and for a page of markets: the vault's draw
    /// capacity and the slashable stake now, each market's budgets,
    /// windows, exposure, coverage ratio and what it still owes. O(1) per
    /// market; reads the vault and the staking contract raw.
    #[returns(super::HealthResponse)]
    Health {
        /// Return markets after this id.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
}

/// Response to [`QueryMsg::Wiring`].
#[cw_serde]
pub struct WiringResponse {
    /// Each link, in deployment order.
    pub links: Vec<WiringLink>,
}

/// One link of a deployment.
#[cw_serde]
pub struct WiringLink {
    /// What it links.
    pub name: String,
    /// Whether it is in place.
    pub ok: bool,
    /// The governance message that puts it in place (empty when OK).
    pub fix: String,
}

/// Response to [`QueryMsg::Markets`].
#[cw_serde]
pub struct MarketsResponse {
    /// Markets by id.
    pub markets: Vec<MarketEntry>,
}

/// One market with its id.
#[cw_serde]
pub struct MarketEntry {
    /// Market id.
    pub id: String,
    /// Its record.
    pub market: Market,
}

/// Response to [`QueryMsg::Haircuts`].
#[cw_serde]
pub struct HaircutsResponse {
    /// Records after `since_seq`, by sequence number.
    pub records: Vec<HaircutRecord>,
    /// The market's last sequence number.
    pub seq: u64,
    /// Cumulative trader factor now.
    pub trader_factor: super::Factor,
    /// Cumulative LP factor now.
    pub lp_factor: super::Factor,
    /// Recovery factor now.
    pub recovery_factor: super::Factor,
}
