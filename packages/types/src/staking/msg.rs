//! The staking contract's instantiate, execute, receive, governance and
//! migrate messages, and the data execution responses carry.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Binary, Uint128};
use cw20::Cw20ReceiveMsg;

use super::{ParamsMsg, ParamsUpdate, PauseUpdate};
use crate::asset::AssetInfoUnchecked;

#[cfg(doc)]
use super::MAX_REWARD_ASSETS;

/// Instantiates the staking contract.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    /// The owner: meant to be the chain's gov module address.
    pub owner: String,
    /// The cw20 token to stake.
    pub staking_token: String,
    /// Initial parameters.
    pub params: ParamsMsg,
    /// Reward assets distributed from the start.
    #[serde(default)]
    pub reward_assets: Vec<AssetInfoUnchecked>,
}

/// How funded rewards are distributed.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum FundMode {
    /// Pro rata to current stakers at once. Refused while nothing is staked.
    Instant {},
    /// Linearly over `period_seconds`, merged with what the current stream
    /// has left.
    Stream {
        /// Stream length in seconds.
        period_seconds: u64,
    },
}

/// Execute messages.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ExecuteMsg {
    /// Cw20 hook: `Stake` (staking token) or `FundRewards` (a cw20 reward
    /// asset), see [`ReceiveMsg`].
    Receive(Cw20ReceiveMsg),
    /// Funds rewards in the native asset sent (a registered reward asset).
    FundRewards {
        /// Instant or streamed.
        mode: FundMode,
    },
    /// Starts unbonding `amount` tokens' worth of bonded shares.
    Unstake {
        /// Tokens to unbond.
        amount: Uint128,
    },
    /// Pays out matured unbondings: one entry, or all matured ones. An
    /// entry past its exit window is not paid: it lapses, and its shares
    /// bond again.
    Claim {
        /// The entry; every matured entry when omitted.
        id: Option<u64>,
    },
    /// Pays pending rewards: in one asset, or in all.
    ClaimRewards {
        /// The asset; every asset when omitted.
        asset: Option<AssetInfoUnchecked>,
    },
    /// Slashers and the owner: takes `amount` staked tokens pro rata from
    /// every share, bonded and unbonding, and sends them to `recipient`.
    Slash {
        /// Tokens to take; at most `max_slash_ratio` of the total.
        amount: Uint128,
        /// Who receives them.
        recipient: String,
        /// When set, the tokens go by cw20 `Send` carrying this message;
        /// otherwise by `Transfer`.
        msg: Option<Binary>,
    },
    /// The staking token only (the fund vault, when its shares are
    /// staked): a new share epoch of the token opened, so every token this
    /// pool books is now `10^divisor_exp` old ones; `total_tokens` divides
    /// by that, rounded down (see `fund_vault::epochs`).
    ShareEpochOpened {
        /// The token's new epoch.
        epoch: u64,
        /// The divisor's exponent.
        divisor_exp: u32,
    },
    /// Owner or guardian: pauses or resumes operations; the guardian can
    /// only pause.
    SetPause(PauseUpdate),
    /// Owner only: governance actions, the same as `sudo`.
    Owner(GovMsg),
    /// Two-step ownership transfer (cw-ownable).
    UpdateOwnership(cw_ownable::Action),
}

/// Messages carried by a cw20 `Send` to the staking contract.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ReceiveMsg {
    /// Stakes the tokens sent (staking token only).
    Stake {},
    /// A slasher only (the socializer repaying stakers from a recovery):
    /// restores the staking tokens sent to the pool, raising every share.
    Restore {},
    /// Funds rewards in the tokens sent (a registered cw20 reward asset).
    FundRewards {
        /// Instant or streamed.
        mode: FundMode,
    },
}

/// Governance actions, sent by the owner through [`ExecuteMsg::Owner`] or by
/// the chain through `sudo`.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum GovMsg {
    /// Changes parameters; fields left out keep their value. A change that
    /// can raise anyone's share of a loss is queued (see
    /// [`super::timelock`]); the rest apply at once.
    UpdateParams(ParamsUpdate),
    /// Cancels the queued parameter change.
    CancelPending {},
    /// Adds a reward asset (at most [`MAX_REWARD_ASSETS`]).
    AddRewardAsset {
        /// The asset.
        asset: AssetInfoUnchecked,
    },
    /// Sets or clears the guardian.
    SetGuardian {
        /// The new guardian; none when omitted.
        address: Option<String>,
    },
    /// Pauses or resumes operations.
    SetPause(PauseUpdate),
}

/// Migration message.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}

/// Response data of `Slash`.
#[cw_serde]
pub struct SlashResponse {
    /// Tokens taken.
    pub slashed: Uint128,
    /// Tokens left in the pool.
    pub total_tokens: Uint128,
}

/// Response data of `Unstake`.
#[cw_serde]
pub struct UnstakeResponse {
    /// The new entry's id.
    pub id: u64,
    /// Its release time (seconds).
    pub release_at: u64,
    /// When it lapses unless claimed (seconds): its shares then bond again.
    #[serde(default = "never")]
    pub expires_at: u64,
}

fn never() -> u64 {
    u64::MAX
}
