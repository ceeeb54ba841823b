//! The staking and rewards distributor's interface: messages, responses,
//! events, and the storage layout other contracts may read with raw queries.
//!
//! # Raw-query interface
//!
//! | constant | key | value |
//! |---|---|---|
//! | [`STAKING_TOKEN`] | `token` | [`Addr`]: the cw20 token staked |
//! | [`PARAMS`] | `params` | [`Params`] |
//! | [`STATE`] | `s` | [`StakingState`]: `[total_tokens, total_shares, pause?]` |
//!
//! [`StakingState::slash_capacity`] computes from these what one slash may
//! take, exactly as the contract does. The stored types use one-letter JSON
//! field names, and the pool totals a JSON array (see each type);
//! deserialize them with these types.
//!
//! # Accounting
//! Bonded and unbonding stake are both *shares* of one pool of
//! `total_tokens`. A slash lowers `total_tokens` only, so it cuts every
//! share, bonded or unbonding, pro rata in O(1). Rewards accrue per
//! *bonded* share through one index per reward asset: unbonding shares stay
//! slashable but stop earning at `Unstake`, as unbonding delegations do in
//! the Cosmos SDK. A claim of matured unbondings therefore touches neither
//! the reward state nor the staker's record.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Api, Binary, Decimal, Decimal256, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_storage_plus::Item;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use crate::asset::{AssetInfo, AssetInfoUnchecked};
use crate::math::{
    accrued, decimal, div_int, index_increment, mul_fraction, mul_int, MathError, MathResult,
    Rounding,
};
use crate::params::{
    check_addr, check_addr_list, check_bounded, check_fraction, check_positive, ParamError,
};
use crate::typed_event;

/// Longest unbonding period accepted (one year).
pub const MAX_UNBONDING_SECONDS: u64 = 365 * 24 * 3600;
/// Largest `max_open_unbondings` accepted.
pub const MAX_OPEN_UNBONDINGS_LIMIT: u32 = 50;
/// Most reward assets one contract distributes.
pub const MAX_REWARD_ASSETS: usize = 10;
/// Most slashers, and most restricted reward funders.
pub const MAX_ADDRESS_LIST: usize = 20;
/// Longest reward stream accepted (five years).
pub const MAX_STREAM_SECONDS: u64 = 5 * 365 * 24 * 3600;

// ---------------------------------------------------------------------------
// Storage layout (raw-query interface)
// ---------------------------------------------------------------------------

/// The cw20 token staked (usually the fund vault's shares), key `token`.
/// Immutable. Stored as the bare address: a claim reads it for its transfer.
pub const STAKING_TOKEN: Item<Addr> = Item::new("token");
/// Governance parameters, key `params`.
pub const PARAMS: Item<Params> = Item::new("params");
/// Pool totals and pause switches, key `s`: one letter, because every
/// stake, unstake, claim and slash writes it (30 gas per byte of key too).
pub const STATE: Item<StakingState> = Item::new("s");

/// Governance parameters.
#[cw_serde]
pub struct Params {
    /// Seconds from `Unstake` to release; fixed per request.
    pub unbonding_seconds: u64,
    /// Largest fraction of `total_tokens` one slash may take; below one, so
    /// a slash always leaves tokens behind.
    pub max_slash_ratio: Decimal,
    /// Open unbonding entries one address may hold.
    pub max_open_unbondings: u32,
    /// Addresses allowed to slash, besides the owner.
    pub slashers: Vec<Addr>,
    /// Who may fund rewards: anyone when `None`.
    pub reward_funders: Option<Vec<Addr>>,
    /// An address that may pause (but not resume).
    pub guardian: Option<Addr>,
}

/// Operations that pause separately.
#[cw_serde]
#[derive(Default, Copy)]
pub struct PauseFlags {
    /// New stakes.
    pub stakes: bool,
    /// `Unstake`.
    pub unbonding: bool,
    /// `Claim` of matured unbondings and `ClaimRewards`.
    pub claims: bool,
}

/// The share pool and pause switches: exactly what a claim of matured
/// unbondings reads and writes, so it stays small. Every byte written costs
/// 30 gas, so it is stored as a JSON array, not an object:
/// `[total_tokens, total_shares]`, with the [`PauseFlags`] object as a third
/// element only while something is paused. For example
/// `["5000000","4990000"]`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StakingState {
    /// Tokens backing every share, bonded and unbonding.
    pub total_tokens: Uint128,
    /// Every share, bonded and unbonding.
    pub total_shares: Uint128,
    /// Which operations are paused.
    pub pause: PauseFlags,
}

impl Serialize for StakingState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let paused = !self.pause.is_clear();
        let mut seq = serializer.serialize_seq(Some(if paused { 3 } else { 2 }))?;
        seq.serialize_element(&self.total_tokens)?;
        seq.serialize_element(&self.total_shares)?;
        if paused {
            seq.serialize_element(&self.pause)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for StakingState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArrayVisitor;
        impl<'de> Visitor<'de> for ArrayVisitor {
            type Value = StakingState;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("[total_tokens, total_shares, pause?]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StakingState, A::Error> {
                let total_tokens = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let total_shares = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let pause = seq.next_element()?.unwrap_or_default();
                Ok(StakingState {
                    total_tokens,
                    total_shares,
                    pause,
                })
            }
        }
        deserializer.deserialize_seq(ArrayVisitor)
    }
}

impl StakingState {
    /// The most one slash may take now: `⌊total_tokens × max_slash_ratio⌋`.
    pub fn slash_capacity(&self, params: &Params) -> MathResult<Uint128> {
        mul_fraction(self.total_tokens, params.max_slash_ratio, Rounding::Down)
    }
}

/// Reward distribution: the shares that earn and every reward asset's
/// state, read and written together by every call that changes bonded
/// shares (stake, unstake) or pays rewards. Stored with one-letter field
/// names (`b`, `n`, `a`).
#[cw_serde]
#[derive(Default)]
pub struct RewardPool {
    /// Bonded shares: the pool's shares outside unbonding entries, over
    /// which rewards are shared. `total_shares - bonded_shares` are
    /// unbonding.
    #[serde(rename = "b")]
    pub bonded_shares: Uint128,
    /// The id the next unbonding entry gets (an unstake writes this item
    /// anyway).
    #[serde(rename = "n", default)]
    pub next_unbonding_id: u64,
    /// Each reward asset's state, aligned with the asset list; at most
    /// [`MAX_REWARD_ASSETS`].
    #[serde(rename = "a")]
    pub assets: Vec<RewardState>,
}

impl RewardPool {
    /// Advances every asset's index to `now` over the bonded shares.
    pub fn update(&mut self, now: u64) -> MathResult<()> {
        for r in &mut self.assets {
            r.update(now, self.bonded_shares)?;
        }
        Ok(())
    }

    /// Shares inside unbonding entries, given the pool's `total_shares`.
    pub fn unbonding_shares(&self, total_shares: Uint128) -> MathResult<Uint128> {
        total_shares
            .checked_sub(self.bonded_shares)
            .map_err(|_| MathError::Overflow {
                what: "unbonding shares",
            })
    }
}

/// The distribution state of one reward asset. Stored for all assets in one
/// bounded item (at most [`MAX_REWARD_ASSETS`]), read and written once per
/// call, with one-letter field names (`i`, `r`, `e`, `u`, `f`, `c`).
#[cw_serde]
pub struct RewardState {
    /// Rewards per share accrued since the asset was added.
    #[serde(rename = "i")]
    pub index: Decimal256,
    /// Stream emission per second.
    #[serde(rename = "r")]
    pub rate: Decimal256,
    /// When the stream ends (seconds).
    #[serde(rename = "e")]
    pub stream_end: u64,
    /// When the index was last advanced (seconds).
    #[serde(rename = "u")]
    pub last_update: u64,
    /// Everything funded in this asset.
    #[serde(rename = "f")]
    pub funded: Uint128,
    /// Everything paid out in this asset.
    #[serde(rename = "c")]
    pub claimed: Uint128,
}

impl RewardState {
    /// A new asset with nothing funded.
    pub fn new(now: u64) -> Self {
        Self {
            index: Decimal256::zero(),
            rate: Decimal256::zero(),
            stream_end: now,
            last_update: now,
            funded: Uint128::zero(),
            claimed: Uint128::zero(),
        }
    }

    /// Advances the index to `now`. While nothing is staked the stream
    /// pauses: its end moves out by the idle time, so nothing is lost.
    pub fn update(&mut self, now: u64, total_shares: Uint128) -> MathResult<()> {
        if total_shares.is_zero() {
            // a stream still running pauses: its remaining time is kept
            if self.stream_end > self.last_update {
                let idle = now.saturating_sub(self.last_update);
                self.stream_end = self.stream_end.saturating_add(idle);
            }
        } else {
            let until = now.min(self.stream_end);
            if until > self.last_update {
                let emitted = mul_int(self.rate, until - self.last_update, "stream emission")?;
                self.index = self
                    .index
                    .checked_add(index_increment(emitted, total_shares)?)
                    .map_err(|_| MathError::Overflow {
                        what: "reward index",
                    })?;
            }
        }
        self.last_update = self.last_update.max(now);
        Ok(())
    }

    /// What the stream has yet to emit at `now`.
    pub fn stream_remaining(&self, now: u64) -> MathResult<Decimal256> {
        mul_int(
            self.rate,
            self.stream_end.saturating_sub(now),
            "stream remaining",
        )
    }

    /// Distributes `amount` at once over `total_shares` (must be non-zero).
    /// Call [`RewardState::update`] first.
    pub fn fund_instant(&mut self, amount: Uint128, total_shares: Uint128) -> MathResult<()> {
        self.index = self
            .index
            .checked_add(index_increment(decimal(amount)?, total_shares)?)
            .map_err(|_| MathError::Overflow {
                what: "reward index",
            })?;
        self.add_funded(amount)
    }

    /// Streams `amount`, together with what the current stream has left,
    /// linearly over `period` seconds from `now`. Call
    /// [`RewardState::update`] first.
    pub fn fund_stream(&mut self, amount: Uint128, period: u64, now: u64) -> MathResult<()> {
        let total = self
            .stream_remaining(now)?
            .checked_add(decimal(amount)?)
            .map_err(|_| MathError::Overflow {
                what: "stream total",
            })?;
        self.rate = div_int(total, period, "stream period")?;
        self.stream_end = now.saturating_add(period);
        self.add_funded(amount)
    }

    fn add_funded(&mut self, amount: Uint128) -> MathResult<()> {
        self.funded = self
            .funded
            .checked_add(amount)
            .map_err(|_| MathError::Overflow {
                what: "funded total",
            })?;
        Ok(())
    }
}

/// A staker's bonded position. One record per staker holds the bonded
/// shares and every reward asset's checkpoint, so a user call reads and
/// writes it once. Unbonding entries live apart, so claiming them does not
/// touch this record. Stored with one-letter field names (`s`, `r`); zero
/// fields are left out.
#[cw_serde]
#[derive(Default)]
pub struct Staker {
    /// Bonded shares: the ones that earn.
    #[serde(rename = "s", default, skip_serializing_if = "Uint128::is_zero")]
    pub shares: Uint128,
    /// Reward checkpoints, by reward-asset position. Shorter than the asset
    /// list when assets were added later; missing entries start at zero.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub rewards: Vec<UserReward>,
}

fn is_zero_decimal(v: &Decimal256) -> bool {
    v.is_zero()
}

/// A staker's checkpoint in one reward asset (`i`, `p`; zeros left out).
#[cw_serde]
#[derive(Default)]
pub struct UserReward {
    /// The asset's index when last settled.
    #[serde(rename = "i", default, skip_serializing_if = "is_zero_decimal")]
    pub index: Decimal256,
    /// Accrued, unpaid rewards, with their fraction: paid rounded down.
    #[serde(rename = "p", default, skip_serializing_if = "is_zero_decimal")]
    pub pending: Decimal256,
}

impl Staker {
    /// Brings every reward checkpoint up to the assets' current indexes.
    /// Call before the staker's bonded shares change.
    pub fn settle(&mut self, rewards: &[RewardState]) -> MathResult<()> {
        let earning = self.shares;
        if self.rewards.len() < rewards.len() {
            self.rewards.resize(rewards.len(), UserReward::default());
        }
        for (user, asset) in self.rewards.iter_mut().zip(rewards) {
            let delta = asset
                .index
                .checked_sub(user.index)
                .map_err(|_| MathError::Overflow {
                    what: "index delta",
                })?;
            user.pending = user
                .pending
                .checked_add(accrued(earning, delta)?)
                .map_err(|_| MathError::Overflow {
                    what: "pending rewards",
                })?;
            user.index = asset.index;
        }
        Ok(())
    }
}

/// An open unbonding entry, keyed by (owner, id). Stored as the JSON array
/// `[shares, release_at]`, e.g. `["2000000",1700000000]`: `Unstake` writes
/// it and `Claim` reads it, and an array is 8 bytes shorter than an object.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(from = "(Uint128, u64)", into = "(Uint128, u64)")]
pub struct Unbonding {
    /// Shares leaving: slashable until claimed, no longer earning.
    pub shares: Uint128,
    /// Block time (seconds) from which it can be claimed.
    pub release_at: u64,
}

impl From<(Uint128, u64)> for Unbonding {
    fn from((shares, release_at): (Uint128, u64)) -> Self {
        Self { shares, release_at }
    }
}

impl From<Unbonding> for (Uint128, u64) {
    fn from(u: Unbonding) -> Self {
        (u.shares, u.release_at)
    }
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/// Instantiates the staking contract.
#[cw_serde]
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

/// The full parameter set, as sent at instantiation.
#[cw_serde]
pub struct ParamsMsg {
    /// See [`Params::unbonding_seconds`].
    pub unbonding_seconds: u64,
    /// See [`Params::max_slash_ratio`].
    pub max_slash_ratio: Decimal,
    /// See [`Params::max_open_unbondings`].
    pub max_open_unbondings: u32,
    /// See [`Params::slashers`].
    pub slashers: Vec<String>,
    /// See [`Params::reward_funders`].
    pub reward_funders: Option<Vec<String>>,
    /// See [`Params::guardian`].
    pub guardian: Option<String>,
}

/// Who may fund rewards.
#[cw_serde]
pub enum FundersUpdate {
    /// Anyone.
    Anyone {},
    /// Only these addresses.
    Only {
        /// The funders.
        addresses: Vec<String>,
    },
}

/// A partial parameter update; fields left `None` keep their value.
#[cw_serde]
#[derive(Default)]
pub struct ParamsUpdate {
    /// New unbonding period; applies to requests made from now on.
    pub unbonding_seconds: Option<u64>,
    /// New slash cap per event.
    pub max_slash_ratio: Option<Decimal>,
    /// New bound on open unbondings per address.
    pub max_open_unbondings: Option<u32>,
    /// New slasher list (replaces the old one).
    pub slashers: Option<Vec<String>>,
    /// New funder restriction.
    pub reward_funders: Option<FundersUpdate>,
}

/// Pause switches to flip; fields left `None` keep their value.
#[cw_serde]
#[derive(Default)]
pub struct PauseUpdate {
    /// Pause or resume stakes.
    pub stakes: Option<bool>,
    /// Pause or resume unstaking.
    pub unbonding: Option<bool>,
    /// Pause or resume claims.
    pub claims: Option<bool>,
}

impl PauseFlags {
    /// Whether nothing is paused (then the flags are not even stored).
    pub fn is_clear(&self) -> bool {
        !(self.stakes || self.unbonding || self.claims)
    }

    /// The flags after `update`.
    pub fn apply(self, update: &PauseUpdate) -> PauseFlags {
        PauseFlags {
            stakes: update.stakes.unwrap_or(self.stakes),
            unbonding: update.unbonding.unwrap_or(self.unbonding),
            claims: update.claims.unwrap_or(self.claims),
        }
    }
}

impl ParamsMsg {
    /// Validates into the stored form.
    pub fn check(self, api: &dyn Api) -> Result<Params, ParamError> {
        let params = Params {
            unbonding_seconds: self.unbonding_seconds,
            max_slash_ratio: self.max_slash_ratio,
            max_open_unbondings: self.max_open_unbondings,
            slashers: check_addr_list(api, "slashers", &self.slashers, MAX_ADDRESS_LIST)?,
            reward_funders: self
                .reward_funders
                .map(|f| check_addr_list(api, "reward_funders", &f, MAX_ADDRESS_LIST))
                .transpose()?,
            guardian: self
                .guardian
                .map(|g| check_addr(api, "guardian", &g))
                .transpose()?,
        };
        params.validate()?;
        Ok(params)
    }
}

impl Params {
    /// Checks every invariant: the unbonding period and entry bound positive
    /// and bounded, the slash ratio in (0, 1).
    pub fn validate(&self) -> Result<(), ParamError> {
        check_bounded(
            "unbonding_seconds",
            self.unbonding_seconds,
            MAX_UNBONDING_SECONDS,
        )?;
        check_bounded(
            "max_open_unbondings",
            self.max_open_unbondings.into(),
            MAX_OPEN_UNBONDINGS_LIMIT.into(),
        )?;
        check_positive("max_slash_ratio", self.max_slash_ratio)?;
        check_fraction("max_slash_ratio", self.max_slash_ratio)?;
        if self.max_slash_ratio == Decimal::one() {
            return Err(ParamError::InvalidText {
                name: "max_slash_ratio",
                reason: "must be below 1 so that a slash leaves stake behind",
            });
        }
        Ok(())
    }

    /// Applies a partial update and validates the result.
    pub fn apply(&self, api: &dyn Api, update: ParamsUpdate) -> Result<Params, ParamError> {
        let mut next = self.clone();
        if let Some(v) = update.unbonding_seconds {
            next.unbonding_seconds = v;
        }
        if let Some(v) = update.max_slash_ratio {
            next.max_slash_ratio = v;
        }
        if let Some(v) = update.max_open_unbondings {
            next.max_open_unbondings = v;
        }
        if let Some(v) = update.slashers {
            next.slashers = check_addr_list(api, "slashers", &v, MAX_ADDRESS_LIST)?;
        }
        match update.reward_funders {
            Some(FundersUpdate::Anyone {}) => next.reward_funders = None,
            Some(FundersUpdate::Only { addresses }) => {
                next.reward_funders = Some(check_addr_list(
                    api,
                    "reward_funders",
                    &addresses,
                    MAX_ADDRESS_LIST,
                )?)
            }
            None => {}
        }
        next.validate()?;
        Ok(next)
    }

    /// Whether `addr` may fund rewards.
    pub fn may_fund(&self, addr: &Addr) -> bool {
        self.reward_funders
            .as_ref()
            .map_or(true, |f| f.contains(addr))
    }
}

/// How funded rewards are distributed.
#[cw_serde]
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
    /// Pays out matured unbondings: one entry, or all matured ones.
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
pub enum ReceiveMsg {
    /// Stakes the tokens sent (staking token only).
    Stake {},
    /// Funds rewards in the tokens sent (a registered cw20 reward asset).
    FundRewards {
        /// Instant or streamed.
        mode: FundMode,
    },
}

/// Governance actions, sent by the owner through [`ExecuteMsg::Owner`] or by
/// the chain through `sudo`.
#[cw_serde]
pub enum GovMsg {
    /// Changes parameters; fields left out keep their value.
    UpdateParams(ParamsUpdate),
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
}

/// Queries.
#[cw_serde]
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

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

typed_event! {
    /// Tokens staked.
    StakeEvent = "backstop-staking-stake" {
        /// The staker.
        staker: String,
        /// Tokens staked.
        amount: Uint128,
        /// Shares minted.
        shares: Uint128,
        /// Pool tokens after.
        total_tokens: Uint128,
    }
}

typed_event! {
    /// Unbonding started.
    UnstakeEvent = "backstop-staking-unstake" {
        /// The staker.
        staker: String,
        /// Entry id.
        id: u64,
        /// Tokens requested.
        amount: Uint128,
        /// Shares moved to unbonding.
        shares: Uint128,
        /// Release time (seconds).
        release_at: u64,
    }
}

typed_event! {
    /// Matured unbondings paid out.
    ClaimEvent = "backstop-staking-claim" {
        /// The staker.
        staker: String,
        /// Entries paid.
        entries: u32,
        /// Tokens paid.
        amount: Uint128,
    }
}

typed_event! {
    /// Rewards paid in one asset.
    RewardClaimEvent = "backstop-staking-reward-claim" {
        /// The staker.
        staker: String,
        /// The asset.
        asset: String,
        /// Amount paid.
        amount: Uint128,
    }
}

typed_event! {
    /// Rewards funded.
    FundEvent = "backstop-staking-fund" {
        /// Who funded.
        funder: String,
        /// The asset.
        asset: String,
        /// Amount funded.
        amount: Uint128,
        /// `instant` or `stream`.
        mode: String,
        /// Stream end after funding (seconds; now for instant).
        period_end: u64,
    }
}

typed_event! {
    /// Stake slashed.
    SlashEvent = "backstop-staking-slash" {
        /// Who slashed.
        slasher: String,
        /// Who received the tokens.
        recipient: String,
        /// Tokens taken.
        amount: Uint128,
        /// Pool tokens after.
        total_tokens: Uint128,
    }
}

typed_event! {
    /// Parameters changed.
    ParamsUpdatedEvent = "backstop-staking-params" {
        /// Unbonding period (seconds).
        unbonding_seconds: u64,
        /// Slash cap per event.
        max_slash_ratio: Decimal,
        /// Open unbondings per address.
        max_open_unbondings: u32,
        /// Number of slashers.
        slashers: u32,
        /// Whether funding is restricted.
        funders_restricted: bool,
    }
}

typed_event! {
    /// A reward asset added.
    RewardAssetAddedEvent = "backstop-staking-reward-asset" {
        /// The asset.
        asset: String,
        /// Its position in the index list.
        position: u32,
    }
}

typed_event! {
    /// The guardian changed; empty when cleared.
    GuardianSetEvent = "backstop-staking-guardian" {
        /// The guardian, or empty.
        guardian: String,
    }
}

typed_event! {
    /// Pause switches changed.
    PauseEvent = "backstop-staking-pause" {
        /// Who changed them.
        sender: String,
        /// Stakes paused.
        stakes: bool,
        /// Unstaking paused.
        unbonding: bool,
        /// Claims paused.
        claims: bool,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::floor_to_uint;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn pool_totals_are_stored_as_a_json_array_with_pauses_only_when_set() {
        let mut state = StakingState {
            total_tokens: Uint128::new(5_000_000),
            total_shares: Uint128::new(4_990_000),
            pause: PauseFlags::default(),
        };
        let json = to_json_string(&state).unwrap();
        assert_eq!(json, r#"["5000000","4990000"]"#);
        assert_eq!(from_json::<StakingState>(&json).unwrap(), state);

        state.pause.claims = true;
        let json = to_json_string(&state).unwrap();
        assert_eq!(
            json,
            r#"["5000000","4990000",{"stakes":false,"unbonding":false,"claims":true}]"#
        );
        assert_eq!(from_json::<StakingState>(&json).unwrap(), state);

        for bad in [r#"["5000000"]"#, r#"{"t":"1","s":"1"}"#, r#"[1,2]"#] {
            assert!(from_json::<StakingState>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unbonding_entries_are_stored_as_a_json_array() {
        let entry = Unbonding {
            shares: Uint128::new(2_000_000),
            release_at: 1_700_000_000,
        };
        let json = to_json_string(&entry).unwrap();
        assert_eq!(json, r#"["2000000",1700000000]"#);
        assert_eq!(from_json::<Unbonding>(&json).unwrap(), entry);
        assert!(from_json::<Unbonding>(r#"{"s":"1","r":1}"#).is_err());
    }

    #[test]
    fn a_stream_emits_linearly_and_pauses_while_nothing_is_staked() {
        let mut r = RewardState::new(0);
        r.fund_stream(Uint128::new(1_000), 100, 0).unwrap();
        r.update(50, Uint128::zero()).unwrap(); // nobody staked for 50 s
        assert_eq!(r.stream_end, 150);
        r.update(100, Uint128::new(10)).unwrap(); // 50 s at 10/s over 10 shares
        assert_eq!(r.index, Decimal256::from_atomics(50u128, 0).unwrap());
        assert_eq!(
            floor_to_uint(r.stream_remaining(100).unwrap()).unwrap(),
            Uint128::new(500)
        );
    }

    #[test]
    fn a_stream_idle_past_its_end_keeps_its_whole_remaining_time() {
        let mut r = RewardState::new(0);
        r.fund_stream(Uint128::new(1_000), 100, 0).unwrap();
        r.update(500, Uint128::zero()).unwrap();
        assert_eq!(r.stream_end, 600);
        r.update(550, Uint128::new(1)).unwrap();
        assert_eq!(r.index, Decimal256::from_atomics(500u128, 0).unwrap());
    }

    #[test]
    fn a_new_stream_merges_what_the_old_one_has_left() {
        let mut r = RewardState::new(0);
        r.fund_stream(Uint128::new(1_000), 100, 0).unwrap();
        r.update(60, Uint128::new(1)).unwrap();
        r.fund_stream(Uint128::new(600), 10, 60).unwrap(); // 400 left + 600
        assert_eq!(r.rate, Decimal256::from_atomics(100u128, 0).unwrap());
        assert_eq!(r.stream_end, 70);
        assert_eq!(r.funded, Uint128::new(1_600));
    }

    #[test]
    fn settling_accrues_for_bonded_shares_once() {
        let mut asset = RewardState::new(0);
        asset
            .fund_instant(Uint128::new(100), Uint128::new(10))
            .unwrap();
        let mut s = Staker {
            shares: Uint128::new(3),
            ..Default::default()
        };
        s.settle(std::slice::from_ref(&asset)).unwrap();
        assert_eq!(
            floor_to_uint(s.rewards[0].pending).unwrap(),
            Uint128::new(30)
        );
        s.settle(std::slice::from_ref(&asset)).unwrap();
        assert_eq!(
            floor_to_uint(s.rewards[0].pending).unwrap(),
            Uint128::new(30)
        );
    }

    #[test]
    fn unbonding_shares_are_the_pool_less_the_bonded_ones() {
        let pool = RewardPool {
            bonded_shares: Uint128::new(6),
            ..Default::default()
        };
        assert_eq!(pool.unbonding_shares(Uint128::new(10)), Ok(Uint128::new(4)));
        assert!(pool.unbonding_shares(Uint128::new(5)).is_err());
    }

    #[test]
    fn a_slash_ratio_of_one_or_zero_is_rejected() {
        let api = cosmwasm_std::testing::MockApi::default();
        let msg = |r: Decimal| ParamsMsg {
            unbonding_seconds: 10,
            max_slash_ratio: r,
            max_open_unbondings: 5,
            slashers: vec![],
            reward_funders: None,
            guardian: None,
        };
        assert!(matches!(
            msg(Decimal::one()).check(&api),
            Err(ParamError::InvalidText {
                name: "max_slash_ratio",
                ..
            })
        ));
        assert_eq!(
            msg(Decimal::zero()).check(&api),
            Err(ParamError::MustBePositive {
                name: "max_slash_ratio"
            })
        );
        assert!(msg(Decimal::percent(30)).check(&api).is_ok());
        let dup = ParamsMsg {
            slashers: vec![
                api.addr_make("a").to_string(),
                api.addr_make("a").to_string(),
            ],
            ..msg(Decimal::percent(30))
        };
        assert!(matches!(
            dup.check(&api),
            Err(ParamError::InvalidText {
                name: "slashers",
                ..
            })
        ));
    }
}
