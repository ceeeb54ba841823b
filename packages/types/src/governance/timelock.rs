//! The one timelock rule of every Backstop contract: a governance change
//! that can raise the share of a loss borne by any party waits until
//! strictly after the longest exit period of the parties it can hurt, so
//! each can leave under the terms it agreed to. A change that lowers or
//! keeps every party's share applies at once.
//!
//! - **Stakers** wait their unbonding period; **underwriters** the vault's
//!   cooldown plus its exit window. Each contract also keeps an *exit
//!   horizon*: when an exit period is shortened, the latest time an exit
//!   requested under the longer one may still be open. A change's `eta` is
//!   past it too, so nobody who asked to leave before the change was queued
//!   bears it, whatever the periods did since.
//! - **Traders and LPs** get a notice period that governance sets, at least
//!   [`MIN_NOTICE_SECONDS`].
//!
//! A queued change is stored beside the value it replaces, in the item the
//! contract (and other contracts, raw) already read, so it is in force from
//! its `eta` with no extra transaction and no extra read.

use cosmwasm_schema::cw_serde;

use crate::params::ParamError;
use crate::typed_event;

/// The shortest notice period governance may set for changes that hurt
/// traders and LPs (one day).
pub const MIN_NOTICE_SECONDS: u64 = 24 * 3600;
/// The notice period of a contract that never set one (seven days).
pub const DEFAULT_NOTICE_SECONDS: u64 = 7 * 24 * 3600;
/// The longest notice period accepted (one year).
pub const MAX_NOTICE_SECONDS: u64 = 365 * 24 * 3600;

/// A party whose share of a loss a change can raise.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// Stakers in the staking contract (the junior tranche).
    Stakers,
    /// Underwriters: the vault's depositors.
    Underwriters,
    /// Profitable traders, through the trader haircut.
    Traders,
    /// The markets' liquidity pools, through the LP haircut.
    Lps,
}

impl Party {
    /// The party's name in events.
    pub fn name(&self) -> &'static str {
        match self {
            Party::Stakers => "stakers",
            Party::Underwriters => "underwriters",
            Party::Traders => "traders",
            Party::Lps => "lps",
        }
    }
}

/// Parties' names, comma-separated (for events).
pub fn party_names(parties: &[Party]) -> String {
    parties
        .iter()
        .map(Party::name)
        .collect::<Vec<_>>()
        .join(",")
}

/// A change waiting for its timelock.
#[cw_serde]
pub struct Pending<T> {
    /// The new value.
    pub value: T,
    /// Block time (seconds) from which it is in force.
    pub eta: u64,
}

/// One parameter change and whom it can hurt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hurt {
    /// The parameter.
    pub param: &'static str,
    /// The parties whose share of a loss it can raise.
    pub parties: Vec<Party>,
}

impl Hurt {
    /// Whom moving `param` from `old` to `new` can hurt: `up` when it
    /// rises, `down` when it falls, nobody when it keeps its value.
    pub fn by_order<T: PartialOrd>(
        param: &'static str,
        old: T,
        new: T,
        up: &[Party],
        down: &[Party],
    ) -> Option<Hurt> {
        let parties = if new > old {
            up
        } else if new < old {
            down
        } else {
            &[]
        };
        (!parties.is_empty()).then(|| Hurt {
            param,
            parties: parties.to_vec(),
        })
    }
}

/// The queued-change event for `hurt`, in force from `eta`: what changes
/// and whom it can hurt, each party once.
pub fn queued_event(hurt: &[Hurt], eta: u64) -> ChangeQueuedEvent {
    let mut parties: Vec<Party> = hurt.iter().flat_map(|h| h.parties.clone()).collect();
    parties.sort();
    parties.dedup();
    ChangeQueuedEvent {
        what: hurt.iter().map(|h| h.param).collect::<Vec<_>>().join(","),
        hurts: party_names(&parties),
        eta,
    }
}

/// When a change queued at `now` may come into force: strictly after
/// `now + wait`.
pub fn eta(now: u64, wait: u64) -> u64 {
    now.saturating_add(wait).saturating_add(1)
}

/// How long a party whose exit period is `period` waits from `now`, given
/// the contract's exit `horizon` (the latest time an exit already
/// requested may still be open).
pub fn exit_wait(now: u64, period: u64, horizon: u64) -> u64 {
    period.max(horizon.saturating_sub(now))
}

/// The exit horizon after an exit period falls from `old` to `new` at
/// `now`: exits requested under `old` may stay open until `now + old`.
pub fn horizon_after(horizon: u64, now: u64, old: u64, new: u64) -> u64 {
    if new < old {
        horizon.max(now.saturating_add(old))
    } else {
        horizon
    }
}

/// Checks a notice period.
pub fn check_notice(seconds: u64) -> Result<u64, ParamError> {
    if !(MIN_NOTICE_SECONDS..=MAX_NOTICE_SECONDS).contains(&seconds) {
        return Err(ParamError::OutOfRange {
            name: "notice_seconds",
            value: seconds.into(),
            min: MIN_NOTICE_SECONDS.into(),
            max: MAX_NOTICE_SECONDS.into(),
        });
    }
    Ok(seconds)
}

/// The default notice period, for `serde(default)`.
pub fn default_notice() -> u64 {
    DEFAULT_NOTICE_SECONDS
}

typed_event! {
    /// A governance change that can hurt someone was queued.
    ChangeQueuedEvent = "backstop-change-queued" {
        /// What changes (parameter names, comma-separated).
        what: String,
        /// Whom it can hurt (party names, comma-separated).
        hurts: String,
        /// Block time (seconds) from which it is in force.
        eta: u64,
    }
}

typed_event! {
    /// A queued change was cancelled.
    ChangeCancelledEvent = "backstop-change-cancelled" {
        /// What would have changed.
        what: String,
    }
}

typed_event! {
    /// A queued change came into force (emitted by the first transaction
    /// that stores it after its `eta`; it was in force from `eta` anyway).
    ChangeInForceEvent = "backstop-change-in-force" {
        /// What changed.
        what: String,
        /// Its eta.
        eta: u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_waits_strictly_past_the_longest_exit_and_the_horizon() {
        assert_eq!(eta(100, 50), 151);
        assert_eq!(exit_wait(100, 50, 0), 50);
        // an exit requested under a longer period is still open until 300
        assert_eq!(exit_wait(100, 50, 300), 200);
        assert_eq!(eta(100, exit_wait(100, 50, 300)), 301);
    }

    #[test]
    fn shortening_an_exit_period_moves_the_horizon_and_lengthening_does_not() {
        assert_eq!(horizon_after(0, 1_000, 700, 100), 1_700);
        assert_eq!(horizon_after(2_000, 1_000, 700, 100), 2_000);
        assert_eq!(horizon_after(0, 1_000, 100, 700), 0);
    }

    #[test]
    fn a_notice_period_is_at_least_a_day_and_at_most_a_year() {
        assert!(check_notice(MIN_NOTICE_SECONDS - 1).is_err());
        assert!(check_notice(MAX_NOTICE_SECONDS + 1).is_err());
        assert_eq!(check_notice(MIN_NOTICE_SECONDS), Ok(MIN_NOTICE_SECONDS));
    }
}
