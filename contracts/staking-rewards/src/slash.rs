//! Slashing: O(1), pro rata over bonded and unbonding shares alike.

use backstop_types::calls::{self, Cw20Call};
use backstop_types::math::rescale;
use backstop_types::staking::{RestoreEvent, SlashEvent, SlashResponse, TokenEpochEvent};
use cosmwasm_std::{to_json_binary, Binary, DepsMut, Env, MessageInfo, Response, Uint128};

use crate::error::{ContractError, ContractResult};
use crate::rewards::roll_after_loss;
use crate::state::{staking_token, PARAMS, STATE};

/// Takes `amount` staked tokens and sends them to `recipient`, by cw20
/// `Send` with `msg` when given, else by `Transfer`.
///
/// Only `total_tokens` changes: every share, bonded or unbonding, loses the
/// same fraction, and no share count or reward index moves, so stakers keep
/// their pending rewards and later stakers buy in at the slashed rate.
pub fn slash(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    amount: Uint128,
    recipient: String,
    msg: Option<Binary>,
) -> ContractResult<Response> {
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    if !params.slashers.contains(&info.sender) && !cw_ownable::is_owner(deps.storage, &info.sender)?
    {
        return Err(ContractError::NotSlasher {
            sender: info.sender.into_string(),
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "slash" });
    }
    let recipient = deps.api.addr_validate(&recipient)?;
    let mut state = STATE.load(deps.storage)?;
    if state.pause.slashing {
        return Err(ContractError::Paused {
            operation: "slashing",
        });
    }
    let cap = state.slash_capacity(&params)?;
    if amount > cap {
        return Err(ContractError::SlashAboveCap {
            requested: amount,
            cap,
        });
    }
    state.total_tokens = state.total_tokens.checked_sub(amount)?;
    // a loss deep enough opens a new share epoch
    let rolled = roll_after_loss(deps.storage, &mut state, env.block.time.seconds())?;
    STATE.save(deps.storage, &state)?;

    let transfer = match msg {
        Some(msg) => Cw20Call::Send {
            contract: recipient.to_string(),
            amount,
            msg,
        },
        None => Cw20Call::Transfer {
            recipient: recipient.to_string(),
            amount,
        },
    };
    Ok(Response::new()
        .add_attribute("action", "slash")
        .add_message(calls::execute(
            staking_token(deps.storage, deps.api)?,
            &transfer,
        )?)
        .add_events(rolled)
        .add_event(SlashEvent {
            slasher: info.sender.into_string(),
            recipient: recipient.into_string(),
            amount,
            total_tokens: state.total_tokens,
        })
        .set_data(to_json_binary(&SlashResponse {
            slashed: amount,
            total_tokens: state.total_tokens,
        })?))
}

/// Restores `amount` staked tokens, sent by a slasher (the socializer
/// repaying stakers from a recovery), to the pool: only `total_tokens`
/// grows, so every share, bonded or unbonding, gains pro rata, the reverse
/// of a slash.
pub fn restore(
    deps: DepsMut,
    env: &Env,
    sender: cosmwasm_std::Addr,
    amount: Uint128,
) -> ContractResult<Response> {
    let mut params = PARAMS.load(deps.storage)?;
    params.mature(env.block.time.seconds());
    if !params.slashers.contains(&sender) {
        return Err(ContractError::NotSlasher {
            sender: sender.into_string(),
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "restore" });
    }
    let mut state = STATE.load(deps.storage)?;
    if state.total_shares.is_zero() {
        return Err(ContractError::NothingToRestore { amount });
    }
    state.total_tokens = state.total_tokens.checked_add(amount)?;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "restore")
        .add_event(RestoreEvent {
            sender: sender.into_string(),
            amount,
            total_tokens: state.total_tokens,
        }))
}

/// The staking token (the fund vault) opened a share epoch: every token
/// the pool books is now `10^divisor_exp` old ones, so `total_tokens`
/// divides by that, rounded down, as the vault divides the pool's own
/// balance (the vault's floor of the pool's balance is never below this
/// floor of the pool's total). O(1): shares, stakers and reward indices
/// stay; the pool then opens its own share epoch if it holds too many
/// shares per token.
pub fn token_epoch(
    deps: DepsMut,
    env: &Env,
    info: MessageInfo,
    epoch: u64,
    divisor_exp: u32,
) -> ContractResult<Response> {
    let token = staking_token(deps.storage, deps.api)?;
    if info.sender != token {
        return Err(ContractError::WrongToken {
            expected: token.into_string(),
            got: info.sender.into_string(),
        });
    }
    let mut state = STATE.load(deps.storage)?;
    state.total_tokens = rescale(state.total_tokens, divisor_exp);
    let rolled = roll_after_loss(deps.storage, &mut state, env.block.time.seconds())?;
    STATE.save(deps.storage, &state)?;
    Ok(Response::new()
        .add_attribute("action", "token_epoch")
        .add_event(TokenEpochEvent {
            epoch,
            divisor_exp,
            total_tokens: state.total_tokens,
        })
        .add_events(rolled))
}
