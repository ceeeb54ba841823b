//! Governance of the waterfall, the timelock, markets and pauses. The same
//! handler serves `sudo` (a `MsgSudoContract` proposal) and the owner's
//! `ExecuteMsg::Owner`; each action has its own function.
//!
//! A change that raises anyone's risk (a layer added, a cap raised, a layer
//! moved earlier, a cap lowered or a layer removed ahead of another layer,
//! a shorter timelock) is queued for the timelock, which is
//! at least the staking unbonding period, so those affected can leave before
//! worse terms apply. A change that lowers risk applies at once.

use backstop_types::governance::timelock::{eta, Party};
use backstop_types::params::{check_addr, check_bounded};
use backstop_types::socializer::{
    layer_names, raises_risk, validate_layers, validate_recovery_order, ChangeCancelledEvent,
    ChangeQueuedEvent, GovMsg, Layer, LayersSetEvent, Market, MarketFrozenEvent, MarketMsg,
    MarketRisk, MarketSetEvent, PauseEvent, PauseUpdate, Pending, RecoveryLayer, RiskLimits,
    SocializerConfig, TimelockSetEvent, Waterfall, MAX_TIMELOCK_SECONDS,
};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::{Deps, DepsMut, Env, Event, Response, Storage};

use crate::error::{ContractError, ContractResult};
use crate::state::{live_market, CONFIG, MARKETS, REPORTERS, WATERFALL};

/// When a change queued at `now` may come into force: strictly after the
/// timelock (the traders' and LPs' notice), the stakers' exit (their
/// unbonding period, and the staking contract's exit horizon) and the
/// underwriters' exit (the vault's cooldown plus exit window, and its exit
/// horizon), each read raw now, queued changes of those periods included.
/// A layer change can shift loss onto any party, so every exit counts.
pub fn change_eta(
    deps: Deps,
    config: &SocializerConfig,
    w: &Waterfall,
    now: u64,
) -> ContractResult<u64> {
    let mut wait = w.timelock_seconds;
    let q = &deps.querier;
    let vault = fund_vault::timelock::params_at(q, config.vault.clone(), now)?;
    wait = wait.max(vault.wait_for(Party::Underwriters, now, 0));
    if let Some(link) = &config.staking {
        let params = staking::timelock::params_at(q, link.address.clone(), now)?;
        wait = wait.max(params.wait_for(Party::Stakers, now, 0));
    }
    Ok(eta(now, wait))
}

/// Checks the timelock's bounds and that it covers the staking unbonding
/// period (read with a raw query).
pub fn check_timelock(deps: Deps, config: &SocializerConfig, seconds: u64) -> ContractResult<()> {
    check_bounded("timelock_seconds", seconds, MAX_TIMELOCK_SECONDS)?;
    if let Some(link) = &config.staking {
        let unbonding = staking::PARAMS
            .query(&deps.querier, link.address.clone())?
            .unbonding_seconds;
        if seconds < unbonding {
            return Err(ContractError::TimelockBelowUnbonding {
                timelock: seconds,
                unbonding,
            });
        }
    }
    Ok(())
}

/// Registers or updates a market; a reporter serves one market only. A new
/// market's exposure ceiling and limits apply at once; a change of them for
/// a market already registered is queued until `eta`.
pub fn set_market(
    storage: &mut dyn Storage,
    deps_api: &dyn cosmwasm_std::Api,
    msg: MarketMsg,
    eta: u64,
) -> ContractResult<Event> {
    let (reporter, recipient) = msg.check(deps_api)?;
    let risk = msg.risk()?;
    if let Some(other) = REPORTERS.may_load(storage, &reporter)? {
        if other != msg.id {
            return Err(ContractError::ReporterTaken {
                reporter: reporter.into_string(),
                market: other,
            });
        }
    }
    // an id registered before, even if removed since, keeps its record:
    // its factors, sequence, report ids and haircut records carry over
    let market = match MARKETS.may_load(storage, &msg.id)? {
        Some(mut m) => {
            if REPORTERS.may_load(storage, &m.reporter)?.as_deref() == Some(msg.id.as_str()) {
                REPORTERS.remove(storage, &m.reporter);
            }
            m.reporter = reporter.clone();
            m.recipient = recipient.clone();
            m.removed = false;
            if risk != m.risk() {
                m.pending_risk = Some(Pending { value: risk, eta });
            }
            m
        }
        None => Market::new(reporter.clone(), recipient.clone(), risk),
    };
    REPORTERS.save(storage, &reporter, &msg.id)?;
    MARKETS.save(storage, &msg.id, &market)?;
    Ok(MarketSetEvent {
        id: msg.id,
        reporter: reporter.into_string(),
        recipient: recipient.into_string(),
    }
    .into())
}

/// Queues a change of a market's exposure ceiling and budgets. Every such
/// change shifts loss between the backstop's layers and the market's
/// traders and LPs, so none applies at once; the guardian's freeze is the
/// fast stop.
fn set_market_risk(
    storage: &mut dyn Storage,
    id: String,
    risk: MarketRisk,
    eta: u64,
) -> ContractResult<Change> {
    risk.validate()?;
    let mut market = live_market(storage, &id)?;
    if risk == market.risk() && market.pending_risk.is_none() {
        return Err(ContractError::NoChange {
            what: format!("market {id} risk"),
        });
    }
    market.pending_risk = Some(Pending { value: risk, eta });
    MARKETS.save(storage, &id, &market)?;
    let event = ChangeQueuedEvent {
        what: format!("market_risk:{id}"),
        eta,
    };
    Ok(("queue_market_risk", event.into()))
}

/// Queues new default budgets, window and overall caps, as
/// [`set_market_risk`].
fn set_limits(w: &mut Waterfall, limits: RiskLimits, eta: u64) -> ContractResult<Change> {
    limits.validate()?;
    if limits == w.limits && w.pending_limits.is_none() {
        return Err(ContractError::NoChange {
            what: "limits".into(),
        });
    }
    w.pending_limits = Some(Pending { value: limits, eta });
    let event = ChangeQueuedEvent {
        what: "limits".into(),
        eta,
    };
    Ok(("queue_limits", event.into()))
}

/// Queues a new recovery order: moving a party later repays it later, so
/// every change waits, as a layer change does.
fn set_recovery_order(
    w: &mut Waterfall,
    order: Vec<RecoveryLayer>,
    eta: u64,
) -> ContractResult<Change> {
    validate_recovery_order(&order)?;
    if order == w.recovery_order && w.pending_recovery_order.is_none() {
        return Err(ContractError::NoChange {
            what: "recovery order".into(),
        });
    }
    w.pending_recovery_order = Some(Pending { value: order, eta });
    let event = ChangeQueuedEvent {
        what: "recovery_order".into(),
        eta,
    };
    Ok(("queue_recovery_order", event.into()))
}

/// What a governance action did: the response's `action` and its event.
type Change = (&'static str, Event);

/// Applies a governance action. The caller has already been authorized.
/// Queued changes that have come of age are applied first; the waterfall is
/// saved after every action.
pub fn execute_gov(deps: DepsMut, env: Env, msg: GovMsg) -> ContractResult<Response> {
    let now = env.block.time.seconds();
    let mut w = WATERFALL.load(deps.storage)?;
    w.mature(now);
    let config = CONFIG.load(deps.storage)?;
    let eta = change_eta(deps.as_ref(), &config, &w, now)?;
    let (action, event) = match msg {
        GovMsg::SetLayers { layers } => set_layers(&mut w, &config, layers, eta)?,
        GovMsg::SetTimelock { seconds } => {
            set_timelock(deps.as_ref(), &mut w, &config, seconds, eta)?
        }
        GovMsg::CancelPending {} => cancel_pending(&mut w)?,
        GovMsg::SetMarket(msg) => {
            let event = set_market(deps.storage, deps.api, msg, eta)?;
            ("set_market", event)
        }
        GovMsg::SetMarketRisk { id, risk } => set_market_risk(deps.storage, id, risk, eta)?,
        GovMsg::SetLimits(limits) => set_limits(&mut w, limits, eta)?,
        GovMsg::SetRecoveryOrder { order } => set_recovery_order(&mut w, order, eta)?,
        GovMsg::RemoveMarket { id } => remove_market(deps.storage, id)?,
        GovMsg::SetPause(update) => set_pause(&mut w, update),
        GovMsg::SetGuardian { address } => set_guardian(deps.api, &mut w, address)?,
        GovMsg::UnfreezeMarket { id } => unfreeze_market(deps.storage, id)?,
    };
    WATERFALL.save(deps.storage, &w)?;
    Ok(Response::new()
        .add_attribute("action", action)
        .add_event(event))
}

/// New layers: queued when they raise risk, in force at once otherwise.
/// Either way a queued layer change is dropped.
fn set_layers(
    w: &mut Waterfall,
    config: &SocializerConfig,
    layers: Vec<Layer>,
    eta: u64,
) -> ContractResult<Change> {
    validate_layers(&layers, config.staking.is_some())?;
    w.pending_layers = None;
    if raises_risk(&w.layers, &layers) {
        w.pending_layers = Some(Pending { value: layers, eta });
        let event = ChangeQueuedEvent {
            what: "layers".into(),
            eta,
        };
        Ok(("queue_layers", event.into()))
    } else {
        let names = layer_names(&layers);
        w.layers = layers;
        Ok(("set_layers", LayersSetEvent { layers: names }.into()))
    }
}

/// A new timelock: a shorter one is queued behind the current one, a
/// longer one is in force at once. Either way a queued change is dropped.
fn set_timelock(
    deps: Deps,
    w: &mut Waterfall,
    config: &SocializerConfig,
    seconds: u64,
    eta: u64,
) -> ContractResult<Change> {
    check_timelock(deps, config, seconds)?;
    w.pending_timelock = None;
    if seconds < w.timelock_seconds {
        w.pending_timelock = Some(Pending {
            value: seconds,
            eta,
        });
        let event = ChangeQueuedEvent {
            what: "timelock".into(),
            eta,
        };
        Ok(("queue_timelock", event.into()))
    } else {
        w.timelock_seconds = seconds;
        Ok(("set_timelock", TimelockSetEvent { seconds }.into()))
    }
}

/// Cancels the queued waterfall, timelock and limits changes (a market's
/// queued risk change is cancelled by queuing its current risk again).
fn cancel_pending(w: &mut Waterfall) -> ContractResult<Change> {
    let (layers, timelock) = (w.pending_layers.is_some(), w.pending_timelock.is_some());
    let others = w.pending_limits.is_some() || w.pending_recovery_order.is_some();
    if !layers && !timelock && !others {
        return Err(ContractError::NothingPending);
    }
    w.pending_layers = None;
    w.pending_timelock = None;
    w.pending_limits = None;
    w.pending_recovery_order = None;
    let event = ChangeCancelledEvent { layers, timelock };
    Ok(("cancel_pending", event.into()))
}

/// Removes a market with no bad debt and no haircut outstanding.
fn remove_market(storage: &mut dyn Storage, id: String) -> ContractResult<Change> {
    let mut market = live_market(storage, &id)?;
    if !market.bad_debt.is_zero() || !market.haircut_outstanding.is_zero() {
        return Err(ContractError::MarketNotSettled {
            id,
            bad_debt: market.bad_debt,
            haircut_outstanding: market.haircut_outstanding,
        });
    }
    REPORTERS.remove(storage, &market.reporter);
    market.removed = true;
    MARKETS.save(storage, &id, &market)?;
    let event = Event::new("backstop-socializer-market-removed").add_attribute("id", id);
    Ok(("remove_market", event))
}

/// Names (or clears) the guardian.
fn set_guardian(
    api: &dyn cosmwasm_std::Api,
    w: &mut Waterfall,
    address: Option<String>,
) -> ContractResult<Change> {
    w.guardian = address
        .map(|a| check_addr(api, "guardian", &a))
        .transpose()?;
    let guardian = w
        .guardian
        .as_ref()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let event = Event::new("backstop-socializer-guardian-set").add_attribute("guardian", guardian);
    Ok(("set_guardian", event))
}

/// Lets a frozen market report again.
fn unfreeze_market(storage: &mut dyn Storage, id: String) -> ContractResult<Change> {
    let mut market = live_market(storage, &id)?;
    market.frozen = false;
    MARKETS.save(storage, &id, &market)?;
    let event = MarketFrozenEvent {
        id,
        frozen: false,
        sender: "governance".into(),
    };
    Ok(("unfreeze_market", event.into()))
}

/// Applies a pause update to the waterfall (saved by the caller).
pub fn set_pause(w: &mut Waterfall, update: PauseUpdate) -> Change {
    w.pause.reports = update.reports.unwrap_or(w.pause.reports);
    w.pause.recoveries = update.recoveries.unwrap_or(w.pause.recoveries);
    let event = PauseEvent {
        reports: w.pause.reports,
        recoveries: w.pause.recoveries,
    };
    ("set_pause", event.into())
}
