//! Governance: parameters, claimants, guardian and pause switches. The same
//! handler serves `sudo` (a `MsgSudoContract` proposal) and the owner's
//! `ExecuteMsg::Owner`; each action has its own function.

use backstop_types::fund_vault::{
    Claimant, ClaimantMsg, ClaimantRemovedEvent, ClaimantSetEvent, GovMsg, GuardianSetEvent,
    ParamsUpdate, ParamsUpdatedEvent, PauseEvent, PauseUpdate, SlashSourcesSetEvent,
    MAX_SLASH_SOURCES,
};
use backstop_types::governance;
use backstop_types::params::{check_addr, check_contract_list};
use cosmwasm_std::{Addr, DepsMut, Env, Response};

use crate::error::{ContractError, ContractResult};
use crate::state::{CLAIMANTS, PARAMS};

/// Applies a governance action. The caller has already been authorized.
pub fn execute_gov(
    deps: DepsMut,
    env: &Env,
    sender: &str,
    msg: GovMsg,
) -> ContractResult<Response> {
    match msg {
        GovMsg::UpdateParams(update) => update_params(deps, update),
        GovMsg::SetClaimant(msg) => set_claimant(deps, msg),
        GovMsg::RemoveClaimant { address } => remove_claimant(deps, address),
        GovMsg::SetGuardian { address } => set_guardian(deps, address),
        GovMsg::SetSlashSources {
            addresses,
            claimant,
        } => set_slash_sources(deps, addresses, claimant),
        GovMsg::SetPause(update) => apply_pause(deps, env, sender, &update),
    }
}

fn update_params(deps: DepsMut, update: ParamsUpdate) -> ContractResult<Response> {
    let params = PARAMS.load(deps.storage)?.apply(update)?;
    PARAMS.save(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "update_params")
        .add_event(ParamsUpdatedEvent {
            cooldown_seconds: params.cooldown_seconds,
            exit_window_seconds: params.exit_window_seconds,
            max_open_unlocks: params.max_open_unlocks,
            max_payout_fraction: params.max_payout_fraction,
            min_reserve: params.min_reserve,
        }))
}

fn set_claimant(deps: DepsMut, msg: ClaimantMsg) -> ContractResult<Response> {
    let (address, limits) = msg.check(deps.api)?;
    let claimant = match CLAIMANTS.may_load(deps.storage, &address)? {
        Some(existing) => Claimant {
            limits: limits.clone(),
            ..existing
        },
        None => Claimant::new(limits.clone()),
    };
    CLAIMANTS.save(deps.storage, &address, &claimant)?;
    Ok(Response::new()
        .add_attribute("action", "set_claimant")
        .add_event(ClaimantSetEvent {
            claimant: address.into_string(),
            lifetime_cap: limits.lifetime_cap,
            window_cap: limits.window_cap,
            window_seconds: limits.window_seconds,
        }))
}

fn remove_claimant(deps: DepsMut, address: String) -> ContractResult<Response> {
    let address = check_addr(deps.api, "claimant", &address)?;
    if !CLAIMANTS.has(deps.storage, &address) {
        return Err(ContractError::UnknownClaimant {
            address: address.into_string(),
        });
    }
    CLAIMANTS.remove(deps.storage, &address);
    Ok(Response::new()
        .add_attribute("action", "remove_claimant")
        .add_event(ClaimantRemovedEvent {
            claimant: address.into_string(),
        }))
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
