//! Builds the JSON of a `wasmd tx gov submit-proposal` that changes the
//! parameters of the loss socializer, the fund vault or the staking
//! contract through `MsgSudoContract`, after validating the change with the
//! same Rust functions the contract runs, so an invalid proposal is caught
//! before it goes on-chain. [`impact`] says whether the change will queue,
//! whom it can hurt and its earliest `eta`, from the chain's current
//! parameters.

pub mod impact;

use backstop_types::params::{check_addr, check_bounded, ParamError};
use backstop_types::socializer::{check_market_id, validate_layers, GovMsg, MAX_TIMELOCK_SECONDS};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::testing::MockApi;
use serde_json::{json, Value};

/// Which contract a proposal changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The loss socializer.
    Socializer,
    /// The fund vault.
    Vault,
    /// The staking contract.
    Staking,
}

impl std::str::FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "socializer" => Ok(Target::Socializer),
            "vault" => Ok(Target::Vault),
            "staking" => Ok(Target::Staking),
            other => Err(format!(
                "unknown target {other}: socializer, vault or staking"
            )),
        }
    }
}

/// What the proposal needs besides the change itself.
pub struct ProposalArgs {
    /// The contract the proposal changes.
    pub target: Target,
    /// Bech32 prefix of the chain (`inj`, `neutron`, `osmo`, ...).
    pub prefix: &'static str,
    /// The socializer's address.
    pub contract: String,
    /// The gov module's address (the proposal's authority).
    pub authority: String,
    /// Whether the socializer has a staking contract (needed by a staker layer).
    pub has_staking: bool,
    /// The staking unbonding period, when known: a timelock must cover it.
    pub unbonding_seconds: Option<u64>,
    /// Proposal title.
    pub title: String,
    /// Proposal summary.
    pub summary: String,
    /// Deposit, e.g. `10000000inj`.
    pub deposit: String,
}

/// Why a proposal was refused.
#[derive(Debug, PartialEq)]
pub enum ProposalError {
    /// The message is not a socializer `GovMsg`.
    NotAGovMsg(String),
    /// A parameter is invalid, exactly as the contract would say.
    Invalid(ParamError),
    /// The timelock would not cover the staking unbonding period.
    TimelockBelowUnbonding {
        /// Timelock asked for.
        timelock: u64,
        /// Unbonding period.
        unbonding: u64,
    },
}

impl std::fmt::Display for ProposalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProposalError::NotAGovMsg(e) => write!(f, "not a GovMsg of the target contract: {e}"),
            ProposalError::Invalid(e) => write!(f, "invalid parameter: {e}"),
            ProposalError::TimelockBelowUnbonding {
                timelock,
                unbonding,
            } => {
                write!(f, "timelock {timelock}s is shorter than the staking unbonding period {unbonding}s")
            }
        }
    }
}

impl From<ParamError> for ProposalError {
    fn from(e: ParamError) -> Self {
        ProposalError::Invalid(e)
    }
}

/// Validates `msg_json` as the contract would and returns the proposal JSON.
pub fn build(args: &ProposalArgs, msg_json: &str) -> Result<Value, ProposalError> {
    let api = MockApi::default().with_prefix(args.prefix);
    check_addr(&api, "contract", &args.contract)?;
    check_addr(&api, "authority", &args.authority)?;
    let msg = match args.target {
        Target::Socializer => socializer_msg(args, &api, msg_json)?,
        Target::Vault => vault_msg(&api, msg_json)?,
        Target::Staking => staking_msg(&api, msg_json)?,
    };
    Ok(json!({
        "messages": [{
            "@type": "/cosmwasm.wasm.v1.MsgSudoContract",
            "authority": args.authority,
            "contract": args.contract,
            "msg": msg,
        }],
        "metadata": "",
        "deposit": args.deposit,
        "title": args.title,
        "summary": args.summary,
        "expedited": false
    }))
}

fn parse<T: serde::de::DeserializeOwned>(msg_json: &str) -> Result<T, ProposalError> {
    serde_json::from_str(msg_json).map_err(|e| ProposalError::NotAGovMsg(e.to_string()))
}

fn to_value<T: serde::Serialize>(msg: &T) -> Result<Value, ProposalError> {
    serde_json::to_value(msg).map_err(|e| ProposalError::NotAGovMsg(e.to_string()))
}

/// A socializer `GovMsg`, validated.
fn socializer_msg(
    args: &ProposalArgs,
    api: &MockApi,
    msg_json: &str,
) -> Result<Value, ProposalError> {
    let msg: GovMsg = parse(msg_json)?;
    match &msg {
        GovMsg::SetLayers { layers } => validate_layers(layers, args.has_staking)?,
        GovMsg::SetTimelock { seconds } => {
            check_bounded("timelock_seconds", *seconds, MAX_TIMELOCK_SECONDS)?;
            if let Some(unbonding) = args.unbonding_seconds {
                if *seconds < unbonding {
                    return Err(ProposalError::TimelockBelowUnbonding {
                        timelock: *seconds,
                        unbonding,
                    });
                }
            }
        }
        GovMsg::SetMarket(m) => {
            m.check(api)?;
            m.risk()?;
        }
        GovMsg::SetMarketRisk { id, risk } => {
            check_market_id(id)?;
            risk.validate()?;
        }
        GovMsg::SetLimits(limits) => limits.validate()?,
        GovMsg::SetRecoveryOrder { order } => {
            backstop_types::socializer::validate_recovery_order(order)?
        }
        GovMsg::RemoveMarket { id } | GovMsg::UnfreezeMarket { id } => check_market_id(id)?,
        GovMsg::SetGuardian { address } => {
            if let Some(a) = address {
                check_addr(api, "guardian", a)?;
            }
        }
        GovMsg::CancelPending {} | GovMsg::SetPause(_) => {}
    }
    to_value(&msg)
}

/// A vault `GovMsg`, validated (a parameter update against the defaults'
/// bounds: the contract checks the merged result again).
fn vault_msg(api: &MockApi, msg_json: &str) -> Result<Value, ProposalError> {
    let msg: fund_vault::GovMsg = parse(msg_json)?;
    match &msg {
        fund_vault::GovMsg::UpdateParams(u) => {
            if let Some(n) = u.notice_seconds {
                backstop_types::governance::timelock::check_notice(n)?;
            }
            if let Some(f) = u.max_payout_fraction {
                backstop_types::params::check_fraction("max_payout_fraction", f)?;
            }
        }
        fund_vault::GovMsg::SetClaimant(c) => {
            c.clone().check(api)?;
        }
        fund_vault::GovMsg::RemoveClaimant { address } => {
            check_addr(api, "claimant", address)?;
        }
        fund_vault::GovMsg::SetGuardian { address: Some(a) } => {
            check_addr(api, "guardian", a)?;
        }
        fund_vault::GovMsg::SetSlashSources {
            addresses,
            claimant,
        } => {
            for a in addresses {
                check_addr(api, "slash_sources", a)?;
            }
            if let Some(c) = claimant {
                check_addr(api, "slash_claimant", c)?;
            }
        }
        _ => {}
    }
    to_value(&msg)
}

/// A staking `GovMsg`, validated.
fn staking_msg(api: &MockApi, msg_json: &str) -> Result<Value, ProposalError> {
    let msg: staking::GovMsg = parse(msg_json)?;
    match &msg {
        staking::GovMsg::UpdateParams(u) => {
            if let Some(n) = u.notice_seconds {
                backstop_types::governance::timelock::check_notice(n)?;
            }
            if let Some(r) = u.max_slash_ratio {
                backstop_types::params::check_fraction("max_slash_ratio", r)?;
            }
            if let Some(list) = &u.slashers {
                for a in list {
                    check_addr(api, "slashers", a)?;
                }
            }
        }
        staking::GovMsg::SetGuardian { address: Some(a) } => {
            check_addr(api, "guardian", a)?;
        }
        _ => {}
    }
    to_value(&msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> ProposalArgs {
        let api = MockApi::default().with_prefix("inj");
        ProposalArgs {
            target: Target::Socializer,
            prefix: "inj",
            contract: api.addr_make("socializer").to_string(),
            authority: api.addr_make("gov").to_string(),
            has_staking: true,
            unbonding_seconds: Some(604_800),
            title: "Raise the trader haircut cap".into(),
            summary: "Raise it to 30%".into(),
            deposit: "10000000inj".into(),
        }
    }

    #[test]
    fn a_valid_layer_change_becomes_a_sudo_proposal() {
        let msg = r#"{"set_layers":{"layers":[{"staker_slash":{"max_ratio":"0.5"}},{"vault":{"max_fraction":"0.5"}},{"trader_profit_haircut":{"max_ratio":"0.3"}}]}}"#;
        let p = build(&args(), msg).unwrap();
        let m = &p["messages"][0];
        assert_eq!(m["@type"], "/cosmwasm.wasm.v1.MsgSudoContract");
        assert_eq!(
            m["msg"]["set_layers"]["layers"][2]["trader_profit_haircut"]["max_ratio"],
            "0.3"
        );
        assert_eq!(p["deposit"], "10000000inj");
    }

    #[test]
    fn an_invalid_change_is_refused_with_the_contracts_own_error() {
        let dup = r#"{"set_layers":{"layers":[{"vault":{"max_fraction":"0.5"}},{"vault":{"max_fraction":"0.4"}}]}}"#;
        assert_eq!(
            build(&args(), dup),
            Err(ProposalError::Invalid(ParamError::Duplicate {
                name: "layers",
                item: "vault".into()
            }))
        );
        let above = r#"{"set_layers":{"layers":[{"lp_haircut":{"max_ratio":"1.5"}}]}}"#;
        assert!(matches!(
            build(&args(), above),
            Err(ProposalError::Invalid(ParamError::FractionAboveOne { .. }))
        ));
        let short = r#"{"set_timelock":{"seconds":60}}"#;
        assert_eq!(
            build(&args(), short),
            Err(ProposalError::TimelockBelowUnbonding {
                timelock: 60,
                unbonding: 604_800
            })
        );
        assert!(matches!(
            build(&args(), r#"{"nonsense":{}}"#),
            Err(ProposalError::NotAGovMsg(_))
        ));
        // a misspelled field is refused, not dropped from the proposal
        let misspelled = r#"{"set_pause":{"report":true}}"#;
        assert!(matches!(
            build(&args(), misspelled),
            Err(ProposalError::NotAGovMsg(e)) if e.contains("unknown field `report`")
        ));
        let mut wrong_chain = args();
        wrong_chain.prefix = "osmo";
        assert!(matches!(
            build(&wrong_chain, r#"{"cancel_pending":{}}"#),
            Err(ProposalError::Invalid(ParamError::InvalidAddress {
                name: "contract",
                ..
            }))
        ));
    }
}
