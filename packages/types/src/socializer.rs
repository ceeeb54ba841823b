//! The loss socializer's interface: the waterfall as data, its validation,
//! the pure planning function shared by simulation and execution, the market
//! records, messages, outcome and events.
//!
//! # Raw-query interface
//!
//! | constant | key | value |
//! |---|---|---|
//! | [`CONFIG`] | `config` | [`SocializerConfig`] |
//! | [`WATERFALL`] | `waterfall` | [`Waterfall`] |
//! | [`MARKETS`] | `markets` + id | [`Market`] |
//! | [`HAIRCUTS`] | `haircuts` + (id, seq) | [`HaircutRecord`] |
//!
//! A market reads its cumulative haircut and recovery factors from
//! [`MARKETS`] with one raw query.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Api, Decimal, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_storage_plus::{Item, Map};

use crate::asset::AssetInfo;
use crate::fund_vault;
use crate::math::{
    complement, mul_div, mul_fraction, ratio, scale_factor, sub, MathError, MathResult, Rounding,
};
use crate::params::{check_addr, check_fraction, ParamError};
use crate::staking;
use crate::typed_event;

/// Longest timelock accepted (one year).
pub const MAX_TIMELOCK_SECONDS: u64 = 365 * 24 * 3600;

// ---------------------------------------------------------------------------
// Storage layout (raw-query interface)
// ---------------------------------------------------------------------------

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

impl Layer {
    /// The layer's kind.
    pub fn kind(&self) -> LayerKind {
        match self {
            Layer::StakerSlash { .. } => LayerKind::StakerSlash,
            Layer::Vault { .. } => LayerKind::Vault,
            Layer::TraderProfitHaircut { .. } => LayerKind::TraderProfitHaircut,
            Layer::LpHaircut { .. } => LayerKind::LpHaircut,
        }
    }

    /// The layer's cap.
    pub fn cap(&self) -> Decimal {
        match *self {
            Layer::StakerSlash { max_ratio }
            | Layer::TraderProfitHaircut { max_ratio }
            | Layer::LpHaircut { max_ratio } => max_ratio,
            Layer::Vault { max_fraction } => max_fraction,
        }
    }
}

impl LayerKind {
    /// The parameter name of the layer's cap, for errors.
    pub fn cap_name(&self) -> &'static str {
        match self {
            LayerKind::StakerSlash => "staker_slash.max_ratio",
            LayerKind::Vault => "vault.max_fraction",
            LayerKind::TraderProfitHaircut => "trader_profit_haircut.max_ratio",
            LayerKind::LpHaircut => "lp_haircut.max_ratio",
        }
    }

    /// The layer's name in events and errors.
    pub fn name(&self) -> &'static str {
        match self {
            LayerKind::StakerSlash => "staker_slash",
            LayerKind::Vault => "vault",
            LayerKind::TraderProfitHaircut => "trader_profit_haircut",
            LayerKind::LpHaircut => "lp_haircut",
        }
    }
}

/// Checks a waterfall: not empty, no layer twice, every cap at most one,
/// and a staker layer only when a staking contract is configured.
pub fn validate_layers(layers: &[Layer], has_staking: bool) -> Result<(), ParamError> {
    if layers.is_empty() {
        return Err(ParamError::InvalidText {
            name: "layers",
            reason: "must not be empty",
        });
    }
    for (i, layer) in layers.iter().enumerate() {
        let kind = layer.kind();
        if layers[..i].iter().any(|l| l.kind() == kind) {
            return Err(ParamError::Duplicate {
                name: "layers",
                item: kind.name().to_string(),
            });
        }
        check_fraction(kind.cap_name(), layer.cap())?;
        if kind == LayerKind::StakerSlash && !has_staking {
            return Err(ParamError::InvalidText {
                name: "layers",
                reason: "staker_slash needs a staking contract",
            });
        }
    }
    Ok(())
}

/// Whether moving from `old` to `new` raises anyone's risk: a layer added,
/// a cap raised, or a layer moved earlier (which also happens when a layer
/// before it is removed). Such a change waits for the timelock.
pub fn raises_risk(old: &[Layer], new: &[Layer]) -> bool {
    new.iter().enumerate().any(|(i, layer)| {
        match old.iter().position(|o| o.kind() == layer.kind()) {
            None => true,
            Some(j) => i < j || layer.cap() > old[j].cap(),
        }
    })
}

/// A change waiting for its timelock.
#[cw_serde]
pub struct Pending<T> {
    /// The new value.
    pub value: T,
    /// Block time (seconds) from which it is in force.
    pub eta: u64,
}

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
}

impl Waterfall {
    /// Applies queued changes whose time has come. Returns whether anything
    /// changed.
    pub fn mature(&mut self, now: u64) -> bool {
        let mut changed = false;
        if let Some(p) = self.pending_layers.take_if(|p| p.eta <= now) {
            self.layers = p.value;
            changed = true;
        }
        if let Some(p) = self.pending_timelock.take_if(|p| p.eta <= now) {
            self.timelock_seconds = p.value;
            changed = true;
        }
        changed
    }
}

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
    /// `Π (1 − trader ratio)` over every shortfall, rounded down: a profit
    /// checkpointed at factor `f0` is worth `profit × f / f0` now.
    pub trader_factor: Decimal,
    /// `Π (1 − lp ratio)`, likewise for the liquidity pool.
    pub lp_factor: Decimal,
    /// Trader haircuts not yet repaid by recoveries.
    pub haircut_outstanding: Uint128,
    /// `Π (1 − repaid / outstanding)` within the current recovery epoch,
    /// rounded up: a haircut `h` taken at factor `r0` is still owed
    /// `h × r / r0`.
    pub recovery_factor: Decimal,
    /// Increments when every outstanding haircut is repaid; the factor then
    /// restarts at one. A haircut from an earlier epoch is repaid in full.
    pub recovery_epoch: u64,
    /// Lifetime totals.
    pub totals: MarketTotals,
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
}

impl Market {
    /// A new market with nothing reported.
    pub fn new(reporter: Addr, recipient: Addr) -> Self {
        Self {
            reporter,
            recipient,
            seq: 0,
            bad_debt: Uint128::zero(),
            trader_factor: Decimal::one(),
            lp_factor: Decimal::one(),
            haircut_outstanding: Uint128::zero(),
            recovery_factor: Decimal::one(),
            recovery_epoch: 0,
            totals: MarketTotals::default(),
        }
    }

    /// Records a planned shortfall and returns its record.
    pub fn apply(&mut self, plan: &Plan, amount: Uint128, now: u64) -> MathResult<HaircutRecord> {
        let add = |a: Uint128, b: Uint128, what| {
            a.checked_add(b).map_err(|_| MathError::Overflow { what })
        };
        self.seq += 1;
        self.bad_debt = add(self.bad_debt, plan.residual, "bad debt")?;
        let (n, d) = complement(plan.trader_ratio);
        self.trader_factor = scale_factor(self.trader_factor, n, d, Rounding::Down)?;
        let (n, d) = complement(plan.lp_ratio);
        self.lp_factor = scale_factor(self.lp_factor, n, d, Rounding::Down)?;
        self.haircut_outstanding = add(
            self.haircut_outstanding,
            plan.trader_amount,
            "haircut outstanding",
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
            recovery_epoch: self.recovery_epoch,
        })
    }

    /// Splits a recovery of `amount`: bad debt first, then outstanding
    /// haircuts; returns `(to_debt, to_haircuts, refund)`.
    pub fn apply_recovery(&mut self, amount: Uint128) -> MathResult<(Uint128, Uint128, Uint128)> {
        let to_debt = amount.min(self.bad_debt);
        let after_debt = sub(amount, to_debt, "recovery")?;
        let to_haircuts = after_debt.min(self.haircut_outstanding);
        let refund = sub(after_debt, to_haircuts, "recovery after debt")?;
        self.bad_debt = sub(self.bad_debt, to_debt, "bad debt")?;
        if !to_haircuts.is_zero() {
            if to_haircuts == self.haircut_outstanding {
                self.recovery_epoch += 1;
                self.recovery_factor = Decimal::one();
            } else {
                self.recovery_factor = scale_factor(
                    self.recovery_factor,
                    sub(
                        self.haircut_outstanding,
                        to_haircuts,
                        "outstanding haircuts",
                    )?,
                    self.haircut_outstanding,
                    Rounding::Up,
                )?;
            }
            self.haircut_outstanding = sub(
                self.haircut_outstanding,
                to_haircuts,
                "outstanding haircuts",
            )?;
        }
        let t = &mut self.totals;
        t.debt_repaid = t
            .debt_repaid
            .checked_add(to_debt)
            .map_err(|_| MathError::Overflow {
                what: "debt repaid",
            })?;
        t.haircut_repaid =
            t.haircut_repaid
                .checked_add(to_haircuts)
                .map_err(|_| MathError::Overflow {
                    what: "haircut repaid",
                })?;
        Ok((to_debt, to_haircuts, refund))
    }
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
    pub trader_factor: Decimal,
    /// The market's LP factor after this shortfall.
    pub lp_factor: Decimal,
    /// The recovery factor when this haircut was taken.
    pub recovery_factor: Decimal,
    /// The recovery epoch when this haircut was taken.
    pub recovery_epoch: u64,
}

// ---------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------

/// What a market reports.
#[cw_serde]
#[derive(Copy)]
pub struct ShortfallInput {
    /// Bad debt to cover, in the vault's asset.
    pub amount: Uint128,
    /// Unrealized profit of the market's profitable positions.
    pub total_profit: Uint128,
    /// What the market's liquidity pool holds.
    pub lp_pool_value: Uint128,
}

/// The staking contract's state, read with raw queries.
#[derive(Clone, Debug, PartialEq)]
pub struct StakingSnapshot {
    /// What its stake is.
    pub token: StakedToken,
    /// Its totals.
    pub state: staking::StakingState,
    /// Its parameters.
    pub params: staking::Params,
}

/// The vault's state, read with raw queries.
#[derive(Clone, Debug, PartialEq)]
pub struct VaultSnapshot {
    /// Share accounting.
    pub state: fund_vault::VaultState,
    /// Parameters.
    pub params: fund_vault::Params,
    /// The socializer's claimant record, if registered.
    pub claimant: Option<fund_vault::Claimant>,
}

/// One layer's share of a shortfall.
#[cw_serde]
pub struct LayerOutcome {
    /// The layer.
    pub layer: LayerKind,
    /// Amount of the shortfall it covers, in the vault's asset.
    pub amount: Uint128,
    /// Staked tokens slashed (staker layer only).
    pub slashed_tokens: Uint128,
    /// Haircut ratio (haircut layers only).
    pub ratio: Decimal,
}

/// The plan for one shortfall: per-layer amounts, in waterfall order.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Every layer's outcome, in order.
    pub layers: Vec<LayerOutcome>,
    /// Staked tokens to slash.
    pub slash_tokens: Uint128,
    /// Covered by stakers.
    pub staker_amount: Uint128,
    /// Covered by the vault.
    pub vault_amount: Uint128,
    /// Trader haircut ratio.
    pub trader_ratio: Decimal,
    /// Covered by the trader haircut.
    pub trader_amount: Uint128,
    /// LP haircut ratio.
    pub lp_ratio: Decimal,
    /// Covered by the LP haircut.
    pub lp_amount: Uint128,
    /// Left as bad debt.
    pub residual: Uint128,
}

/// Turns a shortfall and the current state into per-layer amounts. Pure:
/// `SimulateShortfall` and `ReportShortfall` both call it, so they agree to
/// the unit.
///
/// Layers run in order, each on what the previous ones left, and each sees
/// the state the previous ones' execution will leave (a staker slash
/// redeemed by the vault lowers the vault's assets before the vault layer).
pub fn plan(
    input: &ShortfallInput,
    layers: &[Layer],
    staking: Option<&StakingSnapshot>,
    vault: &VaultSnapshot,
    now: u64,
) -> MathResult<Plan> {
    let mut vault_state = vault.state.clone();
    let mut remaining = input.amount;
    let mut out = Plan {
        layers: Vec::with_capacity(layers.len()),
        slash_tokens: Uint128::zero(),
        staker_amount: Uint128::zero(),
        vault_amount: Uint128::zero(),
        trader_ratio: Decimal::zero(),
        trader_amount: Uint128::zero(),
        lp_ratio: Decimal::zero(),
        lp_amount: Uint128::zero(),
        residual: Uint128::zero(),
    };
    for layer in layers {
        let mut outcome = LayerOutcome {
            layer: layer.kind(),
            amount: Uint128::zero(),
            slashed_tokens: Uint128::zero(),
            ratio: Decimal::zero(),
        };
        match *layer {
            Layer::StakerSlash { max_ratio } => {
                if let Some(st) = staking {
                    let cap = st.state.slash_capacity(&st.params)?.min(mul_fraction(
                        st.state.total_tokens,
                        max_ratio,
                        Rounding::Down,
                    )?);
                    let (tokens, covered) = match st.token {
                        StakedToken::VaultAsset => {
                            let n = cap.min(remaining);
                            (n, n)
                        }
                        StakedToken::VaultShares => {
                            let (a, s) = (vault_state.total_assets, vault_state.total_shares);
                            if a.is_zero() || s.is_zero() {
                                (Uint128::zero(), Uint128::zero())
                            } else {
                                // the most shares whose value does not exceed what remains
                                let n = cap.min(mul_div(remaining, s, a, Rounding::Down)?);
                                let value = mul_div(n, a, s, Rounding::Down)?;
                                if value.is_zero() {
                                    (Uint128::zero(), Uint128::zero())
                                } else {
                                    vault_state.total_assets = sub(a, value, "vault assets")?;
                                    vault_state.total_shares = sub(s, n, "vault shares")?;
                                    (n, value)
                                }
                            }
                        }
                    };
                    outcome.slashed_tokens = tokens;
                    outcome.amount = covered;
                    out.slash_tokens = tokens;
                    out.staker_amount = covered;
                }
            }
            Layer::Vault { max_fraction } => {
                let coverable = match &vault.claimant {
                    Some(c) => c.coverable(&vault.params, &vault_state, now)?,
                    None => Uint128::zero(),
                };
                let by_fraction =
                    mul_fraction(vault_state.total_assets, max_fraction, Rounding::Down)?;
                let covered = remaining.min(coverable).min(by_fraction);
                vault_state.total_assets = sub(vault_state.total_assets, covered, "vault assets")?;
                outcome.amount = covered;
                out.vault_amount = covered;
            }
            Layer::TraderProfitHaircut { max_ratio } => {
                let (r, covered) = haircut(remaining, input.total_profit, max_ratio)?;
                outcome.ratio = r;
                outcome.amount = covered;
                out.trader_ratio = r;
                out.trader_amount = covered;
            }
            Layer::LpHaircut { max_ratio } => {
                let (r, covered) = haircut(remaining, input.lp_pool_value, max_ratio)?;
                outcome.ratio = r;
                outcome.amount = covered;
                out.lp_ratio = r;
                out.lp_amount = covered;
            }
        }
        remaining = sub(remaining, outcome.amount, "remaining shortfall")?;
        out.layers.push(outcome);
    }
    out.residual = remaining;
    Ok(out)
}

/// `ratio = min(remaining / base, max_ratio)` rounded **up** (the haircut
/// side bears the rounding), and what it covers: `min(remaining,
/// ⌊base × ratio⌋)`, the amount applying the ratio is sure to collect.
fn haircut(
    remaining: Uint128,
    base: Uint128,
    max_ratio: Decimal,
) -> MathResult<(Decimal, Uint128)> {
    if remaining.is_zero() || base.is_zero() || max_ratio.is_zero() {
        return Ok((Decimal::zero(), Uint128::zero()));
    }
    let needed = if remaining >= base {
        Decimal::one()
    } else {
        ratio(remaining, base, Rounding::Up)?
    };
    let r = needed.min(max_ratio);
    Ok((r, remaining.min(mul_fraction(base, r, Rounding::Down)?)))
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/// A market registration.
#[cw_serde]
pub struct MarketMsg {
    /// Market id: 1 to 32 of `a-z`, `0-9`, `-`, `_`.
    pub id: String,
    /// The only address that may report for it.
    pub reporter: String,
    /// Who receives covered amounts and recoveries.
    pub recipient: String,
}

impl MarketMsg {
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
    /// Markets registered from the start.
    #[serde(default)]
    pub markets: Vec<MarketMsg>,
}

/// Pause switches to flip; fields left `None` keep their value.
#[cw_serde]
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
pub enum GovMsg {
    /// Replaces the waterfall. A change that raises risk (a layer added, a
    /// cap raised, a layer moved earlier) is queued for the timelock; one
    /// that lowers risk applies at once. Either replaces a queued one.
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
    /// Registers a market or changes its reporter and recipient.
    SetMarket(MarketMsg),
    /// Removes a market with no bad debt and no outstanding haircut.
    RemoveMarket {
        /// Market id.
        id: String,
    },
    /// Pauses or resumes operations.
    SetPause(PauseUpdate),
}

/// Execute messages.
#[cw_serde]
pub enum ExecuteMsg {
    /// Registered markets only: covers `amount` of bad debt through the
    /// waterfall. Response data is a [`ShortfallOutcome`].
    ReportShortfall {
        /// Bad debt to cover.
        amount: Uint128,
        /// Unrealized profit of the market's profitable positions.
        total_profit: Uint128,
        /// What the market's liquidity pool holds.
        lp_pool_value: Uint128,
    },
    /// Recovery income for a market, in the native asset sent: repays its
    /// bad debt first, then its haircut traders; any excess is refunded.
    Recover {
        /// Market id.
        market_id: String,
    },
    /// Cw20 hook: recovery income in the cw20 asset ([`ReceiveMsg`]).
    Receive(Cw20ReceiveMsg),
    /// Owner only: governance actions, the same as `sudo`.
    Owner(GovMsg),
    /// Two-step ownership transfer (cw-ownable).
    UpdateOwnership(cw_ownable::Action),
}

/// Messages carried by a cw20 `Send` of the vault's asset.
#[cw_serde]
pub enum ReceiveMsg {
    /// As [`ExecuteMsg::Recover`].
    Recover {
        /// Market id.
        market_id: String,
    },
}

/// Migration message.
#[cw_serde]
pub struct MigrateMsg {}

/// What a shortfall did (or would do): response data of `ReportShortfall`
/// and the answer of `SimulateShortfall`.
#[cw_serde]
pub struct ShortfallOutcome {
    /// Market id.
    pub market_id: String,
    /// Sequence number of this shortfall within the market.
    pub seq: u64,
    /// Shortfall reported.
    pub amount: Uint128,
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
    pub trader_factor: Decimal,
    /// The market's LP factor after this shortfall.
    pub lp_factor: Decimal,
}

/// Queries.
#[cw_serde]
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
    pub trader_factor: Decimal,
    /// Cumulative LP factor now.
    pub lp_factor: Decimal,
    /// Recovery factor now.
    pub recovery_factor: Decimal,
    /// Recovery epoch now.
    pub recovery_epoch: u64,
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

typed_event! {
    /// One shortfall, with every layer's amount.
    ShortfallEvent = "backstop-socializer-shortfall" {
        /// Market id.
        market: String,
        /// Sequence number.
        seq: u64,
        /// Shortfall reported.
        amount: Uint128,
        /// Covered by slashing stakers.
        stakers: Uint128,
        /// Staked tokens slashed.
        slashed_tokens: Uint128,
        /// Covered by the vault.
        vault: Uint128,
        /// Covered by the trader haircut.
        trader_haircut: Uint128,
        /// Trader haircut ratio.
        trader_ratio: Decimal,
        /// Covered by the LP haircut.
        lp_haircut: Uint128,
        /// LP haircut ratio.
        lp_ratio: Decimal,
        /// Left as bad debt.
        residual: Uint128,
        /// Outstanding bad debt after.
        bad_debt: Uint128,
    }
}

typed_event! {
    /// Recovery income applied.
    RecoveryEvent = "backstop-socializer-recovery" {
        /// Market id.
        market: String,
        /// Who paid.
        sender: String,
        /// Repaid bad debt.
        to_debt: Uint128,
        /// Repaid haircut traders.
        to_haircuts: Uint128,
        /// Refunded to the sender.
        refunded: Uint128,
        /// Outstanding bad debt after.
        bad_debt: Uint128,
        /// Outstanding haircuts after.
        haircut_outstanding: Uint128,
    }
}

typed_event! {
    /// The waterfall changed now.
    LayersSetEvent = "backstop-socializer-layers" {
        /// Layer names in order, comma-separated.
        layers: String,
    }
}

typed_event! {
    /// A change was queued for the timelock.
    ChangeQueuedEvent = "backstop-socializer-queued" {
        /// `layers` or `timelock`.
        what: String,
        /// Block time (seconds) from which it is in force.
        eta: u64,
    }
}

typed_event! {
    /// Queued changes cancelled.
    ChangeCancelledEvent = "backstop-socializer-cancelled" {
        /// Whether a layer change was cancelled.
        layers: bool,
        /// Whether a timelock change was cancelled.
        timelock: bool,
    }
}

typed_event! {
    /// A market registered or changed.
    MarketSetEvent = "backstop-socializer-market" {
        /// Market id.
        id: String,
        /// Reporter.
        reporter: String,
        /// Recipient.
        recipient: String,
    }
}

typed_event! {
    /// Timelock changed now.
    TimelockSetEvent = "backstop-socializer-timelock" {
        /// Seconds.
        seconds: u64,
    }
}

typed_event! {
    /// Pause switches changed.
    PauseEvent = "backstop-socializer-pause" {
        /// Reports paused.
        reports: bool,
        /// Recoveries paused.
        recoveries: bool,
    }
}

/// Layer names in order, comma-separated (for events).
pub fn layer_names(layers: &[Layer]) -> String {
    layers
        .iter()
        .map(|l| l.kind().name())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests;
