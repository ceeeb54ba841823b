//! The governance kit every Backstop contract uses, written and tested once:
//!
//! - [`owner`]: the owner at instantiation, owner-or-sudo dispatch of
//!   governance messages, and the `UpdateOwnership` handler.
//! - [`pause`]: the pause rule (the guardian may pause, only the owner
//!   resumes) and the guardian's appointment.
//! - [`migrate`]: migration only from the same contract, never to an older
//!   version, and the response it gives.
//! - [`page`](mod@page): the pagination clamp of every list query, and a
//!   page of a map after a given key.
//! - [`payment`]: the checks on funds sent in the contract's asset.
//! - [`timelock`]: the one timelock rule: who a change can hurt, how long
//!   each party needs to leave, queued changes and their events.
//!
//! Each contract keeps its own typed errors: these functions return small
//! error types (or any error type with the right `From` conversions) that
//! a contract maps onto its own variants, messages unchanged.

pub mod migrate;
pub mod owner;
pub mod page;
pub mod pause;
pub mod payment;
pub mod timelock;

pub use migrate::{ensure_upgrade, upgrade, MigrateError};
pub use owner::{init_owner, owner_sender, update_ownership, SUDO_SENDER};
pub use page::{page, page_limit, start_after_addr, DEFAULT_LIMIT, MAX_LIMIT};
pub use pause::{authorize_pause, may_set_pause, set_guardian, Guarded, PauseError};
pub use payment::{check_cw20_sender, must_pay_native, FundsError};
pub use timelock::{Party, Pending};

/// An error type with the conversions the kit's generic functions ask of a
/// contract's error, for the kit's own tests.
#[cfg(test)]
pub(crate) mod test_error {
    use crate::params::ParamError;
    use cosmwasm_std::StdError;

    #[derive(Debug, PartialEq)]
    pub enum KitError {
        Param(ParamError),
        Std(StdError),
    }

    impl From<ParamError> for KitError {
        fn from(e: ParamError) -> Self {
            KitError::Param(e)
        }
    }

    impl From<StdError> for KitError {
        fn from(e: StdError) -> Self {
            KitError::Std(e)
        }
    }
}
