//! The socializer's storage layout: the items other contracts may read with
//! raw queries (keys and JSON stable across versions). A market reads its
//! factors from [`MARKETS`].

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_storage_plus::{Item, Map};

use super::budget::{MarketLimits, MarketRisk, MarketUsage, OverallUsage, RiskLimits};
use super::Factor;
use crate::asset::AssetInfo;

/// The contracts the socializer drives, key `config`.
pub const CONFIG: Item<SocializerConfig> = Item::new("config");
/// The waterfall, its timelock, queued changes and pauses, key `waterfall`.
pub const WATERFALL: Item<Waterfall> = Item::new("waterfall");
/// Markets by id.
pub const MARKETS: Map<&str, Market> = Map::new("markets");
/// Market id by reporter address.
pub const REPORTERS: Map<&Addr, String> = Map::new("reporters");
/// One record per shortfall, by (market id, sequence number).
pub const HAIRCUTS: Map<(&str, u64), HaircutRecord> = Map::new("haircuts");
/// The vault draw the last report's slash hook may make, key `ticket`: the
/// vault reads it raw before a hook draws on the socializer's limits, so
/// only a slash the socializer started, in the same block and for the
/// planned amount, can draw, and each ticket only once.
pub const DRAW_TICKET: Item<DrawTicket> = Item::new("ticket");
/// Usage of the overall windows, key `usage`: written by a report only
/// while an overall limit is set.
pub const USAGE: Item<OverallUsage> = Item::new("usage");

/// A one-time authorization for a slash hook's vault draw. Stored as the
/// JSON array `[nonce, "cover", height]`.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(from = "(u64, Uint128, u64)", into = "(u64, Uint128, u64)")]
pub struct DrawTicket {
    /// Increases with every ticket; the vault remembers the last one used.
    pub nonce: u64,
    /// The cover the hook may draw, exactly.
    pub cover: Uint128,
    /// The block in which it was issued, the only one in which it is valid.
    pub height: u64,
}

impl From<(u64, Uint128, u64)> for DrawTicket {
    fn from((nonce, cover, height): (u64, Uint128, u64)) -> Self {
        Self {
            nonce,
            cover,
            height,
        }
    }
}

impl From<DrawTicket> for (u64, Uint128, u64) {
    fn from(t: DrawTicket) -> Self {
        (t.nonce, t.cover, t.height)
    }
}

/// The contracts the socializer drives.
#[cw_serde]
pub struct SocializerConfig {
    /// The fund vault; the socializer is one of its claimants.
    pub vault: Addr,
    /// The vault's asset: every amount is in it.
    pub asset: AssetInfo,
    /// The staking contract, when stakers back the fund.
    pub staking: Option<StakingLink>,
}

/// The staking contract and what it stakes.
#[cw_serde]
pub struct StakingLink {
    /// Its address.
    pub address: Addr,
    /// What its stake is, relative to the vault.
    pub token: StakedToken,
}

/// What the staking contract stakes.
#[cw_serde]
#[derive(Copy)]
pub enum StakedToken {
    /// The vault's shares: slashed shares are redeemed by the vault at once.
    VaultShares,
    /// The vault's own cw20 asset: slashed tokens go to the market 1:1.
    VaultAsset,
}

/// One layer of the waterfall, with its cap.
#[cw_serde]
#[derive(Copy)]
pub enum Layer {
    /// Slash stakers, at most `max_ratio` of the stake (and never more than
    /// the staking contract's own cap).
    StakerSlash {
        /// Cap as a fraction of total stake.
        max_ratio: Decimal,
    },
    /// Draw on the vault as a claimant, at most `max_fraction` of its assets
    /// (and never more than the vault's own limits allow).
    Vault {
        /// Cap as a fraction of the vault's assets.
        max_fraction: Decimal,
    },
    /// Haircut profitable traders: `ratio = min(remaining / total_profit,
    /// max_ratio)`, rounded up.
    TraderProfitHaircut {
        /// Cap on the ratio.
        max_ratio: Decimal,
    },
    /// Haircut the liquidity pool: `ratio = min(remaining / lp_pool_value,
    /// max_ratio)`, rounded up.
    LpHaircut {
        /// Cap on the ratio.
        max_ratio: Decimal,
    },
}

/// A layer's kind, without its cap.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum LayerKind {
    /// [`Layer::StakerSlash`].
    StakerSlash,
    /// [`Layer::Vault`].
    Vault,
    /// [`Layer::TraderProfitHaircut`].
    TraderProfitHaircut,
    /// [`Layer::LpHaircut`].
    LpHaircut,
}

pub use crate::governance::timelock::Pending;

/// Operations that pause separately.
#[cw_serde]
#[derive(Default, Copy)]
pub struct PauseFlags {
    /// `ReportShortfall`.
    pub reports: bool,
    /// `Recover`.
    pub recoveries: bool,
}

/// The waterfall and its governance state.
#[cw_serde]
pub struct Waterfall {
    /// The layers in force, in order.
    pub layers: Vec<Layer>,
    /// Delay before a risk-raising change is in force.
    pub timelock_seconds: u64,
    /// A queued risk-raising layer change.
    pub pending_layers: Option<Pending<Vec<Layer>>>,
    /// A queued timelock reduction.
    pub pending_timelock: Option<Pending<u64>>,
    /// Pause switches.
    pub pause: PauseFlags,
    /// Who may pause and freeze markets (but not resume them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian: Option<Addr>,
    /// Market budgets, windows and overall caps in force.
    #[serde(default = "RiskLimits::unlimited")]
    pub limits: RiskLimits,
    /// A queued change of the limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_limits: Option<Pending<RiskLimits>>,
    /// Whom recoveries repay, in order.
    #[serde(default = "super::recovery::default_recovery_order")]
    pub recovery_order: Vec<super::recovery::RecoveryLayer>,
    /// A queued change of the recovery order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_recovery_order: Option<Pending<Vec<super::recovery::RecoveryLayer>>>,
}

crate::governance::pause::guarded_by_field!(Waterfall);

/// A market's record.
#[cw_serde]
pub struct Market {
    /// The only address that may report for this market.
    pub reporter: Addr,
    /// Who receives covered amounts and recoveries.
    pub recipient: Addr,
    /// Shortfalls reported so far; the last sequence number.
    pub seq: u64,
    /// Residual loss not yet repaid.
    pub bad_debt: Uint128,
    /// `Π (1 − trader haircut / total profit)` over every shortfall, exact
    /// fractions rounded down, never collapsing (see [`Factor`]): a profit
    /// checkpointed at `f0` is worth `f.value(profit, f0)` now.
    pub trader_factor: Factor,
    /// `Π (1 − lp haircut / lp pool value)`, likewise for the liquidity
    /// pool.
    pub lp_factor: Factor,
    /// Trader haircuts not yet repaid by recoveries.
    pub haircut_outstanding: Uint128,
    /// LP haircuts not yet repaid.
    #[serde(default)]
    pub lp_outstanding: Uint128,
    /// What the vault covered, not yet repaid.
    #[serde(default)]
    pub vault_outstanding: Uint128,
    /// What slashing took from stakers (its value then), not yet repaid.
    #[serde(default)]
    pub staker_outstanding: Uint128,
    /// `Π (1 − repaid / outstanding)`, rounded up: a haircut `h` taken at
    /// `r0` is still owed `r.value(h, r0)` (rounded up). Its epoch turns
    /// over when every outstanding haircut is repaid, so a haircut from an
    /// earlier epoch is repaid in full.
    pub recovery_factor: Factor,
    /// Lifetime totals.
    pub totals: MarketTotals,
    /// Removed by governance: no reports or recoveries until registered
    /// again. The record stays, so an id is never reused from scratch: a
    /// market registered again under it keeps its factors and sequence.
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    /// Frozen by the guardian or the owner: its reports are refused until
    /// governance unfreezes it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub frozen: bool,
    /// The loss the market may still report: declared by the market
    /// (`DeclareExposure`) up to its ceiling, and lowered by what each report
    /// accepts. A report above it is clamped to it. A record from before
    /// exposure existed reads as unbounded.
    #[serde(default = "unbounded")]
    pub exposure: Uint128,
    /// The most exposure the market may declare, set by governance.
    #[serde(default = "unbounded")]
    pub exposure_ceiling: Uint128,
    /// The last report id accepted: ids must increase, and a report with an
    /// id already used changes nothing.
    #[serde(default)]
    pub last_report_id: u64,
    /// The market's own limits (`None`: the defaults in the waterfall).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<MarketLimits>,
    /// A queued change of its exposure ceiling and limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_risk: Option<Pending<MarketRisk>>,
    /// Its usage of its windows, `[at, vault, slash, trader, lp]`.
    #[serde(default)]
    #[schemars(with = "(u64, Uint128, Uint128, Decimal, Decimal)")]
    pub usage: MarketUsage,
}

fn is_false(v: &bool) -> bool {
    !*v
}

fn unbounded() -> Uint128 {
    Uint128::MAX
}

/// A market's lifetime totals.
#[cw_serde]
#[derive(Default)]
pub struct MarketTotals {
    /// Shortfalls reported.
    pub reported: Uint128,
    /// Covered by slashing stakers.
    pub stakers: Uint128,
    /// Covered by the vault.
    pub vault: Uint128,
    /// Covered by trader haircuts.
    pub trader_haircut: Uint128,
    /// Covered by LP haircuts.
    pub lp_haircut: Uint128,
    /// Recorded as bad debt.
    pub bad_debt: Uint128,
    /// Bad debt repaid by recoveries.
    pub debt_repaid: Uint128,
    /// Haircuts repaid by recoveries.
    pub haircut_repaid: Uint128,
    /// Reported above the market's exposure, and so not covered.
    #[serde(default)]
    pub unbacked: Uint128,
}

/// What one shortfall did, kept per market and sequence number.
#[cw_serde]
pub struct HaircutRecord {
    /// Sequence number within the market.
    pub seq: u64,
    /// Block time (seconds).
    pub time: u64,
    /// Shortfall reported.
    pub amount: Uint128,
    /// Covered by slashing stakers.
    pub staker_amount: Uint128,
    /// Covered by the vault.
    pub vault_amount: Uint128,
    /// Trader profit haircut ratio.
    pub trader_ratio: Decimal,
    /// Covered by the trader haircut.
    pub trader_amount: Uint128,
    /// LP haircut ratio.
    pub lp_ratio: Decimal,
    /// Covered by the LP haircut.
    pub lp_amount: Uint128,
    /// Left as bad debt.
    pub residual: Uint128,
    /// The market's trader factor after this shortfall.
    pub trader_factor: Factor,
    /// The market's LP factor after this shortfall.
    pub lp_factor: Factor,
    /// The recovery factor when this haircut was taken.
    pub recovery_factor: Factor,
}
