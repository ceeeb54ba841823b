//! The planner: turns a shortfall and the current state into per-layer
//! amounts. Pure, so that simulation and execution agree to the unit.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint128};

use super::{Budget, Layer, LayerKind, StakedToken};
use crate::fund_vault;
use crate::math::{mul_div, mul_fraction, ratio, sub, MathResult, Rounding};
use crate::staking;

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
    /// Their fraction of the stake, rounded up (for the overall window).
    pub slash_ratio: Decimal,
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
/// Every layer also stays within the market's `budget`.
pub fn plan(
    input: &ShortfallInput,
    layers: &[Layer],
    staking: Option<&StakingSnapshot>,
    vault: &VaultSnapshot,
    budget: &Budget,
    now: u64,
) -> MathResult<Plan> {
    let mut vault_state = vault.state.clone();
    let mut haircut_budget = budget.haircut;
    let mut remaining = input.amount;
    let mut out = Plan::empty(layers.len());
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
                    let (tokens, covered) =
                        staker_slash(st, max_ratio, budget, remaining, &mut vault_state)?;
                    outcome.slashed_tokens = tokens;
                    outcome.amount = covered;
                    out.slash_tokens = tokens;
                    out.staker_amount = covered;
                    if !tokens.is_zero() {
                        out.slash_ratio = ratio(tokens, st.state.total_tokens, Rounding::Up)?;
                    }
                }
            }
            Layer::Vault { max_fraction } => {
                let room = remaining.min(budget.vault);
                let covered = vault_draw(vault, max_fraction, room, &mut vault_state, now)?;
                outcome.amount = covered;
                out.vault_amount = covered;
            }
            Layer::TraderProfitHaircut { max_ratio } => {
                let cap = max_ratio.min(budget.trader_ratio);
                let room = remaining.min(haircut_budget);
                let (r, covered) = haircut(room, input.total_profit, cap)?;
                haircut_budget = sub(haircut_budget, covered, "haircut budget")?;
                outcome.ratio = r;
                outcome.amount = covered;
                out.trader_ratio = r;
                out.trader_amount = covered;
            }
            Layer::LpHaircut { max_ratio } => {
                let cap = max_ratio.min(budget.lp_ratio);
                let room = remaining.min(haircut_budget);
                let (r, covered) = haircut(room, input.lp_pool_value, cap)?;
                haircut_budget = sub(haircut_budget, covered, "haircut budget")?;
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

impl Plan {
    /// A plan with room for `layers` outcomes and nothing covered yet.
    fn empty(layers: usize) -> Self {
        Plan {
            layers: Vec::with_capacity(layers),
            slash_tokens: Uint128::zero(),
            slash_ratio: Decimal::zero(),
            staker_amount: Uint128::zero(),
            vault_amount: Uint128::zero(),
            trader_ratio: Decimal::zero(),
            trader_amount: Uint128::zero(),
            lp_ratio: Decimal::zero(),
            lp_amount: Uint128::zero(),
            residual: Uint128::zero(),
        }
    }
}

/// The staker layer: the staked tokens to slash and what they cover, within
/// the staking contract's own cap, `max_ratio` of the stake and the budget
/// (the market's staker cover, the overall fraction of the stake). Slashed
/// vault shares are redeemed by the vault at once, so `vault_state` loses
/// their value and their shares.
fn staker_slash(
    st: &StakingSnapshot,
    max_ratio: Decimal,
    budget: &Budget,
    remaining: Uint128,
    vault_state: &mut fund_vault::VaultState,
) -> MathResult<(Uint128, Uint128)> {
    let cap = st.state.slash_capacity(&st.params)?.min(mul_fraction(
        st.state.total_tokens,
        max_ratio.min(budget.slash_ratio),
        Rounding::Down,
    )?);
    let remaining = remaining.min(budget.slash_value);
    match st.token {
        StakedToken::VaultAsset => {
            let n = cap.min(remaining);
            Ok((n, n))
        }
        StakedToken::VaultShares => {
            let (a, s) = (vault_state.total_assets, vault_state.total_shares);
            if a.is_zero() || s.is_zero() {
                return Ok((Uint128::zero(), Uint128::zero()));
            }
            // the most shares whose value does not exceed what remains
            let n = cap.min(mul_div(remaining, s, a, Rounding::Down)?);
            let value = mul_div(n, a, s, Rounding::Down)?;
            if value.is_zero() {
                return Ok((Uint128::zero(), Uint128::zero()));
            }
            vault_state.total_assets = sub(a, value, "vault assets")?;
            vault_state.total_shares = sub(s, n, "vault shares")?;
            Ok((n, value))
        }
    }
}

/// The vault layer: what the socializer's claimant may draw now, within
/// `max_fraction` of the vault's assets; `vault_state` loses it.
fn vault_draw(
    vault: &VaultSnapshot,
    max_fraction: Decimal,
    remaining: Uint128,
    vault_state: &mut fund_vault::VaultState,
    now: u64,
) -> MathResult<Uint128> {
    let coverable = match &vault.claimant {
        Some(c) => c.coverable(&vault.params, vault_state, now)?,
        None => Uint128::zero(),
    };
    let by_fraction = mul_fraction(vault_state.total_assets, max_fraction, Rounding::Down)?;
    let covered = remaining.min(coverable).min(by_fraction);
    vault_state.total_assets = sub(vault_state.total_assets, covered, "vault assets")?;
    Ok(covered)
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
