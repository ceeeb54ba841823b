//! Shortfall reports and their simulation: one planning path for both.

use backstop_types::calls::{self, StakingCall, VaultCall};
use backstop_types::fund_vault::{self, ShareHookMsg};
use backstop_types::math::MathError;
use backstop_types::socializer::wiring::staker_layer_blocked;
use backstop_types::socializer::{
    plan, Budget, DrawTicket, DuplicateReportEvent, ExposureClampedEvent, Layer, LayerKind,
    LayerSkippedEvent, Market, OverallUsage, Plan, ShortfallEvent, ShortfallInput,
    ShortfallOutcome, SocializerConfig, StakedToken, StakingSnapshot, VaultSnapshot, Waterfall,
    DRAW_TICKET, HAIRCUTS, MARKETS, REPORTERS, USAGE,
};
use backstop_types::staking;
use cosmwasm_std::{
    to_json_binary, CosmosMsg, Deps, DepsMut, Env, MessageInfo, Response, Storage, Uint128,
};

use crate::error::{ContractError, ContractResult};
use crate::state::{effective_waterfall, live_market, CONFIG, WATERFALL};

/// A report as the market sent it.
pub struct Report {
    /// The market's id for it.
    pub report_id: u64,
    /// Amount and the haircut bases.
    pub input: ShortfallInput,
}

/// The staking and vault state a plan needs, read raw, and why the staker
/// layer is skipped, if it is.
pub struct Snapshots {
    /// The staking contract, when the staker layer can run.
    pub staking: Option<StakingSnapshot>,
    /// The vault.
    pub vault: VaultSnapshot,
    /// Why the staker layer cannot run now (a missing link), if so.
    pub skipped: Option<&'static str>,
}

/// Reads, with raw queries only, the staking and vault state the plan needs.
/// A staker layer whose links are missing is left out, so the report goes
/// on instead of failing on the slash.
pub fn snapshots(
    deps: Deps,
    env: &Env,
    config: &SocializerConfig,
    layers: &[Layer],
) -> ContractResult<Snapshots> {
    let q = &deps.querier;
    let now = env.block.time.seconds();
    // queued changes are in force from their eta, stored or not
    let vault = VaultSnapshot {
        state: fund_vault::STATE.query(q, config.vault.clone())?,
        params: fund_vault::timelock::params_at(q, config.vault.clone(), now)?,
        claimant: fund_vault::timelock::claimant_at(
            q,
            config.vault.clone(),
            &env.contract.address,
            now,
        )?,
    };
    let wants_stakers = layers.iter().any(|l| l.kind() == LayerKind::StakerSlash);
    let mut skipped = None;
    let staking = match &config.staking {
        Some(link) if wants_stakers => {
            let params = staking::timelock::params_at(q, link.address.clone(), now)?;
            let state = staking::STATE.query(q, link.address.clone())?;
            let socializer = &env.contract.address;
            skipped = staker_layer_blocked(socializer, link, &params, &state, &vault.params);
            skipped.is_none().then_some(StakingSnapshot {
                token: link.token,
                state,
                params,
            })
        }
        _ => None,
    };
    Ok(Snapshots {
        staking,
        vault,
        skipped,
    })
}

/// A planned shortfall and how to execute it.
pub struct Planned {
    /// The socializer's configuration.
    pub config: SocializerConfig,
    /// Every layer's amount.
    pub plan: Plan,
    /// Whether the vault lets the staking contract's slash hook draw on
    /// this socializer's claimant limits, so that the staker and vault
    /// layers run in one vault execution.
    pub hook_covers: bool,
    /// Why the staker layer was skipped, if it was.
    pub skipped: Option<&'static str>,
}

/// Plans a shortfall in the current block, under `waterfall` (in force
/// now) and within the market's `budget`.
pub fn plan_now(
    deps: Deps,
    env: &Env,
    input: &ShortfallInput,
    waterfall: &Waterfall,
    budget: &Budget,
) -> ContractResult<Planned> {
    let config = CONFIG.load(deps.storage)?;
    let Snapshots {
        staking,
        vault,
        skipped,
    } = snapshots(deps, env, &config, &waterfall.layers)?;
    let plan = plan(
        input,
        &waterfall.layers,
        staking.as_ref(),
        &vault,
        budget,
        env.block.time.seconds(),
    )?;
    let hook_covers = config.staking.as_ref().is_some_and(|link| {
        vault.params.slash_sources.contains(&link.address)
            && vault.params.slash_claimant.as_ref() == Some(&env.contract.address)
    });
    Ok(Planned {
        config,
        plan,
        hook_covers,
        skipped,
    })
}

fn outcome(
    market_id: &str,
    market: &Market,
    input: &ShortfallInput,
    unbacked: Uint128,
    plan: &Plan,
) -> ShortfallOutcome {
    ShortfallOutcome {
        market_id: market_id.to_string(),
        seq: market.seq,
        report_id: market.last_report_id,
        amount: input.amount,
        unbacked,
        layers: plan.layers.clone(),
        trader_haircut_ratio: plan.trader_ratio,
        lp_haircut_ratio: plan.lp_ratio,
        residual: plan.residual,
        bad_debt: market.bad_debt,
        trader_factor: market.trader_factor,
        lp_factor: market.lp_factor,
    }
}

/// The overall window usage, read only while an overall limit is set.
pub fn overall_usage(storage: &dyn Storage, w: &Waterfall) -> ContractResult<OverallUsage> {
    if !w.limits.overall.any() {
        return Ok(OverallUsage::default());
    }
    Ok(USAGE.may_load(storage)?.unwrap_or_default())
}

/// A report applied to `market` (matured, not saved): clamped to its
/// exposure, planned within its budget, and recorded in its windows.
struct Applied {
    plan: Planned,
    input: ShortfallInput,
    unbacked: Uint128,
    overall: OverallUsage,
    record: backstop_types::socializer::HaircutRecord,
}

fn apply(
    deps: Deps,
    env: &Env,
    w: &Waterfall,
    market: &mut Market,
    report: Report,
) -> ContractResult<Applied> {
    let now = env.block.time.seconds();
    market.mature(now);
    market.last_report_id = report.report_id;
    let (accepted, unbacked) = market.accept(report.input.amount)?;
    let input = ShortfallInput {
        amount: accepted,
        ..report.input
    };
    let mut overall = overall_usage(deps.storage, w)?;
    let budget = market.budget(&w.limits, &overall, now)?;
    let plan = plan_now(deps, env, &input, w, &budget)?;
    market.record_usage(&w.limits, &plan.plan, now)?;
    overall.record(&w.limits, &plan.plan, now)?;
    let record = market.apply(&plan.plan, &input, now)?;
    Ok(Applied {
        plan,
        input,
        unbacked,
        overall,
        record,
    })
}

/// `SimulateShortfall`: the outcome `ReportShortfall` would have now, for
/// the market's next report id.
pub fn simulate(
    deps: Deps,
    env: Env,
    market_id: String,
    input: ShortfallInput,
) -> ContractResult<ShortfallOutcome> {
    let mut market = live_market(deps.storage, &market_id)?;
    let w = effective_waterfall(deps.storage, &env)?;
    let report = Report {
        report_id: market.last_report_id.saturating_add(1),
        input,
    };
    let a = apply(deps, &env, &w, &mut market, report)?;
    Ok(outcome(
        &market_id,
        &market,
        &a.input,
        a.unbacked,
        &a.plan.plan,
    ))
}

/// `ReportShortfall` from a registered market.
pub fn report(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    report: Report,
) -> ContractResult<Response> {
    let mut waterfall = WATERFALL.load(deps.storage)?;
    if waterfall.mature(env.block.time.seconds()) {
        WATERFALL.save(deps.storage, &waterfall)?;
    }
    if waterfall.pause.reports {
        return Err(ContractError::Paused {
            operation: "reports",
        });
    }
    if report.input.amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shortfall" });
    }
    let market_id = REPORTERS
        .may_load(deps.storage, &info.sender)?
        .ok_or_else(|| ContractError::UnknownReporter {
            sender: info.sender.to_string(),
        })?;
    let mut market = MARKETS.load(deps.storage, &market_id)?;
    if market.frozen {
        return Err(ContractError::MarketFrozen { id: market_id });
    }
    if report.report_id == 0 {
        return Err(ContractError::ZeroReportId { id: market_id });
    }
    if report.report_id <= market.last_report_id {
        return Ok(Response::new()
            .add_attribute("action", "duplicate_report")
            .add_event(DuplicateReportEvent {
                market: market_id,
                report_id: report.report_id,
                last_report_id: market.last_report_id,
            }));
    }
    let requested = report.input.amount;
    let Applied {
        plan:
            Planned {
                config,
                plan,
                hook_covers,
                skipped,
            },
        input,
        unbacked,
        overall,
        record,
    } = apply(deps.as_ref(), &env, &waterfall, &mut market, report)?;
    MARKETS.save(deps.storage, &market_id, &market)?;
    HAIRCUTS.save(deps.storage, (&market_id, record.seq), &record)?;
    if waterfall.limits.overall.any() {
        USAGE.save(deps.storage, &overall)?;
    }

    let (messages, hook_cover) = execution_messages(&config, &plan, &market, hook_covers)?;
    if let Some(cover) = hook_cover {
        issue_ticket(deps.storage, cover, env.block.height)?;
    }
    let out = outcome(&market_id, &market, &input, unbacked, &plan);
    let mut response = Response::new()
        .add_attribute("action", "report_shortfall")
        .add_messages(messages);
    if let Some(reason) = skipped {
        response = response.add_event(LayerSkippedEvent {
            layer: LayerKind::StakerSlash.name().to_string(),
            reason: reason.to_string(),
        });
    }
    if !unbacked.is_zero() {
        response = response.add_event(ExposureClampedEvent {
            market: market_id.clone(),
            report_id: market.last_report_id,
            requested,
            accepted: input.amount,
        });
    }
    Ok(response
        .add_event(ShortfallEvent {
            market: market_id,
            seq: market.seq,
            report_id: market.last_report_id,
            amount: input.amount,
            unbacked,
            stakers: plan.staker_amount,
            slashed_tokens: plan.slash_tokens,
            vault: plan.vault_amount,
            trader_haircut: plan.trader_amount,
            trader_ratio: plan.trader_ratio,
            lp_haircut: plan.lp_amount,
            lp_ratio: plan.lp_ratio,
            residual: plan.residual,
            bad_debt: market.bad_debt,
        })
        .set_data(to_json_binary(&out)?))
}

/// The calls that move exact amounts, in waterfall order. Haircut layers
/// move nothing here: the market applies the ratios.
///
/// When slashed vault shares are redeemed by the vault and a vault layer
/// follows the staker layer, the vault's cover rides on the slash hook
/// (`hook_covers`): one vault execution redeems, then covers, in the
/// planned order. The report then costs three executions: this one, the
/// staking contract's and the vault's.
///
/// Also returns the cover the slash hook draws, if any: the report issues a
/// [`DrawTicket`] for it, which the vault checks.
fn execution_messages(
    config: &SocializerConfig,
    plan: &Plan,
    market: &Market,
    hook_covers: bool,
) -> ContractResult<(Vec<CosmosMsg>, Option<Uint128>)> {
    let mut msgs = vec![];
    let mut hook_cover = None;
    for (i, layer) in plan.layers.iter().enumerate() {
        match layer.layer {
            LayerKind::StakerSlash if !layer.slashed_tokens.is_zero() => {
                let Some(link) = &config.staking else {
                    continue;
                };
                let (recipient, msg) = match link.token {
                    StakedToken::VaultShares => {
                        let cover = plan.layers[i..]
                            .iter()
                            .find(|l| l.layer == LayerKind::Vault && !l.amount.is_zero())
                            .filter(|_| hook_covers)
                            .map(|l| l.amount);
                        hook_cover = cover;
                        (
                            config.vault.to_string(),
                            Some(to_json_binary(&ShareHookMsg::RedeemSlashed {
                                recipient: market.recipient.to_string(),
                                cover,
                            })?),
                        )
                    }
                    StakedToken::VaultAsset => (market.recipient.to_string(), None),
                };
                msgs.push(wasm(
                    &link.address,
                    &StakingCall::Slash {
                        amount: layer.slashed_tokens,
                        recipient,
                        msg,
                    },
                )?);
            }
            LayerKind::Vault if !layer.amount.is_zero() && hook_cover.is_none() => {
                msgs.push(wasm(
                    &config.vault,
                    &VaultCall::CoverShortfall {
                        amount: layer.amount,
                        recipient: market.recipient.to_string(),
                    },
                )?);
            }
            _ => {}
        }
    }
    Ok((msgs, hook_cover))
}

/// Authorizes the vault draw of `cover` that this report's slash hook
/// makes: valid in this block only, once.
fn issue_ticket(storage: &mut dyn Storage, cover: Uint128, height: u64) -> ContractResult<()> {
    let nonce = DRAW_TICKET
        .may_load(storage)?
        .map_or(0, |t| t.nonce)
        .checked_add(1)
        .ok_or(MathError::Overflow {
            what: "draw ticket nonce",
        })?;
    DRAW_TICKET.save(
        storage,
        &DrawTicket {
            nonce,
            cover,
            height,
        },
    )?;
    Ok(())
}

fn wasm<M: serde::Serialize>(contract: &cosmwasm_std::Addr, msg: &M) -> ContractResult<CosmosMsg> {
    Ok(calls::execute(contract, msg)?)
}
