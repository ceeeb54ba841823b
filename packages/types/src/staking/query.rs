//! The staking contract's queries and their responses.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Decimal256, Uint128};

use super::PauseFlags;
// Named only by the `QueryResponses` derive, which is not compiled for wasm.
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use super::Params;
use crate::asset::AssetInfo;

/// Queries.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The staking token and the reward assets.
    #[returns(ConfigResponse)]
    Config {},
    /// Governance parameters.
    #[returns(Params)]
    Params {},
    /// Pool totals and pause switches.
    #[returns(TotalsResponse)]
    Totals {},
    /// One staker: stake, pending rewards, unbondings.
    #[returns(StakerResponse)]
    Staker {
        /// The staker.
        address: String,
    },
    /// Stakers with bonded shares or unpaid rewards, by address. An address
    /// with only unbonding entries is listed by `Unbondings`.
    #[returns(StakersResponse)]
    Stakers {
        /// Return addresses after this one.
        start_after: Option<String>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// One staker's unbonding entries, by id.
    #[returns(UnbondingsResponse)]
    Unbondings {
        /// The staker.
        owner: String,
        /// Return ids after this one.
        start_after: Option<u64>,
        /// At most this many (default 10, max 30).
        limit: Option<u32>,
    },
    /// Every reward asset's index, stream and totals.
    #[returns(RewardAssetsResponse)]
    RewardAssets {},
    /// Current and pending owner (cw-ownable).
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
}

/// Response to [`QueryMsg::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// The staking token.
    pub staking_token: String,
    /// Reward assets, in index order.
    pub reward_assets: Vec<AssetInfo>,
}

/// Response to [`QueryMsg::Totals`].
#[cw_serde]
pub struct TotalsResponse {
    /// Tokens backing all shares.
    pub total_tokens: Uint128,
    /// All shares.
    pub total_shares: Uint128,
    /// Tokens' worth of bonded shares.
    pub bonded_tokens: Uint128,
    /// Tokens' worth of unbonding shares.
    pub unbonding_tokens: Uint128,
    /// What one slash may take now.
    pub slash_capacity: Uint128,
    /// Which operations are paused.
    pub pause: PauseFlags,
}

/// One reward asset's pending amount for a staker.
#[cw_serde]
pub struct PendingReward {
    /// The asset.
    pub asset: AssetInfo,
    /// Claimable now (rounded down).
    pub amount: Uint128,
}

/// One unbonding entry with its value now.
#[cw_serde]
pub struct UnbondingView {
    /// Entry id.
    pub id: u64,
    /// Shares.
    pub shares: Uint128,
    /// Tokens they are worth now (rounded down).
    pub tokens: Uint128,
    /// Release time (seconds).
    pub release_at: u64,
    /// When it lapses unless claimed (seconds); `None` for an entry made
    /// before exit windows, which never lapses.
    #[serde(default)]
    pub expires_at: Option<u64>,
    /// Whether it has lapsed: a claim bonds its shares again.
    #[serde(default)]
    pub lapsed: bool,
}

/// Response to [`QueryMsg::Staker`].
#[cw_serde]
pub struct StakerResponse {
    /// The staker.
    pub address: String,
    /// Bonded shares.
    pub shares: Uint128,
    /// Tokens' worth of bonded shares (rounded down).
    pub staked_tokens: Uint128,
    /// Tokens' worth of unbonding shares (rounded down).
    pub unbonding_tokens: Uint128,
    /// Pending rewards per asset.
    pub pending_rewards: Vec<PendingReward>,
    /// The first unbonding entries (at most 30; see `Unbondings`).
    pub unbondings: Vec<UnbondingView>,
}

/// Response to [`QueryMsg::Stakers`].
#[cw_serde]
pub struct StakersResponse {
    /// Stakers, with their bonded and unbonding tokens.
    pub stakers: Vec<StakerSummary>,
}

/// One line of [`StakersResponse`].
#[cw_serde]
pub struct StakerSummary {
    /// The staker.
    pub address: String,
    /// Tokens' worth of bonded shares.
    pub staked_tokens: Uint128,
    /// Tokens' worth of unbonding shares.
    pub unbonding_tokens: Uint128,
}

/// Response to [`QueryMsg::Unbondings`].
#[cw_serde]
pub struct UnbondingsResponse {
    /// Entries by id.
    pub unbondings: Vec<UnbondingView>,
}

/// One reward asset's distribution state.
#[cw_serde]
pub struct RewardAssetResponse {
    /// The asset.
    pub asset: AssetInfo,
    /// Rewards per share accrued so far.
    pub index: Decimal256,
    /// Stream emission per second now.
    pub rate: Decimal256,
    /// Stream end (seconds).
    pub period_end: u64,
    /// What the stream has yet to emit (rounded down).
    pub undistributed: Uint128,
    /// Funded in total.
    pub funded: Uint128,
    /// Paid out in total.
    pub claimed: Uint128,
}

/// Response to [`QueryMsg::RewardAssets`].
#[cw_serde]
pub struct RewardAssetsResponse {
    /// Assets in index order.
    pub assets: Vec<RewardAssetResponse>,
}
