//! `backstop propose`: the proposal writer of `scripts/gov-proposal.sh` as a
//! subcommand. Its proposals run on a chain the deploy plan built; a
//! migration proposal migrates; a message the contract would read
//! otherwise than written is refused and nothing is written.

use std::path::{Path, PathBuf};
use std::process::Command;

use backstop::deploy::plan::Plan;
use backstop::deploy::{self, Chain, DeployFile};
use backstop::engine::Engine;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn full_plan() -> Plan {
    let file = DeployFile::load(&root().join("examples/deploy/full.toml")).unwrap();
    let chain = Chain {
        prefix: "inj",
        authority: None,
        deployer: None,
        profile: None,
    };
    Plan::new(&deploy::build(&file, &chain, &backstop::artifacts::dir()).unwrap())
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backstop-propose-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `backstop propose` for `role` of `plan` with `msg` and `extra`
/// options; the exit status, the proposal written (if any) and stderr.
fn propose(plan: &Plan, role: &str, msg: &str, extra: &[&str]) -> (i32, Option<Value>, String) {
    let dir = temp_dir(&format!("{role}-{}", msg.len()));
    let msg_file = dir.join("msg.json");
    std::fs::write(&msg_file, msg).unwrap();
    let out = dir.join("proposal.json");
    let output = Command::new(env!("CARGO_BIN_EXE_backstop"))
        .args(["propose", "--target", role, "--prefix", "inj"])
        .args(["--contract", plan.address(role).unwrap()])
        .args(["--authority", &plan.authority])
        .args(["--msg", msg_file.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    let written = std::fs::read_to_string(&out)
        .ok()
        .map(|t| serde_json::from_str(&t).unwrap());
    let code = output.status.code().unwrap_or(-1);
    (
        code,
        written,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn query(chain: &mut dyn Engine, contract: &str, q: &str) -> Value {
    serde_json::from_slice(&chain.query(contract, q.as_bytes()).unwrap()).unwrap()
}

#[test]
fn proposals_for_each_contract_run_on_the_chain_the_plan_deployed() {
    let plan = full_plan();
    let mut chain = deploy::run::execute(&plan, &[]).unwrap();
    let changes = [
        ("socializer", r#"{"set_pause":{"reports":true}}"#),
        ("vault", r#"{"set_pause":{"deposits":true}}"#),
        ("staking", r#"{"set_pause":{"stakes":true}}"#),
    ];
    for (role, msg) in changes {
        let (code, proposal, err) = propose(&plan, role, msg, &[]);
        assert_eq!(code, 0, "{role}: {err}");
        let proposal = proposal.expect("written");
        assert_eq!(
            proposal["messages"][0]["@type"],
            "/cosmwasm.wasm.v1.MsgSudoContract"
        );
        deploy::run::submit(&mut chain, &plan, &proposal).unwrap();
    }
    let soc = plan.address("socializer").unwrap();
    assert_eq!(
        query(&mut chain, soc, r#"{"waterfall":{}}"#)["pause"]["reports"],
        true
    );
    let vault = plan.address("vault").unwrap();
    assert_eq!(
        query(&mut chain, vault, r#"{"params":{}}"#)["pause"]["deposits"],
        true
    );
}

#[test]
fn a_migrate_proposal_migrates_the_contract_on_the_vm() {
    let plan = full_plan();
    let mut chain = deploy::run::execute(&plan, &[]).unwrap();
    let ids = deploy::run::code_ids(&plan);
    let (socializer_code, _) = ids
        .iter()
        .find(|(_, c)| **c == backstop::engine::Code::Socializer)
        .unwrap();
    let id = socializer_code.to_string();
    let (code, proposal, err) = propose(&plan, "socializer", "{}", &["--code-id", &id]);
    assert_eq!(code, 0, "{err}");
    let proposal = proposal.unwrap();
    let m = &proposal["messages"][0];
    assert_eq!(m["@type"], "/cosmwasm.wasm.v1.MsgMigrateContract");
    assert_eq!(m["code_id"], id.as_str());
    assert_eq!(m["sender"], plan.authority.as_str());
    deploy::run::submit(&mut chain, &plan, &proposal).unwrap();
    // a code that is another contract's is refused by the contract itself
    let mut wrong = proposal.clone();
    wrong["messages"][0]["code_id"] = Value::String("1".into());
    let err = deploy::run::submit(&mut chain, &plan, &wrong).unwrap_err();
    assert!(err.reason.contains("cannot migrate from contract"), "{err}");
}

#[test]
fn a_migrate_message_that_is_not_the_contracts_migrate_msg_is_refused_and_nothing_is_written() {
    let plan = full_plan();
    let (code, written, err) = propose(
        &plan,
        "vault",
        r#"{"version":"0.3.0"}"#,
        &["--code-id", "4"],
    );
    assert_eq!(code, 1);
    assert!(written.is_none());
    assert!(
        err.contains("not a MigrateMsg") && err.contains("`version`"),
        "{err}"
    );
    let (code, _, err) = propose(&plan, "vault", "{}", &["--code-id", "0"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_proposal_with_an_unknown_field_is_refused_and_nothing_is_written() {
    let plan = full_plan();
    let soc = plan.address("socializer").unwrap();
    // ClaimantLimits itself accepts unknown fields: the writer does not
    let msg = format!(
        r#"{{"set_claimant":{{"address":"{soc}","limits":{{"lifetime_cap":"1","window_cap":"1","window_seconds":60,"windw":5}}}}}}"#
    );
    let (code, written, err) = propose(&plan, "vault", &msg, &[]);
    assert_eq!(code, 1);
    assert!(written.is_none());
    assert!(
        err.contains("unknown field `set_claimant.limits.windw`"),
        "{err}"
    );
    let (code, written, err) = propose(&plan, "staking", r#"{"set_pause":{"stake":true}}"#, &[]);
    assert_eq!((code, written.is_none()), (1, true));
    assert!(err.contains("unknown field `stake`"), "{err}");
    // and an option the writer does not know is a usage error
    let (code, _, err) = propose(
        &plan,
        "staking",
        r#"{"cancel_pending":{}}"#,
        &["--titel", "x"],
    );
    assert_eq!(code, 2, "{err}");
}
