//! # Backstop fund vault
//!
//! An insurance fund over one asset (a native denom or a cw20 token).
//! Underwriters deposit and receive **shares**; protocol fee income raises
//! the share price; exits go through `Unlock` → cooldown → `WithdrawUnlocked`;
//! registered claimants (markets, the loss socializer) draw payouts within
//! per-claimant caps, a rate limit, a per-payout fraction of the fund and a
//! reserve floor.
//!
//! **Shares are a cw20 token implemented by the vault itself**: the full
//! cw20 interface but minting and burning (the base messages and queries,
//! the allowance extension, the enumerable queries, `Minter` and the
//! marketing queries), served by cw20-base as a library over its own storage
//! layout. Minting a share on deposit is then a storage write in the same
//! call rather than a second contract execution (60,000 SDK gas on wasmd),
//! and the vault's address is both the vault and the share token's address.
//!
//! See `docs/fund-vault.md` for the accounting and rounding rules, and
//! `backstop_types::fund_vault` for the messages and the raw-query storage
//! layout.
//!
//! # Modules
//! - [`contract`]: entry points; a thin dispatcher with payment checks at
//!   the match arms.
//! - `deposit`: deposits (native or cw20 hook) and fee income.
//! - `unlock`: `Unlock` and `WithdrawUnlocked`.
//! - `payout`: claimant payouts and slashed shares redeemed at once.
//! - `epoch`: share epochs: the rollover after a deep payout, and balances
//!   and allowances brought to the live epoch before they move.
//! - `share`: the cw20 share token's `Transfer`, `Send` and allowances.
//! - `gov`: one function per governance action, and `SetPause`.
//! - `query`: one function per query.
//! - [`state`]: storage (the raw-query items come from `backstop_types`).
//! - [`error`]: typed errors.
//!
//! Ownership, the pause rule, migration, page sizes and payment checks come
//! from `backstop_types::governance`.

pub mod contract;
mod deposit;
mod epoch;
pub mod error;
mod gov;
mod payout;
mod query;
mod share;
pub mod state;
mod unlock;

pub use crate::error::{ContractError, ContractResult};
