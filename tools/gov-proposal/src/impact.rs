//! What a governance change will do on the chain as it is now: whether the
//! contract queues it, whom it can hurt, and its earliest `eta`, computed
//! with the contracts' own rules from their current parameters (the JSON
//! their `params` and `waterfall` queries return).

use backstop_types::governance::timelock::{eta, party_names, Party};
use backstop_types::socializer::{raises_risk, GovMsg, Waterfall};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::testing::MockApi;
use serde_json::{json, Value};

use crate::{ProposalError, Target};

/// The chain's current state, as far as the rule needs it.
#[derive(Default)]
pub struct ChainState {
    /// Block time (seconds).
    pub now: u64,
    /// The socializer's `{"waterfall":{}}`.
    pub waterfall: Option<Waterfall>,
    /// The vault's `{"params":{}}`.
    pub vault: Option<fund_vault::Params>,
    /// The staking contract's `{"params":{}}`.
    pub staking: Option<staking::Params>,
    /// The claimant's current limits, for a vault `set_claimant` (none: a
    /// new claimant).
    pub claimant: Option<fund_vault::ClaimantLimits>,
}

/// What a change will do.
#[derive(Debug, PartialEq)]
pub struct Impact {
    /// Whether the contract queues it.
    pub queues: bool,
    /// Whom it can hurt.
    pub hurts: Vec<Party>,
    /// When it is in force at the earliest (its eta when queued, now
    /// otherwise).
    pub eta: u64,
}

impl Impact {
    /// As JSON, for `--impact-out`.
    pub fn to_json(&self) -> Value {
        json!({"queues": self.queues, "hurts": party_names(&self.hurts), "eta": self.eta})
    }
}

fn missing(what: &str) -> ProposalError {
    ProposalError::NotAGovMsg(format!("the impact needs {what}"))
}

fn at_once(now: u64) -> Impact {
    Impact {
        queues: false,
        hurts: vec![],
        eta: now,
    }
}

fn sorted(mut parties: Vec<Party>) -> Vec<Party> {
    parties.sort();
    parties.dedup();
    parties
}

/// What `msg_json` (a `GovMsg` of `target`) will do on `chain`.
pub fn impact(target: Target, msg_json: &str, chain: &ChainState) -> Result<Impact, ProposalError> {
    let parse = |e: serde_json::Error| ProposalError::NotAGovMsg(e.to_string());
    match target {
        Target::Socializer => socializer(serde_json::from_str(msg_json).map_err(parse)?, chain),
        Target::Vault => vault(serde_json::from_str(msg_json).map_err(parse)?, chain),
        Target::Staking => staking_impact(serde_json::from_str(msg_json).map_err(parse)?, chain),
    }
}

/// A socializer change that can shift loss waits for every party's exit.
fn socializer(msg: GovMsg, chain: &ChainState) -> Result<Impact, ProposalError> {
    let now = chain.now;
    let w = chain
        .waterfall
        .as_ref()
        .ok_or_else(|| missing("--waterfall"))?;
    let queues = match &msg {
        GovMsg::SetLayers { layers } => raises_risk(&w.layers, layers),
        GovMsg::SetTimelock { seconds } => *seconds < w.timelock_seconds,
        GovMsg::SetMarketRisk { .. } | GovMsg::SetLimits(_) | GovMsg::SetRecoveryOrder { .. } => {
            true
        }
        _ => false,
    };
    if !queues {
        return Ok(at_once(now));
    }
    let mut wait = w.timelock_seconds;
    if let Some(v) = &chain.vault {
        wait = wait.max(v.wait_for(Party::Underwriters, now, 0));
    }
    if let Some(s) = &chain.staking {
        wait = wait.max(s.wait_for(Party::Stakers, now, 0));
    }
    Ok(Impact {
        queues,
        hurts: vec![
            Party::Stakers,
            Party::Underwriters,
            Party::Traders,
            Party::Lps,
        ],
        eta: eta(now, wait),
    })
}

fn vault(msg: fund_vault::GovMsg, chain: &ChainState) -> Result<Impact, ProposalError> {
    let now = chain.now;
    let params = chain
        .vault
        .as_ref()
        .ok_or_else(|| missing("--current (vault params)"))?;
    let hurts = match msg {
        fund_vault::GovMsg::UpdateParams(u) => {
            let next = params.apply(u)?;
            fund_vault::timelock::hurts(params, &next)
                .into_iter()
                .flat_map(|h| h.parties)
                .collect()
        }
        fund_vault::GovMsg::SetClaimant(c) => {
            fund_vault::claimant_hurts(chain.claimant.as_ref(), Some(&c.limits))
        }
        fund_vault::GovMsg::RemoveClaimant { .. } => {
            fund_vault::claimant_hurts(chain.claimant.as_ref(), None)
        }
        _ => vec![],
    };
    let hurts = sorted(hurts);
    let outside = chain
        .staking
        .as_ref()
        .map_or(0, |s| s.wait_for(Party::Stakers, now, 0));
    Ok(Impact {
        queues: !hurts.is_empty(),
        eta: if hurts.is_empty() {
            now
        } else {
            params.eta_for(&hurts, now, outside)
        },
        hurts,
    })
}

fn staking_impact(msg: staking::GovMsg, chain: &ChainState) -> Result<Impact, ProposalError> {
    let now = chain.now;
    let params = chain
        .staking
        .as_ref()
        .ok_or_else(|| missing("--current (staking params)"))?;
    let hurts = match msg {
        staking::GovMsg::UpdateParams(u) => {
            let api = MockApi::default();
            let next = params.apply(&api, u)?;
            staking::hurts(params, &next)
                .into_iter()
                .flat_map(|h| h.parties)
                .collect()
        }
        _ => vec![],
    };
    let hurts = sorted(hurts);
    let outside = chain
        .vault
        .as_ref()
        .map_or(0, |v| v.wait_for(Party::Underwriters, now, 0));
    let wait = hurts
        .iter()
        .map(|p| params.wait_for(*p, now, outside))
        .max();
    Ok(Impact {
        queues: !hurts.is_empty(),
        eta: wait.map_or(now, |w| eta(now, w)),
        hurts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use backstop_types::governance::timelock::DEFAULT_NOTICE_SECONDS;
    use cosmwasm_std::{Decimal, Uint128};

    fn vault_params() -> fund_vault::Params {
        fund_vault::ParamsMsg {
            cooldown_seconds: 604_800,
            exit_window_seconds: 172_800,
            max_open_unlocks: 5,
            max_payout_fraction: Decimal::percent(50),
            min_reserve: Uint128::new(1_000),
            notice_seconds: None,
        }
        .check(None)
        .unwrap()
    }

    #[test]
    fn a_vault_change_says_whether_it_queues_whom_it_hurts_and_when() {
        let chain = ChainState {
            now: 1_000,
            vault: Some(vault_params()),
            ..Default::default()
        };
        let up = r#"{"update_params":{"max_payout_fraction":"0.9"}}"#;
        assert_eq!(
            impact(Target::Vault, up, &chain).unwrap(),
            Impact {
                queues: true,
                hurts: vec![Party::Underwriters],
                eta: 1_000 + 604_800 + 172_800 + 1
            }
        );
        let down = r#"{"update_params":{"max_payout_fraction":"0.1"}}"#;
        let i = impact(Target::Vault, down, &chain).unwrap();
        assert_eq!(i.hurts, vec![Party::Stakers, Party::Traders, Party::Lps]);
        assert_eq!(i.eta, 1_000 + DEFAULT_NOTICE_SECONDS + 1);
        let neutral = r#"{"update_params":{"max_open_unlocks":9}}"#;
        assert_eq!(
            impact(Target::Vault, neutral, &chain).unwrap(),
            at_once(1_000)
        );
    }

    #[test]
    fn a_staking_change_needs_the_current_parameters() {
        let chain = ChainState::default();
        let msg = r#"{"update_params":{"max_slash_ratio":"0.9"}}"#;
        assert!(matches!(
            impact(Target::Staking, msg, &chain),
            Err(ProposalError::NotAGovMsg(e)) if e.contains("--current")
        ));
    }
}
