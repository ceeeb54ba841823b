//! The coverage-health query: the fund and the stake once, then each market
//! of the page through the same planner a report uses, O(1) per market.

use backstop_types::governance::page;
use backstop_types::math::{ratio, Rounding};
use backstop_types::socializer::{
    plan, Budget, HealthResponse, Layer, Market, MarketHealth, OverallHealth, ShortfallInput,
    StakedToken, Waterfall,
};
use cosmwasm_std::{to_json_binary, Binary, Deps, Env, Uint128};

use crate::error::ContractResult;
use crate::report::{overall_usage, snapshots, Snapshots};
use crate::state::{effective_waterfall, CONFIG, MARKETS};

/// A loss larger than any fund, small enough that the planner's widened
/// products never overflow: what "everything the layers allow" means here.
const EVERYTHING: Uint128 = Uint128::new(u128::MAX >> 1);

/// `QueryMsg::Health`.
pub fn health(
    deps: Deps,
    env: Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> ContractResult<Binary> {
    let now = env.block.time.seconds();
    let config = CONFIG.load(deps.storage)?;
    let w = effective_waterfall(deps.storage, &env)?;
    let snaps = snapshots(deps, &env, &config, &w.layers)?;
    let usage = overall_usage(deps.storage, &w)?;
    let unlimited = Budget::unlimited();
    // a market with no budget of its own: only the overall windows bind
    let any_market = Market::new(
        env.contract.address.clone(),
        env.contract.address.clone(),
        backstop_types::socializer::MarketRisk {
            exposure_ceiling: EVERYTHING,
            limits: Some(Default::default()),
        },
    );
    let overall_budget = any_market.budget(&w.limits, &usage, now)?;
    let layer_only = |keep: fn(&Layer) -> bool| -> Vec<Layer> {
        w.layers.iter().copied().filter(keep).collect()
    };
    let drawable = |layers: &[Layer], budget: &Budget| {
        let input = ShortfallInput {
            amount: EVERYTHING,
            total_profit: Uint128::zero(),
            lp_pool_value: Uint128::zero(),
        };
        plan(
            &input,
            layers,
            snaps.staking.as_ref(),
            &snaps.vault,
            budget,
            now,
        )
    };
    let vault_only = layer_only(|l| matches!(l, Layer::Vault { .. }));
    let stakers_only = layer_only(|l| matches!(l, Layer::StakerSlash { .. }));
    let overall = OverallHealth {
        vault_assets: snaps.vault.state.total_assets,
        vault_capacity: drawable(&vault_only, &unlimited)?.vault_amount,
        staked_tokens: staked_tokens(&snaps),
        staked_value: staked_value(&snaps)?,
        slashable_value: drawable(&stakers_only, &overall_budget)?.staker_amount,
        staker_layer_blocked: snaps.skipped.map(str::to_string),
        slash_ratio_window_left: overall_budget.slash_ratio,
        haircut_window_left: w
            .limits
            .overall
            .haircut_per_window
            .map(|_| overall_budget.haircut),
    };
    let mut markets = vec![];
    let (mut bad_debt, mut outstanding) = (Uint128::zero(), Uint128::zero());
    for item in page(&MARKETS, deps.storage, start_after.as_deref(), limit) {
        let (id, mut m) = item?;
        m.mature(now);
        let budget = m.budget(&w.limits, &usage, now)?;
        let input = ShortfallInput {
            amount: m.exposure.min(EVERYTHING),
            total_profit: Uint128::zero(),
            lp_pool_value: Uint128::zero(),
        };
        let p = plan(
            &input,
            &w.layers,
            snaps.staking.as_ref(),
            &snaps.vault,
            &budget,
            now,
        )?;
        let capacity = p.staker_amount.checked_add(p.vault_amount)?;
        bad_debt = bad_debt.saturating_add(m.bad_debt);
        outstanding = outstanding.saturating_add(m.haircut_outstanding);
        markets.push(market_health(id, &m, &w, &budget, capacity)?);
    }
    Ok(to_json_binary(&HealthResponse {
        overall,
        markets,
        page_bad_debt: bad_debt,
        page_haircut_outstanding: outstanding,
    })?)
}

fn market_health(
    id: String,
    m: &Market,
    w: &Waterfall,
    budget: &Budget,
    capacity: Uint128,
) -> ContractResult<MarketHealth> {
    let limits = m.limits(&w.limits.market_defaults);
    let capped = |set: bool, left: Uint128| set.then_some(left);
    let coverage_ratio = if m.exposure.is_zero() || m.exposure >= EVERYTHING {
        None
    } else {
        Some(ratio(capacity, m.exposure, Rounding::Down)?)
    };
    Ok(MarketHealth {
        id,
        frozen: m.frozen,
        exposure: m.exposure,
        exposure_ceiling: m.exposure_ceiling,
        capacity,
        coverage_ratio,
        vault_budget_left: capped(
            limits.vault_lifetime.is_some() || limits.vault_per_window.is_some(),
            budget.vault,
        ),
        slash_budget_left: capped(
            limits.slash_lifetime.is_some() || limits.slash_per_window.is_some(),
            budget.slash_value,
        ),
        trader_window_left: budget.trader_ratio,
        lp_window_left: budget.lp_ratio,
        bad_debt: m.bad_debt,
        haircut_outstanding: m.haircut_outstanding,
    })
}

fn staked_tokens(snaps: &Snapshots) -> Uint128 {
    snaps
        .staking
        .as_ref()
        .map_or(Uint128::zero(), |s| s.state.total_tokens)
}

/// The stake's value in the vault's asset: vault shares at the share price
/// (rounded down), or the asset itself.
fn staked_value(snaps: &Snapshots) -> ContractResult<Uint128> {
    let Some(s) = &snaps.staking else {
        return Ok(Uint128::zero());
    };
    Ok(match s.token {
        StakedToken::VaultAsset => s.state.total_tokens,
        StakedToken::VaultShares => {
            let v = &snaps.vault.state;
            if v.total_shares.is_zero() {
                Uint128::zero()
            } else {
                backstop_types::math::mul_div(
                    s.state.total_tokens,
                    v.total_assets,
                    v.total_shares,
                    Rounding::Down,
                )?
            }
        }
    })
}
