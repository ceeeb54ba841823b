//! Which staking parameter changes raise someone's share of a loss, and the
//! queued change that holds them until their `eta` (see
//! [`crate::governance::timelock`] for the rule).
//!
//! | parameter | raised hurts | lowered hurts |
//! |---|---|---|
//! | `max_slash_ratio` | stakers | underwriters, traders, LPs (the layers after the stakers) |
//! | `unbonding_seconds` | stakers (locked in longer) | nobody (applies at once; the exit horizon keeps later changes waiting for exits under the old period) |
//! | `slashers` | stakers, when one is added | underwriters, traders, LPs, when one is removed |
//! | `exit_window_seconds` | nobody | nobody (fixed per entry: entries already open keep theirs) |
//! | `notice_seconds` | nobody | underwriters, traders, LPs (less notice) |
//! | others | nobody | nobody |

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal};

use super::Params;
use crate::governance::timelock::{eta, exit_wait, horizon_after, Hurt, Party};

/// The layers after the stakers.
const LATER: [Party; 3] = [Party::Underwriters, Party::Traders, Party::Lps];

/// A queued change of the risk parameters; fields left `None` stay as they
/// are.
#[cw_serde]
pub struct PendingParams {
    /// Block time (seconds) from which it is in force.
    pub eta: u64,
    /// New unbonding period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unbonding_seconds: Option<u64>,
    /// New slash cap per event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_slash_ratio: Option<Decimal>,
    /// New slasher list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slashers: Option<Vec<Addr>>,
    /// New notice period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_seconds: Option<u64>,
}

/// Whom moving from `old` to `new` can hurt, per parameter. Pure; empty
/// when the change applies at once.
pub fn hurts(old: &Params, new: &Params) -> Vec<Hurt> {
    let mut out = vec![];
    out.extend(Hurt::by_order(
        "max_slash_ratio",
        old.max_slash_ratio,
        new.max_slash_ratio,
        &[Party::Stakers],
        &LATER,
    ));
    out.extend(Hurt::by_order(
        "unbonding_seconds",
        old.unbonding_seconds,
        new.unbonding_seconds,
        &[Party::Stakers],
        &[],
    ));
    out.extend(Hurt::by_order(
        "notice_seconds",
        old.notice_seconds,
        new.notice_seconds,
        &[],
        &LATER,
    ));
    let added = new.slashers.iter().any(|s| !old.slashers.contains(s));
    let removed = old.slashers.iter().any(|s| !new.slashers.contains(s));
    let mut parties = vec![];
    if added {
        parties.push(Party::Stakers);
    }
    if removed {
        parties.extend(LATER);
    }
    if !parties.is_empty() {
        out.push(Hurt {
            param: "slashers",
            parties,
        });
    }
    out
}

impl Params {
    /// How long from `now` a change hurting `party` must wait under these
    /// parameters: stakers their unbonding period (and the exit horizon),
    /// anyone else the notice period, or `outside` (the exit of the parties
    /// outside this contract that it can read: the vault's underwriters
    /// when the stake is vault shares), whichever is longer.
    pub fn wait_for(&self, party: Party, now: u64, outside: u64) -> u64 {
        match party {
            Party::Stakers => exit_wait(now, self.unbonding_seconds, self.exit_horizon),
            _ => self.notice_seconds.max(outside),
        }
    }

    /// Moves to `next` as governance asked at `now`: parameters that can
    /// hurt someone are queued (replacing any queued change) and keep their
    /// value, the rest apply at once. Returns what was queued, with whom it
    /// hurts.
    ///
    /// With `nobody_in` (the contract holds no one's stake yet), a change
    /// that could hurt only its own party applies at once: there is nobody
    /// to hurt.
    pub fn govern(&mut self, next: Params, now: u64, nobody_in: bool, outside: u64) -> Vec<Hurt> {
        let mut hurt = hurts(self, &next);
        if nobody_in {
            for h in hurt.iter_mut() {
                h.parties.retain(|p| *p != Party::Stakers);
            }
            hurt.retain(|h| !h.parties.is_empty());
        }
        let queued = |p: &str| hurt.iter().any(|h| h.param == p);
        let wait = hurt
            .iter()
            .flat_map(|h| h.parties.iter())
            .map(|p| self.wait_for(*p, now, outside))
            .max()
            .unwrap_or(0);
        let old = std::mem::replace(self, next);
        if !hurt.is_empty() {
            let mut p = PendingParams {
                eta: eta(now, wait),
                unbonding_seconds: None,
                max_slash_ratio: None,
                slashers: None,
                notice_seconds: None,
            };
            if queued("unbonding_seconds") {
                p.unbonding_seconds = Some(self.unbonding_seconds);
                self.unbonding_seconds = old.unbonding_seconds;
            }
            if queued("max_slash_ratio") {
                p.max_slash_ratio = Some(self.max_slash_ratio);
                self.max_slash_ratio = old.max_slash_ratio;
            }
            if queued("slashers") {
                p.slashers = Some(std::mem::replace(&mut self.slashers, old.slashers));
            }
            if queued("notice_seconds") {
                p.notice_seconds = Some(self.notice_seconds);
                self.notice_seconds = old.notice_seconds;
            }
            self.pending = Some(p);
        }
        self.exit_horizon = horizon_after(
            old.exit_horizon,
            now,
            old.unbonding_seconds,
            self.unbonding_seconds,
        );
        hurt
    }

    /// Applies the queued change if its time has come; returns it.
    pub fn mature(&mut self, now: u64) -> Option<PendingParams> {
        let p = self.pending.take_if(|p| p.eta <= now)?;
        if let Some(v) = p.unbonding_seconds {
            self.unbonding_seconds = v;
        }
        if let Some(v) = p.max_slash_ratio {
            self.max_slash_ratio = v;
        }
        if let Some(v) = &p.slashers {
            self.slashers = v.clone();
        }
        if let Some(v) = p.notice_seconds {
            self.notice_seconds = v;
        }
        Some(p)
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

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::Addr;

    fn params() -> Params {
        Params {
            unbonding_seconds: 1_000,
            max_slash_ratio: Decimal::percent(30),
            max_open_unbondings: 5,
            exit_window_seconds: 100,
            claims_resumed_at: 0,
            slashers: vec![Addr::unchecked("a")],
            reward_funders: None,
            guardian: None,
            notice_seconds: 2_000,
            exit_horizon: 0,
            pending: None,
        }
    }

    /// Every parameter × {raised, lowered, unchanged}, with whom it hurts.
    #[test]
    fn whom_each_staking_change_can_hurt() {
        use Party::*;
        type Edit = fn(&mut Params, bool);
        let later = vec![Underwriters, Traders, Lps];
        let rows: Vec<(&str, Edit, Vec<Party>, Vec<Party>)> = vec![
            (
                "max_slash_ratio",
                |p, up| p.max_slash_ratio = Decimal::percent(if up { 40 } else { 20 }),
                vec![Stakers],
                later.clone(),
            ),
            (
                "unbonding_seconds",
                |p, up| p.unbonding_seconds = if up { 2_000 } else { 500 },
                vec![Stakers],
                vec![],
            ),
            (
                "notice_seconds",
                |p, up| p.notice_seconds = if up { 3_000 } else { 1_000 },
                vec![],
                later.clone(),
            ),
            (
                "slashers",
                |p, up| match up {
                    true => p.slashers.push(Addr::unchecked("b")),
                    false => p.slashers.clear(),
                },
                vec![Stakers],
                later.clone(),
            ),
            (
                "max_open_unbondings",
                |p, up| p.max_open_unbondings = if up { 9 } else { 1 },
                vec![],
                vec![],
            ),
            (
                "reward_funders",
                |p, up| p.reward_funders = up.then(Vec::new),
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

    #[test]
    fn a_queued_change_keeps_the_old_value_until_its_eta_and_the_rest_applies_at_once() {
        let mut p = params();
        let mut next = params();
        next.max_slash_ratio = Decimal::percent(50);
        next.max_open_unbondings = 9;
        let hurt = p.govern(next, 100, false, 0);
        assert_eq!(hurt.len(), 1);
        assert_eq!(p.max_slash_ratio, Decimal::percent(30));
        assert_eq!(p.max_open_unbondings, 9);
        // stakers wait their unbonding period
        assert_eq!(p.pending.as_ref().unwrap().eta, 100 + 1_000 + 1);
        assert!(p.mature(1_100).is_none());
        assert!(p.mature(1_101).is_some());
        assert_eq!(p.max_slash_ratio, Decimal::percent(50));
    }

    #[test]
    fn shortening_unbonding_keeps_later_changes_waiting_for_those_already_leaving() {
        let mut p = params();
        let mut shorter = params();
        shorter.unbonding_seconds = 10;
        assert!(p.govern(shorter, 100, false, 0).is_empty());
        assert_eq!((p.unbonding_seconds, p.exit_horizon), (10, 1_100));
        let mut raise = p.clone();
        raise.max_slash_ratio = Decimal::percent(50);
        p.govern(raise, 200, false, 0);
        // past 1,100, when the last unbonding under the old period ends
        assert_eq!(p.pending.unwrap().eta, 1_101);
    }

    #[test]
    fn with_no_stakers_a_change_that_hurts_only_stakers_applies_at_once() {
        let mut p = params();
        let mut next = params();
        next.max_slash_ratio = Decimal::percent(50);
        assert!(p.govern(next, 100, true, 0).is_empty());
        assert_eq!(p.max_slash_ratio, Decimal::percent(50));
        let mut drop = p.clone();
        drop.slashers.clear();
        assert_eq!(
            p.govern(drop, 100, true, 0).len(),
            1,
            "the later layers are still there"
        );
    }
}
