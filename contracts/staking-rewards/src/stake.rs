//! Staking through the cw20 hook.

use backstop_types::asset::AssetInfo;
use backstop_types::math::shares_for_stake;
use backstop_types::staking::epochs::convert_staker;
use backstop_types::staking::{ReceiveMsg, StakeEvent};
use cosmwasm_std::{from_json, Addr, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ReceiveMsg;

use crate::error::{ContractError, ContractResult};
use crate::rewards::{fund, load_rewards, roll};
use crate::state::{staking_token, REWARDS, STAKERS, STATE};

/// Cw20 hook: `Stake` accepts only the staking token; `FundRewards` only a
/// registered cw20 reward asset.
pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> ContractResult<Response> {
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Stake {} => {
            let token = staking_token(deps.storage, deps.api)?;
            if info.sender != token {
                return Err(ContractError::WrongToken {
                    expected: token.into_string(),
                    got: info.sender.into_string(),
                });
            }
            stake(deps, env, sender, wrapper.amount)
        }
        ReceiveMsg::Restore {} => {
            let token = staking_token(deps.storage, deps.api)?;
            if info.sender != token {
                return Err(ContractError::WrongToken {
                    expected: token.into_string(),
                    got: info.sender.into_string(),
                });
            }
            crate::slash::restore(deps, &env, sender, wrapper.amount)
        }
        ReceiveMsg::FundRewards { mode } => fund(
            deps,
            env,
            sender,
            AssetInfo::Cw20 {
                address: info.sender,
            },
            wrapper.amount,
            mode,
        ),
    }
}

/// Mints stake shares for `amount` tokens already received, rounding down.
fn stake(deps: DepsMut, env: Env, staker_addr: Addr, amount: Uint128) -> ContractResult<Response> {
    let mut state = STATE.load(deps.storage)?;
    if state.pause.stakes {
        return Err(ContractError::Paused {
            operation: "stakes",
        });
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "stake" });
    }
    let mut rewards = load_rewards(deps.storage, env.block.time.seconds())?;
    // a pool left deeper than the threshold (by an older release) rolls
    // over before anyone buys in
    let rolled = roll(deps.storage, &mut state, &mut rewards)?;
    let shares = shares_for_stake(amount, state.total_tokens, state.total_shares)?;
    if shares.is_zero() {
        return Err(ContractError::ZeroShares { amount });
    }
    let mut staker = STAKERS
        .may_load(deps.storage, &staker_addr)?
        .unwrap_or_default();
    convert_staker(deps.storage, &state, &mut rewards, &mut staker)?;
    staker.settle(&rewards.assets)?;
    staker.shares = staker.shares.checked_add(shares)?;
    rewards.bonded_shares = rewards.bonded_shares.checked_add(shares)?;
    state.total_tokens = state.total_tokens.checked_add(amount)?;
    state.total_shares = state.total_shares.checked_add(shares)?;

    STAKERS.save(deps.storage, &staker_addr, &staker)?;
    STATE.save(deps.storage, &state)?;
    REWARDS.save(deps.storage, &rewards)?;
    Ok(Response::new()
        .add_attribute("action", "stake")
        .add_events(rolled)
        .add_event(StakeEvent {
            staker: staker_addr.into_string(),
            amount,
            shares,
            total_tokens: state.total_tokens,
        }))
}
