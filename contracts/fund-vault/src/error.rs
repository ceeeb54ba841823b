//! The vault's errors. Every variant names what was wrong.

use backstop_types::governance::{FundsError, PauseError};
use backstop_types::{math::MathError, migrate::MigrateError, params::ParamError};
use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw20::Expiration;
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use thiserror::Error;

/// Result alias for the vault.
pub type ContractResult<T> = Result<T, ContractError>;

/// Everything that can go wrong in the vault.
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

    /// A zero amount where a positive one is needed.
    #[error("{what} must be greater than zero")]
    ZeroAmount {
        /// The amount.
        what: &'static str,
    },

    /// The asset offered is not the vault's asset.
    #[error("vault asset is {expected}, got {got}")]
    WrongAsset {
        /// The vault's asset.
        expected: String,
        /// What was offered.
        got: String,
    },

    /// The first deposit must exceed the dead shares it locks.
    #[error("first deposit of {assets} must exceed {minimum}, which is locked as dead shares")]
    FirstDepositTooSmall {
        /// Assets offered.
        assets: Uint128,
        /// The dead-share minimum.
        minimum: Uint128,
    },

    /// The deposit is too small to mint a single share at the current price.
    #[error("deposit of {assets} would mint zero shares")]
    ZeroShares {
        /// Assets offered.
        assets: Uint128,
    },

    /// Fewer shares would be minted than the depositor accepts.
    #[error("deposit would mint {shares} shares, below min_shares {min_shares}")]
    SlippageExceeded {
        /// Shares the deposit would mint.
        shares: Uint128,
        /// The depositor's minimum.
        min_shares: Uint128,
    },

    /// Income while no shares exist would have no owner.
    #[error("income of {assets} needs shares outstanding: the vault has none")]
    NoShareholders {
        /// Income offered.
        assets: Uint128,
    },

    /// Unlock of more shares than the sender holds.
    #[error("unlock of {requested} shares exceeds balance {balance}")]
    InsufficientShares {
        /// Shares the sender holds.
        balance: Uint128,
        /// Shares requested.
        requested: Uint128,
    },

    /// A share `Transfer` or `Send` of more shares than the sender holds.
    #[error("transfer of {requested} shares exceeds balance {balance}")]
    TransferExceedsBalance {
        /// Shares the sender holds.
        balance: Uint128,
        /// Shares requested.
        requested: Uint128,
    },

    /// The sender already has the maximum number of open unlocks.
    #[error("{owner} has {open} open unlock requests, the maximum is {max}")]
    TooManyUnlocks {
        /// The sender.
        owner: String,
        /// Requests open.
        open: u32,
        /// The bound.
        max: u32,
    },

    /// No such request for this sender.
    #[error("no unlock request {id} for {owner}")]
    UnlockNotFound {
        /// The sender.
        owner: String,
        /// The id asked for.
        id: u64,
    },

    /// The request's cooldown has not ended.
    #[error("unlock request {id} releases at {release_at}, now is {now}")]
    CooldownActive {
        /// Request id.
        id: u64,
        /// Release time (seconds).
        release_at: u64,
        /// Block time (seconds).
        now: u64,
    },

    /// The caller is not a registered claimant.
    #[error("{address} is not a registered claimant")]
    UnknownClaimant {
        /// The caller.
        address: String,
    },

    /// A slash hook asked to cover a shortfall but no claimant is linked.
    #[error("slash source {source_addr} asked to cover {amount}, but no slash claimant is linked to draw on")]
    NoSlashClaimant {
        /// The slash source.
        source_addr: String,
        /// The cover it asked for.
        amount: Uint128,
    },

    /// A slash hook asked for a cover that no socializer report authorized.
    #[error("a slash hook asked to draw {amount} for {claimant}, but {claimant} issued no ticket for it in this block (or it was used)")]
    UnauthorizedDraw {
        /// The linked slash claimant.
        claimant: String,
        /// The cover asked for.
        amount: Uint128,
    },

    /// Shares may reach the vault's own address only from a slash source.
    #[error("{sender} may not send shares to the vault: only registered slash sources can redeem without cooldown")]
    SharesToVault {
        /// The sender of the shares.
        sender: String,
    },

    /// Shares held at the vault's own address (the dead shares and the
    /// escrow of unlock requests) never move by allowance.
    #[error("{spender} may not move shares held by the vault: they are the dead shares and the escrow of unlock requests")]
    VaultSharesLocked {
        /// The spender that tried.
        spender: String,
    },

    /// An address cannot give itself an allowance.
    #[error("{owner} cannot give an allowance to itself")]
    AllowanceToSelf {
        /// The owner and would-be spender.
        owner: String,
    },

    /// An allowance cannot be set to an expiration already past.
    #[error(
        "the allowance {owner} gives {spender} cannot expire at {expires}: that has already passed"
    )]
    AllowanceExpirationPassed {
        /// The owner.
        owner: String,
        /// The spender.
        spender: String,
        /// The expiration asked for.
        expires: Expiration,
    },

    /// Raising an allowance would overflow it.
    #[error(
        "the allowance {owner} gives {spender} is {allowance}: raising it by {increase} overflows"
    )]
    AllowanceOverflow {
        /// The owner.
        owner: String,
        /// The spender.
        spender: String,
        /// The allowance now.
        allowance: Uint128,
        /// The increase asked for.
        increase: Uint128,
    },

    /// The spender holds no allowance from the owner.
    #[error("{spender} has no allowance from {owner}")]
    NoAllowance {
        /// The owner.
        owner: String,
        /// The spender.
        spender: String,
    },

    /// The allowance has expired.
    #[error("the allowance {owner} gave {spender} expired ({expires})")]
    AllowanceExpired {
        /// The owner.
        owner: String,
        /// The spender.
        spender: String,
        /// When it expired.
        expires: Expiration,
    },

    /// A `TransferFrom` or `SendFrom` of more shares than the allowance.
    #[error("{spender} may move {allowance} of {owner}'s shares, not {requested}")]
    AllowanceExceeded {
        /// The owner.
        owner: String,
        /// The spender.
        spender: String,
        /// What the allowance permits.
        allowance: Uint128,
        /// Shares requested.
        requested: Uint128,
    },

    /// A cw20-base failure the vault has no more precise variant for.
    #[error("share token {action}: {source}")]
    ShareToken {
        /// The cw20 action that failed.
        action: &'static str,
        /// cw20-base's error.
        source: cw20_base::ContractError,
    },

    /// The share token has no logo.
    #[error("the share token {token} has no logo")]
    NoLogo {
        /// The share token's (the vault's) address.
        token: String,
    },

    /// No change is queued there.
    #[error("no change is queued")]
    NothingPending,

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

    /// Migration refused.
    #[error("migration: {0}")]
    Migrate(#[from] MigrateError),
}

impl From<PauseError> for ContractError {
    fn from(e: PauseError) -> Self {
        match e {
            PauseError::Std(e) => Self::Std(e),
            PauseError::Unauthorized { sender } => Self::PauseUnauthorized { sender },
        }
    }
}

impl From<FundsError> for ContractError {
    fn from(e: FundsError) -> Self {
        match e {
            FundsError::Payment(e) => Self::Payment(e),
            FundsError::WrongAsset { expected, got } => Self::WrongAsset { expected, got },
        }
    }
}
