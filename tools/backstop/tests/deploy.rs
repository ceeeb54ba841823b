//! `backstop deploy` and `check-wiring`: every profile's plan runs on the
//! embedded VM exactly as written and leaves every link in place; a plan
//! that misses a step is reported with the message that fixes it, from the
//! chain and from saved query answers; a bad deploy file is refused with
//! its field named, and nothing is written.

use std::path::{Path, PathBuf};
use std::process::Command;

use backstop::deploy::plan::{Action, Plan};
use backstop::deploy::{self, Chain, DeployError, DeployFile};
use backstop::engine::Engine;
use backstop::wiring::{self, LinkState, OnChain, SavedQueries, QUERIES};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn inj() -> Chain {
    Chain {
        prefix: "inj",
        authority: None,
        deployer: None,
        profile: None,
    }
}

fn plan_of_text(text: &str) -> Result<Plan, DeployError> {
    let file = DeployFile::parse(text)?;
    let d = deploy::build(&file, &inj(), &backstop::artifacts::dir())?;
    Ok(Plan::new(&d))
}

fn plan_of(example: &str) -> Plan {
    let text = std::fs::read_to_string(root().join("examples/deploy").join(example)).unwrap();
    plan_of_text(&text).unwrap_or_else(|e| panic!("{example}: {e}"))
}

fn links_on_vm(plan: &Plan, skip: &[&str]) -> Vec<LinkState> {
    let skip: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
    let mut chain = deploy::run::execute(plan, &skip).unwrap_or_else(|e| panic!("{e}"));
    wiring::check(&mut OnChain(&mut chain), Some(plan), None).unwrap()
}

fn missing(links: &[LinkState]) -> Vec<&str> {
    links
        .iter()
        .filter(|l| !l.ok && l.required)
        .map(|l| l.name.as_str())
        .collect()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backstop-deploy-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_full_profile_deploys_on_the_vm_as_planned_with_every_link_in_place() {
    let plan = plan_of("full.toml");
    let kinds: Vec<&str> = plan
        .steps
        .iter()
        .map(|s| match s.action {
            Action::StoreCode { .. } => "store",
            Action::Instantiate2 { .. } => "instantiate2",
            Action::Proposal { .. } => "proposal",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "store",
            "store",
            "store",
            "instantiate2",
            "instantiate2",
            "instantiate2",
            "proposal"
        ]
    );
    // every wiring message of the issue: claimant, slash sources, slasher, markets
    let Action::Proposal {
        links, proposal, ..
    } = &plan.steps[6].action
    else {
        panic!("the last step is the wiring proposal");
    };
    let ids: Vec<&str> = links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "vault-claimant",
            "vault-slash-sources",
            "staking-slasher",
            "market-btc-perp",
            "market-eth-perp"
        ]
    );
    for m in proposal["messages"].as_array().unwrap() {
        assert_eq!(m["@type"], "/cosmwasm.wasm.v1.MsgSudoContract");
        assert_eq!(m["authority"], plan.authority);
    }
    // the gov module of Injective, derived from the prefix
    assert_eq!(plan.authority, "inj10d07y265gmmuvt4z0w9aw880jnsr700jstypyt");
    let links = links_on_vm(&plan, &[]);
    assert_eq!(links.len(), 7, "{links:?}");
    assert!(wiring::complete(&links), "{}", wiring::report(&links));
    assert!(links.iter().all(|l| l.ok), "{}", wiring::report(&links));
}

#[test]
fn the_vault_profiles_deploy_on_the_vm_with_every_market_a_claimant() {
    for (example, contracts) in [("vault.toml", 1), ("vault-staking.toml", 2)] {
        let plan = plan_of(example);
        assert_eq!(plan.contracts.len(), contracts, "{example}");
        let links = links_on_vm(&plan, &[]);
        let markets = if example == "vault.toml" { 2 } else { 1 };
        assert_eq!(links.len(), markets, "{example}: {links:?}");
        assert!(
            links.iter().all(|l| l.ok),
            "{example}: {}",
            wiring::report(&links)
        );
    }
}

#[test]
fn a_deployment_that_missed_wiring_messages_is_reported_with_the_messages_that_fix_them() {
    let plan = plan_of("full.toml");
    let links = links_on_vm(
        &plan,
        &["staking-slasher", "vault-claimant", "market-eth-perp"],
    );
    assert_eq!(
        missing(&links),
        [
            "vault claimant",
            "staking slasher",
            &*format!(
                "vault claimant {} with its limits",
                plan.address("socializer").unwrap()
            ),
            "market eth-perp registered on the socializer",
        ]
    );
    assert!(!wiring::complete(&links));
    let slasher = links.iter().find(|l| l.name == "staking slasher").unwrap();
    assert!(
        slasher.fix.contains(plan.address("staking").unwrap()),
        "{}",
        slasher.fix
    );
    assert!(slasher.fix.contains("\"slashers\""), "{}", slasher.fix);
    let market = links.iter().find(|l| l.name.contains("eth-perp")).unwrap();
    assert!(market.fix.contains(r#""set_market""#), "{}", market.fix);
    // the hook link is optional only where the plan does not want it
    let without_hook = links_on_vm(&plan, &["vault-slash-sources"]);
    assert!(missing(&without_hook)
        .contains(&"vault hook link (optional: saves one vault execution per report)"));
}

#[test]
fn a_plan_whose_address_is_not_where_the_chain_puts_the_contract_fails_at_that_step() {
    let mut plan = plan_of("full.toml");
    let Action::Instantiate2 { address, .. } = &mut plan.steps[4].action else {
        panic!("step 5 instantiates the staking contract");
    };
    *address = plan.contracts[0].address.clone();
    let err = deploy::run::execute(&plan, &[]).map(|_| ()).unwrap_err();
    assert_eq!(err.step, "5. instantiate-staking");
    assert!(
        err.reason.contains("the chain puts this contract at"),
        "{err}"
    );
}

/// Saves the answers check-wiring reads, as `wasmd q … -o json` prints them.
fn save_queries(plan: &Plan, skip: &[&str], dir: &Path) {
    let skip: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
    let mut chain = deploy::run::execute(plan, &skip).unwrap();
    for (file, role, query) in QUERIES {
        let Some(address) = plan.address(role) else {
            continue;
        };
        let answer = chain.query(address, query.as_bytes()).unwrap();
        let data: serde_json::Value = serde_json::from_slice(&answer).unwrap();
        let text = serde_json::json!({ "data": data }).to_string();
        std::fs::write(dir.join(file), text).unwrap();
    }
}

#[test]
fn check_wiring_reads_saved_query_answers_as_it_reads_the_chain() {
    let plan = plan_of("full.toml");
    let skip = ["staking-slasher", "market-btc-perp"];
    let dir = temp_dir("saved");
    save_queries(&plan, &skip, &dir);
    let saved = wiring::check(&mut SavedQueries { dir: dir.clone() }, Some(&plan), None).unwrap();
    assert_eq!(saved, links_on_vm(&plan, &skip));
    assert_eq!(
        missing(&saved),
        [
            "staking slasher",
            "market btc-perp registered on the socializer"
        ]
    );
    // without the plan, the socializer's own links
    let soc = plan.address("socializer").unwrap();
    let own = wiring::check(&mut SavedQueries { dir: dir.clone() }, None, Some(soc)).unwrap();
    assert_eq!(own.len(), 4);
    // a missing file says how to save it
    std::fs::remove_file(dir.join("markets.json")).unwrap();
    let err = wiring::check(&mut SavedQueries { dir }, Some(&plan), None).unwrap_err();
    assert!(err.contains("wasmd q wasm contract-state smart"), "{err}");
}

fn backstop(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_backstop"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn the_check_wiring_command_exits_non_zero_when_a_link_is_missing() {
    let dir = temp_dir("cli");
    let out = dir.join("plan");
    let out_s = out.to_str().unwrap();
    let (code, _, err) = backstop(&[
        "deploy",
        "examples/deploy/full.toml",
        "--prefix",
        "inj",
        "--out",
        out_s,
    ]);
    assert_eq!(code, 0, "{err}");
    let plan_file = out.join("plan.json");
    let plan_s = plan_file.to_str().unwrap();
    let plan = Plan::parse(&std::fs::read_to_string(&plan_file).unwrap()).unwrap();
    assert_eq!(plan, plan_of("full.toml"));
    let proposal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("wire-proposal.json")).unwrap())
            .unwrap();
    assert_eq!(Some(&proposal), plan.proposal());

    let (code, report, _) = backstop(&["check-wiring", "--plan", plan_s, "--vm"]);
    assert_eq!(code, 0, "{report}");
    assert!(report.ends_with("every link is in place\n"), "{report}");
    let (code, report, _) = backstop(&[
        "check-wiring",
        "--plan",
        plan_s,
        "--vm",
        "--skip",
        "vault-slash-sources",
    ]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("MISSING vault slash source"), "{report}");

    let queries = dir.join("queries");
    std::fs::create_dir_all(&queries).unwrap();
    save_queries(&plan, &["market-eth-perp"], &queries);
    let q = queries.to_str().unwrap();
    let (code, report, _) = backstop(&["check-wiring", "--queries", q, "--plan", plan_s]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("MISSING market eth-perp"), "{report}");
    let (code, _, err) = backstop(&["check-wiring", "--plan", plan_s, "--vm", "--skip", "nope"]);
    assert_eq!(code, 2, "{err}");
}

const FULL: &str = r#"
profile = "full"
deployer = "inj1dcayp736un6hscemlx65khe3c08sule0jw9aux"
[asset]
denom = "uusdt"
[[markets]]
id = "btc-perp"
reporter = "inj13pdjv7st6l2shykp4d2hxqdg9cvrg7akhkma2ytrqcx2vw4feegsw6mc8g"
"#;

/// `FULL` with `line` inserted before `[asset]`, or `[[markets]]` replaced.
fn with(extra: &str) -> String {
    FULL.replacen("[asset]", &format!("{extra}\n[asset]"), 1)
}

fn field_of(text: &str) -> String {
    match plan_of_text(text) {
        Err(DeployError::Invalid { field, .. }) => field,
        Err(DeployError::Parse { message, line }) => format!("parse: {message} (line {line:?})"),
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_bad_deploy_file_is_refused_with_the_field_named() {
    assert!(plan_of_text(FULL).is_ok());
    let cases = [
        (with("[vault]\ncooldwn = \"7d\""), "unknown field `cooldwn`"),
        (with("[vault]\ncooldown = \"400d\""), "vault"),
        (with("[vault]\nmax_payout_fraction = \"150%\""), "vault"),
        (with("[staking]\nunbonding = \"14d\"\n[socializer]\ntimelock = \"7d\""), "socializer.timelock"),
        (with("[socializer]\nlayers = [{ vault = \"50%\" }, { vault = \"40%\" }]"), "socializer"),
        (FULL.replace("inj13pdjv7", "osmo13pdjv7"), "markets[0].reporter"),
        (FULL.replace("btc-perp", "BTC perp"), "markets[0].id"),
        (FULL.replace("denom = \"uusdt\"", "denom = \"uusdt\"\ncw20 = \"inj1x\""), "asset"),
        (FULL.replace("deployer = \"inj1dcayp736un6hscemlx65khe3c08sule0jw9aux\"", ""), "deployer"),
        (FULL.replace("profile = \"full\"", "profile = \"vault\"") + "[staking]\n", "staking"),
        (FULL.to_string() + "claimant = { window_cap = 1 }\n", "markets[0].claimant"),
        (FULL.to_string() + "\n[[markets]]\nid = \"btc-perp\"\nreporter = \"inj14klw2yd5l8fcz0x7phq80s7mdkec6u052kxta2s3p7j5q2l2aausxedrzd\"\n", "markets[1].id"),
    ];
    for (text, field) in cases {
        let got = field_of(&text);
        assert!(
            got == field || got.contains(field),
            "{field}: got {got}\n{text}"
        );
    }
    // the contracts' own reason comes with the field
    let err = plan_of_text(&with("[vault]\ncooldown = \"400d\"")).unwrap_err();
    assert!(err.to_string().contains("cooldown_seconds"), "{err}");
}

#[test]
fn a_refused_deploy_file_writes_nothing() {
    let dir = temp_dir("refused");
    let file = dir.join("bad.toml");
    std::fs::write(&file, with("[vault]\ncooldown = \"400d\"")).unwrap();
    let out = dir.join("out");
    let (code, _, err) = backstop(&[
        "deploy",
        file.to_str().unwrap(),
        "--prefix",
        "inj",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("vault: cooldown_seconds"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_json_deploy_file_reads_as_its_toml_twin() {
    let json = r#"{"profile":"full","deployer":"inj1dcayp736un6hscemlx65khe3c08sule0jw9aux",
      "asset":{"denom":"uusdt"},
      "markets":[{"id":"btc-perp","reporter":"inj13pdjv7st6l2shykp4d2hxqdg9cvrg7akhkma2ytrqcx2vw4feegsw6mc8g"}]}"#;
    assert_eq!(plan_of_text(json).unwrap(), plan_of_text(FULL).unwrap());
    let bad = json.replace("\"denom\"", "\"denomm\"");
    assert!(field_of(&bad).contains("unknown field `denomm`"));
}

#[test]
fn a_plan_with_a_cw20_asset_runs_on_the_vm_once_the_token_exists() {
    let text = FULL.replace(
        "denom = \"uusdt\"",
        "cw20 = \"inj14t4scpfk2qreupaz7rn4vw2t4xdmxnlrad8qwgk7djqvzdc3wl8q6g09zw\"",
    );
    let plan = plan_of_text(&text).unwrap();
    assert!(plan.asset_cw20.is_some());
    let links = links_on_vm(&plan, &[]);
    assert!(links.iter().all(|l| l.ok), "{}", wiring::report(&links));
}

#[test]
fn the_deploy_plan_in_the_docs_is_what_the_tool_writes() {
    let doc = std::fs::read_to_string(root().join("docs/deploy-plan-full.md")).unwrap();
    let plan = plan_of("full.toml");
    assert!(
        doc == plan.to_markdown(),
        "docs/deploy-plan-full.md drifted from the tool: write it again with\n  \
         cargo run -p backstop -- deploy examples/deploy/full.toml --prefix inj --out backstop-deploy \
         && cp backstop-deploy/plan.md docs/deploy-plan-full.md"
    );
}

#[test]
fn the_deploy_file_in_the_operations_guide_reads() {
    let text = std::fs::read_to_string(root().join("docs/operations.md")).unwrap();
    let block = text
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block in docs/operations.md");
    let plan = plan_of_text(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
    assert_eq!(plan.contracts.len(), 3);
}
