//! Governance: parameters, claimants, guardian and pause switches. The same
//! handler serves `sudo` (a `MsgSudoContract` proposal) and the owner's
//! `ExecuteMsg::Owner`; each action has its own function.

use backstop_types::fund_vault::{
    claimant_hurts, Claimant, ClaimantLimits, ClaimantMsg, ClaimantRemovedEvent, ClaimantSetEvent,
    GovMsg, GuardianSetEvent, ParamsUpdate, ParamsUpdatedEvent, PauseEvent, PauseUpdate,
    SlashSourcesSetEvent, MAX_SLASH_SOURCES,
};
use backstop_types::governance;
use backstop_types::governance::timelock::{
    queued_event, ChangeCancelledEvent, ChangeInForceEvent, ChangeQueuedEvent, Hurt, Party,
};
use backstop_types::params::{check_addr, check_contract_list};
use backstop_types::{fund_vault::Params, staking};
use cosmwasm_std::{Addr, Deps, DepsMut, Env, Response, Uint128};

use crate::error::{ContractError, ContractResult};
use crate::state::{CLAIMANTS, PARAMS, STATE};

/// Applies a governance action. The caller has already been authorized.
pub fn execute_gov(
    deps: DepsMut,
    env: &Env,
    sender: &str,
    msg: GovMsg,
) -> ContractResult<Response> {
    match msg {
        GovMsg::UpdateParams(update) => update_params(deps, env, update),
        GovMsg::SetClaimant(msg) => set_claimant(deps, env, msg),
        GovMsg::RemoveClaimant { address } => remove_claimant(deps, env, address),
        GovMsg::CancelPending { claimant } => cancel_pending(deps, env, claimant),
        GovMsg::SetGuardian { address } => set_guardian(deps, address),
        GovMsg::SetSlashSources {
            addresses,
            claimant,
        } => set_slash_sources(deps, addresses, claimant),
        GovMsg::SetPause(update) => apply_pause(deps, env, sender, &update),
    }
}

/// Whether the vault holds no one's deposit yet (no shares at all), so a
/// change can hurt no underwriter.
fn nobody_in(deps: Deps) -> ContractResult<bool> {
    Ok(STATE.load(deps.storage)?.total_shares.is_zero())
}

/// How long the stakers of the vault's slash sources need to leave (read
/// raw from each staking contract; a source that is not one counts zero).
fn stakers_wait(deps: Deps, params: &Params, now: u64) -> u64 {
    params
        .slash_sources
        .iter()
        .filter_map(|s| staking::timelock::params_at(&deps.querier, s.clone(), now).ok())
        .map(|p| p.wait_for(Party::Stakers, now, 0))
        .max()
        .unwrap_or(0)
}

/// The queued-change event for a claimant's limits.
fn claimant_queued(address: &Addr, parties: Vec<Party>, eta: u64) -> ChangeQueuedEvent {
    let hurt = Hurt {
        param: "claimant",
        parties,
    };
    ChangeQueuedEvent {
        what: format!("claimant:{address}"),
        ..queued_event(&[hurt], eta)
    }
}

/// Updates parameters: what can raise anyone's share of a loss is queued,
/// the rest applies at once. A queued change whose time has come is stored
/// first.
fn update_params(deps: DepsMut, env: &Env, update: ParamsUpdate) -> ContractResult<Response> {
    let now = env.block.time.seconds();
    let mut params = PARAMS.load(deps.storage)?;
    let mut response = Response::new().add_attribute("action", "update_params");
    if let Some(p) = params.mature(now) {
        response = response.add_event(ChangeInForceEvent {
            what: "params".into(),
            eta: p.eta,
        });
    }
    let next = params.apply(update)?;
    let outside = stakers_wait(deps.as_ref(), &params, now);
    let hurt = params.govern(next, now, nobody_in(deps.as_ref())?, outside);
    PARAMS.save(deps.storage, &params)?;
    if let Some(p) = params.pending.as_ref().filter(|_| !hurt.is_empty()) {
        response = response.add_event(queued_event(&hurt, p.eta));
    }
    Ok(response.add_event(ParamsUpdatedEvent {
        cooldown_seconds: params.cooldown_seconds,
        exit_window_seconds: params.exit_window_seconds,
        max_open_unlocks: params.max_open_unlocks,
        max_payout_fraction: params.max_payout_fraction,
        min_reserve: params.min_reserve,
    }))
}

/// Sets a claimant's limits. Limits that can raise anyone's share of a
/// loss (any change of a registered claimant's, or a new claimant, which
/// starts with no limits) are queued; the claimant keeps its usage.
fn set_claimant(deps: DepsMut, env: &Env, msg: ClaimantMsg) -> ContractResult<Response> {
    let (address, limits) = msg.check(deps.api)?;
    let now = env.block.time.seconds();
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(now);
    let existing = CLAIMANTS.may_load(deps.storage, &address)?;
    let mut claimant = existing.clone().unwrap_or_else(|| {
        Claimant::new(ClaimantLimits {
            lifetime_cap: Uint128::zero(),
            window_cap: Uint128::zero(),
            window_seconds: limits.window_seconds,
        })
    });
    claimant.mature(now);
    let before = existing.as_ref().map(|_| claimant.limits.clone());
    let mut parties = claimant_hurts(before.as_ref(), Some(&limits));
    if nobody_in(deps.as_ref())? {
        parties.retain(|p| *p != Party::Underwriters);
    }
    let mut response = Response::new().add_attribute("action", "set_claimant");
    if parties.is_empty() {
        claimant.limits = limits.clone();
        claimant.pending = None;
    } else {
        let eta = params.eta_for(&parties, now, stakers_wait(deps.as_ref(), &params, now));
        claimant.queue(limits.clone(), eta);
        response = response.add_event(claimant_queued(&address, parties, eta));
    }
    CLAIMANTS.save(deps.storage, &address, &claimant)?;
    Ok(response.add_event(ClaimantSetEvent {
        claimant: address.into_string(),
        lifetime_cap: limits.lifetime_cap,
        window_cap: limits.window_cap,
        window_seconds: limits.window_seconds,
    }))
}

/// Removes a claimant: at once when it can draw nothing, else its limits
/// fall to zero after the notice (the record then stays, drawing nothing,
/// until removed again).
fn remove_claimant(deps: DepsMut, env: &Env, address: String) -> ContractResult<Response> {
    let address = check_addr(deps.api, "claimant", &address)?;
    let now = env.block.time.seconds();
    let Some(mut claimant) = CLAIMANTS.may_load(deps.storage, &address)? else {
        return Err(ContractError::UnknownClaimant {
            address: address.into_string(),
        });
    };
    claimant.mature(now);
    let zero = ClaimantLimits {
        lifetime_cap: Uint128::zero(),
        window_cap: Uint128::zero(),
        window_seconds: claimant.limits.window_seconds,
    };
    let parties = claimant_hurts(Some(&claimant.limits), Some(&zero));
    if parties.is_empty() && claimant.pending.is_none() {
        CLAIMANTS.remove(deps.storage, &address);
        return Ok(Response::new()
            .add_attribute("action", "remove_claimant")
            .add_event(ClaimantRemovedEvent {
                claimant: address.into_string(),
            }));
    }
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(now);
    let eta = params.eta_for(&parties, now, stakers_wait(deps.as_ref(), &params, now));
    claimant.queue(zero, eta);
    CLAIMANTS.save(deps.storage, &address, &claimant)?;
    Ok(Response::new()
        .add_attribute("action", "queue_remove_claimant")
        .add_event(claimant_queued(&address, parties, eta)))
}

/// Cancels the queued parameter change, or a claimant's queued limits.
fn cancel_pending(deps: DepsMut, env: &Env, claimant: Option<String>) -> ContractResult<Response> {
    let now = env.block.time.seconds();
    let what = match claimant {
        None => {
            let mut params = PARAMS.load(deps.storage)?;
            params.mature(now);
            params.pending.take().ok_or(ContractError::NothingPending)?;
            PARAMS.save(deps.storage, &params)?;
            "params".to_string()
        }
        Some(address) => {
            let address = check_addr(deps.api, "claimant", &address)?;
            let mut c = CLAIMANTS.may_load(deps.storage, &address)?.ok_or_else(|| {
                ContractError::UnknownClaimant {
                    address: address.to_string(),
                }
            })?;
            c.mature(now);
            c.pending.take().ok_or(ContractError::NothingPending)?;
            CLAIMANTS.save(deps.storage, &address, &c)?;
            format!("claimant:{address}")
        }
    };
    Ok(Response::new()
        .add_attribute("action", "cancel_pending")
        .add_event(ChangeCancelledEvent { what }))
}

fn set_guardian(deps: DepsMut, address: Option<String>) -> ContractResult<Response> {
    let guardian =
        governance::set_guardian::<_, ContractError>(deps.storage, deps.api, &PARAMS, address)?;
    Ok(Response::new()
        .add_attribute("action", "set_guardian")
        .add_event(GuardianSetEvent { guardian }))
}

fn set_slash_sources(
    deps: DepsMut,
    addresses: Vec<String>,
    claimant: Option<String>,
) -> ContractResult<Response> {
    let sources = check_contract_list(
        deps.api,
        &deps.querier,
        "slash_sources",
        &addresses,
        MAX_SLASH_SOURCES,
    )?;
    let claimant = claimant
        .map(|c| check_addr(deps.api, "slash_claimant", &c))
        .transpose()?;
    let mut params = PARAMS.load(deps.storage)?;
    params.slash_sources = sources;
    params.slash_claimant = claimant;
    PARAMS.save(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "set_slash_sources")
        .add_event(SlashSourcesSetEvent {
            count: params.slash_sources.len() as u32,
            claimant: params
                .slash_claimant
                .map(Addr::into_string)
                .unwrap_or_default(),
        }))
}

/// Sets the pause switches; `ExecuteMsg::SetPause` checks the pause rule
/// first. Resuming exits records when, so no request lapses for a window
/// it could not use.
pub fn apply_pause(
    deps: DepsMut,
    env: &Env,
    sender: &str,
    update: &PauseUpdate,
) -> ContractResult<Response> {
    let mut params = PARAMS.load(deps.storage)?;
    let was_paused = params.pause.exits;
    params.pause = params.pause.apply(update);
    if was_paused && !params.pause.exits {
        // no request lapses for a window it could not use
        params.exits_resumed_at = env.block.time.seconds();
    }
    PARAMS.save(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "set_pause")
        .add_event(PauseEvent {
            sender: sender.to_string(),
            deposits: params.pause.deposits,
            exits: params.pause.exits,
            payouts: params.pause.payouts,
        }))
}
