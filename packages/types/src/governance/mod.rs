//! The governance kit every Backstop contract uses, written and tested once:
//!
//! - [`owner`]: the owner at instantiation, owner-or-sudo dispatch of
//!   governance messages, and the `UpdateOwnership` handler.
//! - [`pause`]: the pause rule: the guardian may pause, only the owner
//!   resumes.
//! - [`migrate`]: migration only from the same contract, never to an older
//!   version, and the response it gives.
//! - [`page`](mod@page): the pagination clamp of every list query, and a
//!   page of a map after a given key.
//! - [`payment`]: the checks on funds sent in the contract's asset.
//!
//! Each contract keeps its own typed errors: these functions return small
//! error types (or any error type with the right `From` conversions) that
//! a contract maps onto its own variants, messages unchanged.

pub mod migrate;
pub mod owner;
pub mod page;
pub mod pause;
pub mod payment;

pub use migrate::{ensure_upgrade, upgrade, MigrateError};
pub use owner::{init_owner, owner_sender, update_ownership, SUDO_SENDER};
pub use page::{page, page_limit, start_after_addr, DEFAULT_LIMIT, MAX_LIMIT};
pub use pause::{authorize_pause, may_set_pause, PauseError};
pub use payment::{check_cw20_sender, must_pay_native, FundsError};
