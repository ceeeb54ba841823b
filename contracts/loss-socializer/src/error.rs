//! The socializer's errors. Every variant names what was wrong.

use backstop_types::governance::{FundsError, PauseError};
use backstop_types::{math::MathError, migrate::MigrateError, params::ParamError};
use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use thiserror::Error;

/// Result alias for the socializer.
pub type ContractResult<T> = Result<T, ContractError>;

/// Everything that can go wrong in the socializer.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    /// Storage, serialization or raw-query failure.
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

    /// The caller is not a registered market reporter.
    #[error("{sender} is not a registered market reporter")]
    UnknownReporter {
        /// The caller.
        sender: String,
    },

    /// No market with that id.
    #[error("no market {id}")]
    UnknownMarket {
        /// The id asked for.
        id: String,
    },

    /// The reporter already reports for another market.
    #[error("{reporter} already reports for market {market}")]
    ReporterTaken {
        /// The reporter.
        reporter: String,
        /// The market it reports for.
        market: String,
    },

    /// A market with unpaid debt or haircuts cannot be removed.
    #[error("market {id} still has bad debt {bad_debt} and unpaid haircuts {haircut_outstanding}")]
    MarketNotSettled {
        /// Market id.
        id: String,
        /// Outstanding bad debt.
        bad_debt: Uint128,
        /// Outstanding haircuts.
        haircut_outstanding: Uint128,
    },

    /// Recovery income in an asset other than the vault's.
    #[error("recoveries are paid in {expected}, got {got}")]
    WrongAsset {
        /// The vault's asset.
        expected: String,
        /// What was sent.
        got: String,
    },

    /// The timelock must cover the staking unbonding period.
    #[error("timelock {timelock}s is shorter than the staking unbonding period {unbonding}s")]
    TimelockBelowUnbonding {
        /// Timelock asked for.
        timelock: u64,
        /// The staking contract's unbonding period.
        unbonding: u64,
    },

    /// The staking contract stakes neither the vault's shares nor its asset.
    #[error("staking token {token} is neither the vault's shares nor its cw20 asset")]
    UnsupportedStakingToken {
        /// The staking token.
        token: String,
    },

    /// Nothing is queued.
    #[error("no change is queued")]
    NothingPending,

    /// The market is frozen: its reports are refused until governance
    /// unfreezes it.
    #[error("market {id} is frozen: its reports are refused until governance unfreezes it")]
    MarketFrozen {
        /// Market id.
        id: String,
    },

    /// The sender may not make this pause change.
    #[error("{sender} may not change these pause switches: the guardian can only pause or freeze")]
    PauseUnauthorized {
        /// The caller.
        sender: String,
    },

    /// The operation is paused.
    #[error("{operation} are paused")]
    Paused {
        /// The paused operation.
        operation: &'static str,
    },

    /// A market declared more exposure than its ceiling.
    #[error("market {id} may declare at most {ceiling} of exposure, not {amount}")]
    ExposureAboveCeiling {
        /// Market id.
        id: String,
        /// The exposure declared.
        amount: Uint128,
        /// Its ceiling.
        ceiling: Uint128,
    },

    /// A report id of zero: ids start at one.
    #[error("market {id} reported with report_id 0: report ids start at 1 and increase")]
    ZeroReportId {
        /// Market id.
        id: String,
    },

    /// A governance change that changes nothing.
    #[error("{what} already has this value")]
    NoChange {
        /// What was to change.
        what: String,
    },
}

impl From<FundsError> for ContractError {
    fn from(e: FundsError) -> Self {
        match e {
            FundsError::Payment(e) => Self::Payment(e),
            FundsError::WrongAsset { expected, got } => Self::WrongAsset { expected, got },
        }
    }
}

impl From<PauseError> for ContractError {
    fn from(e: PauseError) -> Self {
        match e {
            PauseError::Std(e) => Self::Std(e),
            PauseError::Unauthorized { sender } => Self::PauseUnauthorized { sender },
        }
    }
}
