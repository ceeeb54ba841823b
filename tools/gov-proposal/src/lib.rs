//! Builds the JSON of a `wasmd tx gov submit-proposal` that changes the
//! parameters of the loss socializer, the fund vault or the staking
//! contract through `MsgSudoContract`, after validating the change with the
//! same Rust functions the contract runs, so an invalid proposal is caught
//! before it goes on-chain. [`impact`] says whether the change will queue,
//! whom it can hurt and its earliest `eta`, from the chain's current
//! parameters.

pub mod cli;
pub mod impact;
pub mod strict;

use backstop_types::params::{check_addr, check_addr_list, check_bounded, ParamError};
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
    /// The message is not a `GovMsg` of the target contract.
    NotAGovMsg(String),
    /// The message is not the target contract's `MigrateMsg`.
    NotAMigrateMsg(String),
    /// The message has a field the contract's type does not know (at this
    /// path, as `set_claimant.limits.windw`): the chain might drop it
    /// silently, so the proposal is refused.
    UnknownField(String),
    /// The migration names no code (code id 0).
    ZeroCodeId,
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
            ProposalError::NotAMigrateMsg(e) => {
                write!(f, "not a MigrateMsg of the target contract: {e}")
            }
            ProposalError::UnknownField(path) => write!(
                f,
                "unknown field `{path}`: the contract's message has no such field"
            ),
            ProposalError::ZeroCodeId => {
                write!(f, "--code-id: a migration needs a code id above 0")
            }
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
    let msg = gov_msg(args, msg_json)?;
    Ok(proposal(
        args,
        json!({
            "@type": "/cosmwasm.wasm.v1.MsgSudoContract",
            "authority": args.authority,
            "contract": args.contract,
            "msg": msg,
        }),
    ))
}

/// Validates `msg_json` as a `GovMsg` of the target contract, with the
/// contract's own rules, and returns it as the contract will read it. The
/// proposal's addresses are checked in the chain's prefix first.
pub fn gov_msg(args: &ProposalArgs, msg_json: &str) -> Result<Value, ProposalError> {
    let api = MockApi::default().with_prefix(args.prefix);
    check_addr(&api, "contract", &args.contract)?;
    check_addr(&api, "authority", &args.authority)?;
    match args.target {
        Target::Socializer => socializer_msg(args, &api, msg_json),
        Target::Vault => vault_msg(&api, msg_json),
        Target::Staking => staking_msg(&api, msg_json),
    }
}

/// Validates `msg_json` as the target contract's `MigrateMsg` and returns
/// the JSON of a proposal whose `MsgMigrateContract` moves the contract to
/// code `code_id`. The contracts refuse a migration from another contract
/// or to an older version when it executes.
pub fn build_migrate(
    args: &ProposalArgs,
    code_id: u64,
    msg_json: &str,
) -> Result<Value, ProposalError> {
    let api = MockApi::default().with_prefix(args.prefix);
    check_addr(&api, "contract", &args.contract)?;
    check_addr(&api, "authority", &args.authority)?;
    if code_id == 0 {
        return Err(ProposalError::ZeroCodeId);
    }
    let not_migrate = |e: ProposalError| match e {
        ProposalError::NotAGovMsg(e) => ProposalError::NotAMigrateMsg(e),
        other => other,
    };
    let msg = match args.target {
        Target::Socializer => to_value(
            &strict::parse::<backstop_types::socializer::MigrateMsg>(msg_json)
                .map_err(not_migrate)?,
        )?,
        Target::Vault => {
            to_value(&strict::parse::<fund_vault::MigrateMsg>(msg_json).map_err(not_migrate)?)?
        }
        Target::Staking => {
            to_value(&strict::parse::<staking::MigrateMsg>(msg_json).map_err(not_migrate)?)?
        }
    };
    Ok(proposal(
        args,
        json!({
            "@type": "/cosmwasm.wasm.v1.MsgMigrateContract",
            "sender": args.authority,
            "contract": args.contract,
            "code_id": code_id.to_string(),
            "msg": msg,
        }),
    ))
}

/// A proposal of one message.
fn proposal(args: &ProposalArgs, message: Value) -> Value {
    json!({
        "messages": [message],
        "metadata": "",
        "deposit": args.deposit,
        "title": args.title,
        "summary": args.summary,
        "expedited": false
    })
}

fn parse<T: serde::de::DeserializeOwned + serde::Serialize>(
    msg_json: &str,
) -> Result<T, ProposalError> {
    strict::parse(msg_json)
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

/// Parameters every update is applied to before the contract's own
/// `validate` runs: valid, so that an error names a field of the update.
fn vault_baseline() -> Result<fund_vault::Params, ProposalError> {
    Ok(fund_vault::ParamsMsg {
        cooldown_seconds: 7 * 86_400,
        exit_window_seconds: fund_vault::DEFAULT_EXIT_WINDOW_SECONDS,
        max_open_unlocks: 10,
        max_payout_fraction: cosmwasm_std::Decimal::one(),
        min_reserve: cosmwasm_std::Uint128::one(),
        notice_seconds: None,
    }
    .check(None)?)
}

/// A vault `GovMsg`, validated: a parameter update is applied to valid
/// parameters and checked with the vault's `Params::validate` (the
/// contract checks the merged result again on-chain).
fn vault_msg(api: &MockApi, msg_json: &str) -> Result<Value, ProposalError> {
    use fund_vault::GovMsg as G;
    let msg: G = parse(msg_json)?;
    match &msg {
        G::UpdateParams(u) => {
            vault_baseline()?.apply(u.clone())?;
        }
        G::SetClaimant(c) => {
            c.clone().check(api)?;
        }
        G::RemoveClaimant { address } => {
            check_addr(api, "claimant", address)?;
        }
        G::SetGuardian { address } | G::CancelPending { claimant: address } => {
            if let Some(a) = address {
                check_addr(api, "address", a)?;
            }
        }
        G::SetSlashSources {
            addresses,
            claimant,
        } => {
            check_addr_list(
                api,
                "slash_sources",
                addresses,
                fund_vault::MAX_SLASH_SOURCES,
            )?;
            if let Some(c) = claimant {
                check_addr(api, "slash_claimant", c)?;
            }
        }
        G::SetPause(_) => {}
    }
    to_value(&msg)
}

/// A staking `GovMsg`, validated: a parameter update is applied to valid
/// parameters with the staking contract's own `Params::apply`.
fn staking_msg(api: &MockApi, msg_json: &str) -> Result<Value, ProposalError> {
    use staking::GovMsg as G;
    let msg: G = parse(msg_json)?;
    match &msg {
        G::UpdateParams(u) => {
            let baseline = staking::ParamsMsg {
                unbonding_seconds: 7 * 86_400,
                max_slash_ratio: cosmwasm_std::Decimal::percent(30),
                max_open_unbondings: 10,
                exit_window_seconds: None,
                slashers: vec![],
                reward_funders: None,
                guardian: None,
                notice_seconds: None,
            }
            .check(api)?;
            baseline.apply(api, u.clone())?;
        }
        G::AddRewardAsset { asset } => {
            asset.clone().check(api)?;
        }
        G::SetGuardian { address: Some(a) } => {
            check_addr(api, "guardian", a)?;
        }
        G::SetGuardian { address: None } | G::CancelPending {} | G::SetPause(_) => {}
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

    fn for_target(target: Target) -> ProposalArgs {
        ProposalArgs { target, ..args() }
    }

    /// One valid example of every governance message of each contract.
    fn every_gov_msg() -> Vec<(Target, String)> {
        let api = MockApi::default().with_prefix("inj");
        let a = api.addr_make("someone").to_string();
        let limits = r#"{"lifetime_cap":"1000","window_cap":"100","window_seconds":86400}"#;
        let socializer = [
            r#"{"set_layers":{"layers":[{"staker_slash":{"max_ratio":"0.5"}},{"vault":{"max_fraction":"0.5"}}]}}"#.to_string(),
            r#"{"set_timelock":{"seconds":604800}}"#.into(),
            r#"{"cancel_pending":{}}"#.into(),
            format!(r#"{{"set_market":{{"id":"btc-perp","reporter":"{a}","recipient":"{a}","exposure_ceiling":"5000"}}}}"#),
            r#"{"set_market_risk":{"id":"btc-perp","risk":{"exposure_ceiling":"5000","limits":null}}}"#.into(),
            r#"{"set_limits":{"window_seconds":86400,"market_defaults":{},"overall":{}}}"#.into(),
            r#"{"set_recovery_order":{"order":["bad_debt","trader_haircuts","lp_haircuts","vault","stakers"]}}"#.into(),
            r#"{"remove_market":{"id":"btc-perp"}}"#.into(),
            r#"{"set_pause":{"reports":true}}"#.into(),
            format!(r#"{{"set_guardian":{{"address":"{a}"}}}}"#),
            r#"{"unfreeze_market":{"id":"btc-perp"}}"#.into(),
        ];
        let vault = [
            r#"{"update_params":{"cooldown_seconds":86400}}"#.to_string(),
            format!(r#"{{"set_claimant":{{"address":"{a}","limits":{limits}}}}}"#),
            format!(r#"{{"remove_claimant":{{"address":"{a}"}}}}"#),
            format!(r#"{{"set_guardian":{{"address":"{a}"}}}}"#),
            format!(r#"{{"set_slash_sources":{{"addresses":["{a}"],"claimant":"{a}"}}}}"#),
            r#"{"set_pause":{"payouts":true}}"#.into(),
            format!(r#"{{"cancel_pending":{{"claimant":"{a}"}}}}"#),
        ];
        let staking = [
            format!(r#"{{"update_params":{{"slashers":["{a}"],"max_slash_ratio":"0.4"}}}}"#),
            r#"{"cancel_pending":{}}"#.into(),
            r#"{"add_reward_asset":{"asset":{"native":{"denom":"inj"}}}}"#.into(),
            r#"{"set_guardian":{"address":null}}"#.into(),
            r#"{"set_pause":{"stakes":true}}"#.into(),
        ];
        let tag = |t: Target| move |m: String| (t, m);
        socializer
            .into_iter()
            .map(tag(Target::Socializer))
            .chain(vault.into_iter().map(tag(Target::Vault)))
            .chain(staking.into_iter().map(tag(Target::Staking)))
            .collect()
    }

    /// The variant name of a message.
    fn variant(msg: &str) -> String {
        let v: Value = serde_json::from_str(msg).unwrap();
        v.as_object().unwrap().keys().next().unwrap().clone()
    }

    #[test]
    fn every_governance_message_of_the_three_contracts_becomes_a_proposal() {
        let all = every_gov_msg();
        for (target, msg) in &all {
            let p = build(&for_target(*target), msg)
                .unwrap_or_else(|e| panic!("{target:?} {msg}: {e}"));
            assert!(p["messages"][0]["msg"][variant(msg)].is_object(), "{msg}");
        }
        // the examples cover every variant of each GovMsg (by the schema)
        let count = |t: Target| all.iter().filter(|(x, _)| *x == t).count();
        let variants = |schema: schemars::schema::RootSchema| {
            serde_json::to_value(schema).unwrap()["oneOf"]
                .as_array()
                .unwrap()
                .len()
        };
        assert_eq!(
            count(Target::Socializer),
            variants(schemars::schema_for!(GovMsg))
        );
        assert_eq!(
            count(Target::Vault),
            variants(schemars::schema_for!(fund_vault::GovMsg))
        );
        assert_eq!(
            count(Target::Staking),
            variants(schemars::schema_for!(staking::GovMsg))
        );
    }

    #[test]
    fn every_governance_message_with_an_unknown_field_is_refused() {
        for (target, msg) in every_gov_msg() {
            let name = variant(&msg);
            let mut v: Value = serde_json::from_str(&msg).unwrap();
            v[&name]["bogus"] = json!(1);
            let refused = build(&for_target(target), &v.to_string());
            let names_it = match &refused {
                Err(ProposalError::NotAGovMsg(m)) => m.contains("unknown field `bogus`"),
                Err(ProposalError::UnknownField(path)) => *path == format!("{name}.bogus"),
                _ => false,
            };
            assert!(names_it, "{target:?} {msg}: {refused:?}");
        }
    }

    #[test]
    fn a_parameter_update_is_checked_with_the_contracts_own_validate() {
        let vault = for_target(Target::Vault);
        assert!(matches!(
            build(
                &vault,
                r#"{"update_params":{"cooldown_seconds":999999999}}"#
            ),
            Err(ProposalError::Invalid(ParamError::AboveMax {
                name: "cooldown_seconds",
                ..
            }))
        ));
        assert!(matches!(
            build(&vault, r#"{"update_params":{"min_reserve":"0"}}"#),
            Err(ProposalError::Invalid(ParamError::MustBePositive {
                name: "min_reserve"
            }))
        ));
        let staking = for_target(Target::Staking);
        assert!(matches!(
            build(
                &staking,
                r#"{"update_params":{"max_open_unbondings":1000}}"#
            ),
            Err(ProposalError::Invalid(ParamError::AboveMax {
                name: "max_open_unbondings",
                ..
            }))
        ));
        assert!(matches!(
            build(
                &staking,
                r#"{"add_reward_asset":{"asset":{"cw20":{"address":"osmo1nope"}}}}"#
            ),
            Err(ProposalError::Invalid(ParamError::InvalidAddress { .. }))
        ));
    }

    #[test]
    fn a_migration_becomes_a_migrate_proposal_for_the_code_id_given() {
        for target in [Target::Socializer, Target::Vault, Target::Staking] {
            let p = build_migrate(&for_target(target), 42, "{}").unwrap();
            let m = &p["messages"][0];
            assert_eq!(m["@type"], "/cosmwasm.wasm.v1.MsgMigrateContract");
            assert_eq!(m["code_id"], "42");
            assert_eq!(m["sender"], args().authority);
            assert_eq!(m["msg"], json!({}));
        }
    }

    #[test]
    fn a_migration_whose_message_is_not_the_migrate_msg_is_refused() {
        let args = for_target(Target::Vault);
        assert!(matches!(
            build_migrate(&args, 42, r#"{"version":"2"}"#),
            Err(ProposalError::NotAMigrateMsg(e)) if e.contains("unknown field `version`")
        ));
        assert!(matches!(
            build_migrate(&args, 42, "[]"),
            Err(ProposalError::NotAMigrateMsg(_))
        ));
        assert_eq!(
            build_migrate(&args, 0, "{}"),
            Err(ProposalError::ZeroCodeId)
        );
    }
}
