//! Reward funding and claiming, and the index bookkeeping every call shares.

use backstop_types::asset::{AssetInfo, AssetInfoUnchecked};
use backstop_types::math::{decimal, floor_to_uint, MathError};
use backstop_types::params::check_bounded;
use backstop_types::staking::epochs::{convert_staker, roll_if_due, rollover_due};
use backstop_types::staking::{
    EpochEvent, FundEvent, FundMode, RewardClaimEvent, RewardPool, Staker, StakingState,
    MAX_STREAM_SECONDS,
};
use cosmwasm_std::{Addr, Decimal256, DepsMut, Env, MessageInfo, Response, Storage, Uint128};

use crate::error::{ContractError, ContractResult};
use crate::state::{PARAMS, REWARDS, REWARD_ASSETS, STAKERS, STATE};

/// The reward pool, every asset advanced to `now` over the bonded shares.
/// The caller saves it after changing bonded shares.
pub fn load_rewards(storage: &dyn Storage, now: u64) -> ContractResult<RewardPool> {
    let mut rewards = REWARDS.load(storage)?;
    rewards.update(now)?;
    Ok(rewards)
}

/// Opens the next share epoch if the pool holds more shares per token
/// than the threshold; its event, if one opened. `rewards` must be
/// advanced to now; the caller saves both.
pub fn roll(
    storage: &mut dyn Storage,
    state: &mut StakingState,
    rewards: &mut RewardPool,
) -> ContractResult<Option<EpochEvent>> {
    Ok(roll_if_due(storage, state, rewards)?.map(|r| EpochEvent {
        epoch: r.closed + 1,
        divisor_exp: r.divisor_exp,
        total_shares: state.total_shares,
        total_tokens: state.total_tokens,
    }))
}

/// After an operation that lowered the tokens per share (a slash, or the
/// staking token's own share epoch): opens a share epoch if one is due,
/// advancing and saving the rewards first. The common path reads nothing
/// more. The caller saves `state`.
pub fn roll_after_loss(
    storage: &mut dyn Storage,
    state: &mut StakingState,
    now: u64,
) -> ContractResult<Option<EpochEvent>> {
    if rollover_due(state).is_none() {
        return Ok(None);
    }
    let mut rewards = load_rewards(storage, now)?;
    let rolled = roll(storage, state, &mut rewards)?;
    REWARDS.save(storage, &rewards)?;
    Ok(rolled)
}

/// Saves a staker, or removes the record once it holds no bonded shares and
/// less than one unit of any reward. That dust is not lost: it goes back to
/// each asset's carry, for the stakers of the next increment.
pub fn save_staker(
    storage: &mut dyn Storage,
    addr: &Addr,
    staker: &Staker,
    rewards: &mut RewardPool,
) -> ContractResult<()> {
    let empty =
        staker.shares.is_zero() && staker.rewards.iter().all(|r| r.pending < Decimal256::one());
    if empty {
        for (user, asset) in staker.rewards.iter().zip(rewards.assets.iter_mut()) {
            asset.add_carry(user.pending)?;
        }
        STAKERS.remove(storage, addr);
    } else {
        STAKERS.save(storage, addr, staker)?;
    }
    Ok(())
}

fn position(assets: &[AssetInfo], asset: &AssetInfo) -> ContractResult<usize> {
    assets
        .iter()
        .position(|a| a == asset)
        .ok_or_else(|| ContractError::UnknownRewardAsset {
            asset: asset.to_string(),
        })
}

/// Funds `amount` of `asset`, already received, in `mode`.
pub fn fund(
    deps: DepsMut,
    env: Env,
    funder: Addr,
    asset: AssetInfo,
    amount: Uint128,
    mode: FundMode,
) -> ContractResult<Response> {
    if !PARAMS.load(deps.storage)?.may_fund(&funder) {
        return Err(ContractError::FunderNotAllowed {
            sender: funder.into_string(),
        });
    }
    let pos = position(&REWARD_ASSETS.load(deps.storage)?, &asset)?;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "rewards" });
    }
    let now = env.block.time.seconds();
    let mut rewards = load_rewards(deps.storage, now)?;
    let bonded = rewards.bonded_shares;
    let reward = rewards.assets.get_mut(pos).ok_or(MathError::Overflow {
        what: "reward position",
    })?;
    let mode_name = match mode {
        FundMode::Instant {} => {
            if bonded.is_zero() {
                return Err(ContractError::NothingStaked { amount });
            }
            reward.fund_instant(amount, bonded)?;
            "instant"
        }
        FundMode::Stream { period_seconds } => {
            check_bounded("period_seconds", period_seconds, MAX_STREAM_SECONDS)?;
            reward.fund_stream(amount, period_seconds, now)?;
            "stream"
        }
    };
    let period_end = reward.stream_end.max(now);
    REWARDS.save(deps.storage, &rewards)?;
    Ok(Response::new()
        .add_attribute("action", "fund_rewards")
        .add_event(FundEvent {
            funder: funder.into_string(),
            asset: asset.to_string(),
            amount,
            mode: mode_name.to_string(),
            period_end,
        }))
}

/// Pays the sender's pending rewards, rounded down, in one asset or all.
pub fn claim_rewards(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset: Option<AssetInfoUnchecked>,
) -> ContractResult<Response> {
    let state = STATE.load(deps.storage)?;
    if state.pause.claims {
        return Err(ContractError::Paused {
            operation: "claims",
        });
    }
    let owner = info.sender;
    let assets = REWARD_ASSETS.load(deps.storage)?;
    let positions: Vec<usize> = match asset {
        Some(a) => vec![position(&assets, &a.check(deps.api)?)?],
        None => (0..assets.len()).collect(),
    };
    let no_rewards = || ContractError::NoRewards {
        owner: owner.to_string(),
    };
    let mut staker = STAKERS
        .may_load(deps.storage, &owner)?
        .ok_or_else(no_rewards)?;
    let mut rewards = load_rewards(deps.storage, env.block.time.seconds())?;
    convert_staker(deps.storage, &state, &mut rewards, &mut staker)?;
    staker.settle(&rewards.assets)?;

    let mut response = Response::new().add_attribute("action", "claim_rewards");
    for pos in positions {
        let (Some(user), Some(reward), Some(asset)) = (
            staker.rewards.get_mut(pos),
            rewards.assets.get_mut(pos),
            assets.get(pos),
        ) else {
            continue;
        };
        let pay = floor_to_uint(user.pending)?;
        if pay.is_zero() {
            continue;
        }
        user.pending =
            user.pending
                .checked_sub(decimal(pay)?)
                .map_err(|_| MathError::Overflow {
                    what: "pending rewards",
                })?;
        reward.claimed = reward.claimed.checked_add(pay)?;
        response = response
            .add_message(asset.transfer_msg(&owner, pay)?)
            .add_event(RewardClaimEvent {
                staker: owner.to_string(),
                asset: asset.to_string(),
                amount: pay,
            });
    }
    if response.messages.is_empty() {
        return Err(no_rewards());
    }
    save_staker(deps.storage, &owner, &staker, &mut rewards)?;
    REWARDS.save(deps.storage, &rewards)?;
    Ok(response)
}
