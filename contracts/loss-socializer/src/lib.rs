//! # Backstop loss socializer
//!
//! Markets report bad debt here. The socializer covers it through a
//! waterfall that governance edits as data: slash stakers (the junior
//! tranche), draw on the fund vault, haircut profitable traders, haircut the
//! liquidity pool, and record whatever remains as the market's bad debt.
//!
//! * **One pure planner** (`backstop_types::socializer::plan`) turns the
//!   current state, read from the staking contract and the vault with raw
//!   queries only, into per-layer amounts. `SimulateShortfall` and
//!   `ReportShortfall` both call it, so they agree to the unit.
//! * **Atomic execution**: one transaction slashes the exact tokens (vault
//!   shares are redeemed by the vault at once and paid to the market), draws
//!   the exact amount from the vault, and records the haircut ratios.
//! * **Markets learn what to apply** from the `ShortfallOutcome` response
//!   data, or from cumulative factors per market. Nothing loops over traders.
//! * **Recovery** income repays bad debt first, then haircut traders pro rata.
//! * **Governance** can raise risk only through a timelock at least as long as
//!   the staking unbonding period.
//!
//! See `docs/architecture.md` and `docs/integration.md`.
//!
//! # Modules
//! - [`contract`]: entry points; a thin dispatcher with payment checks at
//!   the match arms.
//! - `report`: `ReportShortfall` and `SimulateShortfall`: snapshots read
//!   raw, the plan, and the executions it sends.
//! - `exposure`: a market declares the loss it may still report.
//! - `recover`: recovery income.
//! - `gov`: one function per governance action, with the timelock.
//! - `stop`: the guardian's fast stop: pause, or freeze one market.
//! - `query`: markets, haircut records, the simulation.
//! - `health`: the coverage-health view.
//! - [`state`]: storage (the raw-query items come from `backstop_types`).
//! - [`error`]: typed errors.
//!
//! The planner lives in `backstop_types::socializer::plan`; ownership,
//! migration, page sizes and payment checks in
//! `backstop_types::governance`.

pub mod contract;
pub mod error;
mod exposure;
mod gov;
mod health;
mod query;
mod recover;
mod report;
pub mod state;
mod stop;

pub use crate::error::{ContractError, ContractResult};
