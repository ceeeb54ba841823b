//! # Backstop staking and rewards distributor
//!
//! LPs and underwriters stake a cw20 token (usually the fund vault's shares)
//! to back the insurance fund. They earn fee-share rewards in any number of
//! assets (native and cw20, up to ten), unbond through a cooldown, and are
//! the first to be slashed when a shortfall hits.
//!
//! * **One share pool.** Bonded and unbonding stake are shares of
//!   `total_tokens`; a slash lowers `total_tokens` only, so it is O(1) and
//!   pro rata over bonded and unbonding stake alike.
//! * **Rewards by index.** Each reward asset has an index of rewards per
//!   bonded share, advanced by instant funding or by a linear stream. A
//!   staker's rewards are `shares × (index − checkpoint)`, so every call
//!   costs the same whatever the number of stakers.
//! * **Unbonding stake stops earning and stays slashable**, as in the
//!   Cosmos SDK, so a claim of matured unbondings touches only the pool
//!   totals and the entries.
//! * **Share epochs.** A loss that leaves more than 10⁷ shares per token
//!   opens a new epoch with a larger share unit; the old shares become a
//!   cohort that stakes for its members, who convert when next touched (one
//!   record), so entry and rewards keep working after any sequence of
//!   losses (`backstop_types::staking::epochs`).
//!
//! See `docs/staking-rewards.md` for the math and rounding, and
//! `backstop_types::staking` for messages and the raw-query layout.
//!
//! # Modules
//! - [`contract`]: entry points; a thin dispatcher with payment checks at
//!   the match arms.
//! - `stake`: staking through the cw20 hook.
//! - `unbond`: `Unstake` and `Claim`.
//! - `rewards`: funding (instant or streamed) and `ClaimRewards`.
//! - `slash`: `Slash`, with the hook that pays the slashed tokens on.
//! - `gov`: one function per governance action, and `SetPause`.
//! - `query`: one function per query.
//! - [`state`]: storage (the raw-query items come from `backstop_types`).
//! - [`error`]: typed errors.
//!
//! Ownership, the pause rule, migration and page sizes come from
//! `backstop_types::governance`; the reward index from
//! `backstop_types::staking::rewards`.

pub mod contract;
pub mod error;
mod gov;
mod query;
mod rewards;
mod slash;
mod stake;
pub mod state;
mod unbond;

pub use crate::error::{ContractError, ContractResult};
