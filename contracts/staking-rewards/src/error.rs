//! The staking contract's errors. Every variant names what was wrong.

use backstop_types::governance::PauseError;
use backstop_types::staking::EpochError;
use backstop_types::{math::MathError, migrate::MigrateError, params::ParamError};
use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use thiserror::Error;

/// Result alias for the staking contract.
pub type ContractResult<T> = Result<T, ContractError>;

/// Everything that can go wrong in the staking contract.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    /// Storage or serialization failure.
    #[error(transparent)]
    Std(#[from] StdError),

    /// Caller is not the owner, or an ownership transfer is invalid.
    #[error(transparent)]
    Ownership(#[from] OwnershipError),

    /// Funds sent do not match what the message needs.
    #[error("payment: {0}")]
    Payment(#[from] PaymentError),

    /// A parameter failed validation.
    #[error("invalid parameter: {0}")]
    Param(#[from] ParamError),

    /// A checked math operation failed.
    #[error("math: {0}")]
    Math(#[from] MathError),

    /// Checked arithmetic on an amount overflowed.
    #[error("arithmetic: {0}")]
    Overflow(#[from] OverflowError),

    /// Migration refused.
    #[error("migration: {0}")]
    Migrate(#[from] MigrateError),

    /// A zero amount where a positive one is needed.
    #[error("{what} must be greater than zero")]
    ZeroAmount {
        /// The amount.
        what: &'static str,
    },

    /// A cw20 `Stake` from a token other than the staking token.
    #[error("staking token is {expected}, got {got}")]
    WrongToken {
        /// The staking token.
        expected: String,
        /// The token that called.
        got: String,
    },

    /// Funding or claiming in an asset that is not a reward asset.
    #[error("{asset} is not a reward asset")]
    UnknownRewardAsset {
        /// The asset offered.
        asset: String,
    },

    /// The asset is already a reward asset.
    #[error("{asset} is already a reward asset")]
    DuplicateRewardAsset {
        /// The asset.
        asset: String,
    },

    /// The reward asset list is full.
    #[error("at most {max} reward assets")]
    TooManyRewardAssets {
        /// The bound.
        max: u32,
    },

    /// Funding is restricted and the sender is not a funder.
    #[error("{sender} may not fund rewards")]
    FunderNotAllowed {
        /// The caller.
        sender: String,
    },

    /// Instant rewards while nothing is staked would have no owner.
    #[error("instant rewards of {amount} need stake: nothing is staked; stream them instead")]
    NothingStaked {
        /// Rewards offered.
        amount: Uint128,
    },

    /// The stake is too small to mint a single share at the current rate.
    #[error("stake of {amount} would mint zero shares")]
    ZeroShares {
        /// Tokens offered.
        amount: Uint128,
    },

    /// Unstaking more than the bonded stake.
    #[error("unstake of {requested} exceeds bonded stake {staked}")]
    InsufficientStake {
        /// Tokens bonded.
        staked: Uint128,
        /// Tokens requested.
        requested: Uint128,
    },

    /// The sender already has the maximum number of unbondings.
    #[error("{owner} has {open} open unbondings, the maximum is {max}")]
    TooManyUnbondings {
        /// The sender.
        owner: String,
        /// Entries open.
        open: u32,
        /// The bound.
        max: u32,
    },

    /// No such unbonding entry for this sender.
    #[error("no unbonding {id} for {owner}")]
    UnbondingNotFound {
        /// The sender.
        owner: String,
        /// The id asked for.
        id: u64,
    },

    /// The entry has not been released yet.
    #[error("unbonding {id} releases at {release_at}, now is {now}")]
    NotReleased {
        /// Entry id.
        id: u64,
        /// Release time (seconds).
        release_at: u64,
        /// Block time (seconds).
        now: u64,
    },

    /// Nothing matured to claim.
    #[error("{owner} has no matured unbonding")]
    NothingToClaim {
        /// The sender.
        owner: String,
    },

    /// No reward to pay.
    #[error("{owner} has no rewards to claim")]
    NoRewards {
        /// The sender.
        owner: String,
    },

    /// The caller may not slash.
    #[error("{sender} is not a slasher")]
    NotSlasher {
        /// The caller.
        sender: String,
    },

    /// A slash above the per-event cap.
    #[error("slash of {requested} exceeds the cap {cap} (max_slash_ratio of the total)")]
    SlashAboveCap {
        /// Tokens requested.
        requested: Uint128,
        /// The cap now.
        cap: Uint128,
    },

    /// The operation is paused.
    #[error("{operation} are paused")]
    Paused {
        /// The paused operation.
        operation: &'static str,
    },

    /// Only the owner or the guardian may pause, and only the owner resume.
    #[error("{sender} may not change these pause switches: the guardian can only pause")]
    PauseUnauthorized {
        /// The caller.
        sender: String,
    },

    /// Nothing is staked, so tokens restored to the pool would belong to
    /// nobody.
    #[error("nothing is staked: {amount} restored now would belong to nobody")]
    NothingToRestore {
        /// Tokens offered.
        amount: Uint128,
    },

    /// No parameter change is queued.
    #[error("no parameter change is queued")]
    NothingPending,
}

impl From<PauseError> for ContractError {
    fn from(e: PauseError) -> Self {
        match e {
            PauseError::Std(e) => Self::Std(e),
            PauseError::Unauthorized { sender } => Self::PauseUnauthorized { sender },
        }
    }
}

impl From<EpochError> for ContractError {
    fn from(e: EpochError) -> Self {
        match e {
            EpochError::Std(e) => Self::Std(e),
            EpochError::Math(e) => Self::Math(e),
        }
    }
}
