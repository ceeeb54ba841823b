//! Which vault parameter and claimant changes raise someone's share of a
//! loss, and the queued changes that hold them until their `eta` (see
//! [`crate::governance::timelock`] for the rule).
//!
//! | change | raised hurts | lowered hurts |
//! |---|---|---|
//! | `max_payout_fraction` | underwriters | stakers, traders, LPs (the other layers) |
//! | `min_reserve` | stakers, traders, LPs | underwriters |
//! | `cooldown_seconds` | underwriters (locked in longer) | nobody (applies at once; the exit horizon keeps later changes waiting for exits under the old period) |
//! | `notice_seconds` | nobody | stakers, traders, LPs (less notice) |
//! | a claimant's `lifetime_cap`, `window_cap` | underwriters | stakers, traders, LPs |
//! | a claimant's `window_seconds` | stakers, traders, LPs (slower refill) | underwriters |
//! | a claimant added | underwriters | — |
//! | a claimant removed | — | stakers, traders, LPs |
//! | `exit_window_seconds`, `max_open_unlocks`, slash sources, guardian | nobody | nobody |
//!
//! The vault does not know the waterfall's order, so a change that moves
//! loss off the underwriters counts as hurting every other party.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint128};

use super::{Claimant, ClaimantLimits, Params};
use crate::governance::timelock::{eta, exit_wait, horizon_after, Hurt, Party, Pending};

/// Every party but the underwriters.
const OTHERS: [Party; 3] = [Party::Stakers, Party::Traders, Party::Lps];
const UNDERWRITERS: [Party; 1] = [Party::Underwriters];

/// A queued change of the vault's risk parameters; fields left `None` stay
/// as they are.
#[cw_serde]
pub struct PendingParams {
    /// Block time (seconds) from which it is in force.
    pub eta: u64,
    /// New cooldown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown_seconds: Option<u64>,
    /// New per-payout fraction cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_payout_fraction: Option<Decimal>,
    /// New reserve floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_reserve: Option<Uint128>,
    /// New notice period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_seconds: Option<u64>,
}

/// Whom moving the parameters from `old` to `new` can hurt. Pure; empty
/// when the change applies at once.
pub fn hurts(old: &Params, new: &Params) -> Vec<Hurt> {
    [
        Hurt::by_order(
            "max_payout_fraction",
            old.max_payout_fraction,
            new.max_payout_fraction,
            &UNDERWRITERS,
            &OTHERS,
        ),
        Hurt::by_order(
            "min_reserve",
            old.min_reserve,
            new.min_reserve,
            &OTHERS,
            &UNDERWRITERS,
        ),
        Hurt::by_order(
            "cooldown_seconds",
            old.cooldown_seconds,
            new.cooldown_seconds,
            &UNDERWRITERS,
            &[],
        ),
        Hurt::by_order(
            "notice_seconds",
            old.notice_seconds,
            new.notice_seconds,
            &[],
            &OTHERS,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Whom moving a claimant's limits from `old` to `new` can hurt (`None`:
/// no claimant). Pure.
pub fn claimant_hurts(old: Option<&ClaimantLimits>, new: Option<&ClaimantLimits>) -> Vec<Party> {
    let zero = ClaimantLimits {
        lifetime_cap: Uint128::zero(),
        window_cap: Uint128::zero(),
        window_seconds: 1,
    };
    let (o, n) = (old.unwrap_or(&zero), new.unwrap_or(&zero));
    let loosened = n.lifetime_cap > o.lifetime_cap
        || n.window_cap > o.window_cap
        || (n.window_seconds < o.window_seconds && !n.window_cap.is_zero());
    let tightened = n.lifetime_cap < o.lifetime_cap
        || n.window_cap < o.window_cap
        || (n.window_seconds > o.window_seconds && !o.window_cap.is_zero());
    let mut out = vec![];
    if loosened {
        out.extend(UNDERWRITERS);
    }
    if tightened {
        out.extend(OTHERS);
    }
    out
}

impl Params {
    /// How long from `now` a change hurting `party` must wait: underwriters
    /// their cooldown plus exit window (and the exit horizon), anyone else
    /// the notice period, or `outside` (the exit of the parties outside the
    /// vault that it can read: the stakers of its slash sources), whichever
    /// is longer.
    pub fn wait_for(&self, party: Party, now: u64, outside: u64) -> u64 {
        match party {
            Party::Underwriters => exit_wait(
                now,
                self.cooldown_seconds
                    .saturating_add(self.exit_window_seconds),
                self.exit_horizon,
            ),
            _ => self.notice_seconds.max(outside),
        }
    }

    /// When a change hurting `parties`, queued at `now`, may come into
    /// force (`outside`: see [`Params::wait_for`]).
    pub fn eta_for(&self, parties: &[Party], now: u64, outside: u64) -> u64 {
        let wait = parties
            .iter()
            .map(|p| self.wait_for(*p, now, outside))
            .max()
            .unwrap_or(0);
        eta(now, wait)
    }

    /// Moves to `next` as governance asked at `now`: parameters that can
    /// hurt someone are queued (replacing any queued change) and keep their
    /// value, the rest apply at once. Returns what was queued.
    ///
    /// With `nobody_in` (the contract holds no one's stake yet), a change
    /// that could hurt only its own party applies at once: there is nobody
    /// to hurt.
    pub fn govern(&mut self, next: Params, now: u64, nobody_in: bool, outside: u64) -> Vec<Hurt> {
        let mut hurt = hurts(self, &next);
        if nobody_in {
            for h in hurt.iter_mut() {
                h.parties.retain(|p| *p != Party::Underwriters);
            }
            hurt.retain(|h| !h.parties.is_empty());
        }
        let queued = |p: &str| hurt.iter().any(|h| h.param == p);
        let parties: Vec<Party> = hurt.iter().flat_map(|h| h.parties.clone()).collect();
        let eta = self.eta_for(&parties, now, outside);
        let old = std::mem::replace(self, next);
        if !hurt.is_empty() {
            let mut p = PendingParams {
                eta,
                cooldown_seconds: None,
                max_payout_fraction: None,
                min_reserve: None,
                notice_seconds: None,
            };
            if queued("cooldown_seconds") {
                p.cooldown_seconds = Some(self.cooldown_seconds);
                self.cooldown_seconds = old.cooldown_seconds;
            }
            if queued("max_payout_fraction") {
                p.max_payout_fraction = Some(self.max_payout_fraction);
                self.max_payout_fraction = old.max_payout_fraction;
            }
            if queued("min_reserve") {
                p.min_reserve = Some(self.min_reserve);
                self.min_reserve = old.min_reserve;
            }
            if queued("notice_seconds") {
                p.notice_seconds = Some(self.notice_seconds);
                self.notice_seconds = old.notice_seconds;
            }
            self.pending = Some(p);
        }
        let exit = |p: &Params| p.cooldown_seconds.saturating_add(p.exit_window_seconds);
        self.exit_horizon = horizon_after(old.exit_horizon, now, exit(&old), exit(self));
        hurt
    }

    /// Applies the queued change if its time has come; returns it.
    pub fn mature(&mut self, now: u64) -> Option<PendingParams> {
        let p = self.pending.take_if(|p| p.eta <= now)?;
        if let Some(v) = p.cooldown_seconds {
            self.cooldown_seconds = v;
        }
        if let Some(v) = p.max_payout_fraction {
            self.max_payout_fraction = v;
        }
        if let Some(v) = p.min_reserve {
            self.min_reserve = v;
        }
        if let Some(v) = p.notice_seconds {
            self.notice_seconds = v;
        }
        Some(p)
    }
}

impl Claimant {
    /// Applies queued limits if their time has come; returns their eta.
    pub fn mature(&mut self, now: u64) -> Option<u64> {
        let p = self.pending.take_if(|p| p.eta <= now)?;
        self.limits = p.value;
        Some(p.eta)
    }

    /// Queues `limits` until `eta`, replacing any queued limits.
    pub fn queue(&mut self, limits: ClaimantLimits, eta: u64) {
        self.pending = Some(Pending { value: limits, eta });
    }
}

/// The parameters of the contract at `addr` as in force at `now`, read with
/// a raw query: a queued change whose time has come is applied.
pub fn params_at(
    querier: &cosmwasm_std::QuerierWrapper,
    addr: cosmwasm_std::Addr,
    now: u64,
) -> cosmwasm_std::StdResult<Params> {
    let mut params = super::PARAMS.query(querier, addr)?;
    params.mature(now);
    Ok(params)
}

/// The claimant `claimant` of the vault at `vault` as in force at `now`,
/// read with a raw query.
pub fn claimant_at(
    querier: &cosmwasm_std::QuerierWrapper,
    vault: cosmwasm_std::Addr,
    claimant: &cosmwasm_std::Addr,
    now: u64,
) -> cosmwasm_std::StdResult<Option<Claimant>> {
    let mut c = super::CLAIMANTS.query(querier, vault, claimant)?;
    if let Some(c) = c.as_mut() {
        c.mature(now);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund_vault::PauseFlags;

    fn params() -> Params {
        Params {
            cooldown_seconds: 1_000,
            exit_window_seconds: 500,
            exits_resumed_at: 0,
            max_open_unlocks: 5,
            max_payout_fraction: Decimal::percent(50),
            min_reserve: Uint128::new(100),
            guardian: None,
            slash_sources: vec![],
            slash_claimant: None,
            pause: PauseFlags::default(),
            notice_seconds: 2_000,
            exit_horizon: 0,
            pending: None,
        }
    }

    /// Every parameter × {raised, lowered, unchanged}, with whom it hurts.
    #[test]
    fn whom_each_vault_change_can_hurt() {
        use Party::*;
        type Edit = fn(&mut Params, bool);
        let others = vec![Stakers, Traders, Lps];
        let rows: Vec<(&str, Edit, Vec<Party>, Vec<Party>)> = vec![
            (
                "max_payout_fraction",
                |p, up| p.max_payout_fraction = Decimal::percent(if up { 60 } else { 40 }),
                vec![Underwriters],
                others.clone(),
            ),
            (
                "min_reserve",
                |p, up| p.min_reserve = Uint128::new(if up { 200 } else { 50 }),
                others.clone(),
                vec![Underwriters],
            ),
            (
                "cooldown_seconds",
                |p, up| p.cooldown_seconds = if up { 2_000 } else { 10 },
                vec![Underwriters],
                vec![],
            ),
            (
                "notice_seconds",
                |p, up| p.notice_seconds = if up { 3_000 } else { 1_000 },
                vec![],
                others.clone(),
            ),
            (
                "exit_window_seconds",
                |p, up| p.exit_window_seconds = if up { 900 } else { 100 },
                vec![],
                vec![],
            ),
            (
                "max_open_unlocks",
                |p, up| p.max_open_unlocks = if up { 9 } else { 1 },
                vec![],
                vec![],
            ),
        ];
        for (param, edit, raised, lowered) in rows {
            for (up, expected) in [(true, raised.clone()), (false, lowered.clone())] {
                let (old, mut new) = (params(), params());
                edit(&mut new, up);
                let got = hurts(&old, &new);
                let parties: Vec<Party> = got.iter().flat_map(|h| h.parties.clone()).collect();
                assert_eq!(parties, expected, "{param} raised: {up}");
                if !expected.is_empty() {
                    assert_eq!(got[0].param, param);
                }
            }
            assert!(hurts(&params(), &params()).is_empty(), "{param} unchanged");
        }
    }

    /// Every claimant limit × {raised, lowered, unchanged}, and a claimant
    /// added or removed.
    #[test]
    fn whom_each_claimant_change_can_hurt() {
        use Party::*;
        let base = ClaimantLimits {
            lifetime_cap: Uint128::new(1_000),
            window_cap: Uint128::new(100),
            window_seconds: 60,
        };
        let others = vec![Stakers, Traders, Lps];
        let with = |f: fn(&mut ClaimantLimits)| {
            let mut l = base.clone();
            f(&mut l);
            l
        };
        let rows = [
            (
                "lifetime_cap up",
                with(|l| l.lifetime_cap = Uint128::new(2_000)),
                vec![Underwriters],
            ),
            (
                "lifetime_cap down",
                with(|l| l.lifetime_cap = Uint128::new(10)),
                others.clone(),
            ),
            (
                "window_cap up",
                with(|l| l.window_cap = Uint128::new(200)),
                vec![Underwriters],
            ),
            (
                "window_cap down",
                with(|l| l.window_cap = Uint128::new(10)),
                others.clone(),
            ),
            (
                "window_seconds down",
                with(|l| l.window_seconds = 30),
                vec![Underwriters],
            ),
            (
                "window_seconds up",
                with(|l| l.window_seconds = 120),
                others.clone(),
            ),
            ("unchanged", base.clone(), vec![]),
        ];
        for (what, new, expected) in rows {
            assert_eq!(claimant_hurts(Some(&base), Some(&new)), expected, "{what}");
        }
        assert_eq!(
            claimant_hurts(None, Some(&base)),
            vec![Underwriters],
            "added"
        );
        assert_eq!(claimant_hurts(Some(&base), None), others, "removed");
    }

    #[test]
    fn underwriters_wait_their_cooldown_and_exit_window_and_others_the_notice() {
        let p = params();
        assert_eq!(p.eta_for(&[Party::Underwriters], 100, 0), 100 + 1_500 + 1);
        assert_eq!(p.eta_for(&[Party::Traders], 100, 0), 100 + 2_000 + 1);
        let mut p = params();
        let mut shorter = params();
        shorter.cooldown_seconds = 10;
        assert!(p.govern(shorter, 100, false, 0).is_empty());
        // unlocks under the old cooldown and window may be open until 1,600
        assert_eq!(p.exit_horizon, 1_600);
        assert_eq!(p.eta_for(&[Party::Underwriters], 200, 0), 1_601);
    }
}
