//! The command line of the proposal writer, shared by `gov-proposal` and
//! `backstop propose`:
//!
//! ```text
//! [--target socializer|vault|staking] --prefix inj --contract <address>
//! --authority <gov> --msg <gov-msg.json> [--title T] [--summary S]
//! [--deposit D] [--unbonding-seconds N] [--no-staking] [--out proposal.json]
//! ```
//!
//! and for the change's impact: `[--now SECONDS] [--current PARAMS.json]
//! [--waterfall W.json] [--vault-params V.json] [--staking-params S.json]
//! [--claimant LIMITS.json] [--impact-out I.json]`; with `--code-id N` the
//! proposal is a `MsgMigrateContract` to code `N` and `--msg` (default `{}`)
//! the contract's `MigrateMsg`.
//!
//! Validates the message with the contract's own rules and writes the JSON
//! for `wasmd tx gov submit-proposal`. Exits non-zero, naming the invalid
//! parameter or the unknown field, when the change would be refused
//! on-chain or read otherwise than written. Given the contracts' current
//! parameters (their query JSON), it also says whether the change will
//! queue, whom it can hurt and its earliest `eta`.

use std::collections::HashMap;
use std::process::ExitCode;

use crate::impact::{impact, ChainState};
use crate::{build, build_migrate, ProposalArgs, Target};

/// Reads a JSON file given by `flag`, if it was.
fn read_json<T: serde::de::DeserializeOwned>(
    get: &HashMap<String, String>,
    flag: &str,
) -> Result<Option<T>, String> {
    let Some(path) = get.get(flag) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{flag} {path}: {e}"))
}

/// The chain state the impact needs, from the files given.
fn chain_state(get: &HashMap<String, String>, target: Target) -> Result<ChainState, String> {
    let now = match get.get("--now") {
        Some(v) => v.parse().map_err(|_| "--now takes seconds".to_string())?,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    };
    let mut chain = ChainState {
        now,
        waterfall: read_json(get, "--waterfall")?,
        vault: read_json(get, "--vault-params")?,
        staking: read_json(get, "--staking-params")?,
        claimant: read_json(get, "--claimant")?,
    };
    match target {
        Target::Vault if chain.vault.is_none() => chain.vault = read_json(get, "--current")?,
        Target::Staking if chain.staking.is_none() => chain.staking = read_json(get, "--current")?,
        Target::Socializer if chain.waterfall.is_none() => {
            chain.waterfall = read_json(get, "--current")?
        }
        _ => {}
    }
    Ok(chain)
}

/// Prints (and writes, with `--impact-out`) what the change will do, when
/// the state it needs was given.
fn report_impact(get: &HashMap<String, String>, target: Target, msg: &str) -> Result<(), String> {
    let chain = chain_state(get, target)?;
    match impact(target, msg, &chain) {
        Ok(i) => {
            let hurts = backstop_types::governance::timelock::party_names(&i.hurts);
            match i.queues {
                true => eprintln!(
                    "impact: queued; can hurt {hurts}; in force from {} (now {}, {}s from now)",
                    i.eta,
                    chain.now,
                    i.eta - chain.now
                ),
                false => eprintln!("impact: applies at once; raises nobody's share of a loss"),
            }
            if let Some(path) = get.get("--impact-out") {
                let text = serde_json::to_string_pretty(&i.to_json()).unwrap_or_default();
                std::fs::write(path, text + "\n")
                    .map_err(|e| format!("cannot write {path}: {e}"))?;
            }
        }
        Err(e) => eprintln!("impact: unknown ({e})"),
    }
    Ok(())
}

/// The usage line.
pub const USAGE: &str = "[--target socializer|vault|staking] --prefix P --contract ADDR --authority ADDR --msg FILE [--code-id N] [--title T] [--summary S] [--deposit D] [--unbonding-seconds N] [--no-staking] [--out FILE] [--now SECONDS] [--current PARAMS.json] [--waterfall FILE] [--vault-params FILE] [--staking-params FILE] [--claimant FILE] [--impact-out FILE]";

/// The options that take a value.
const FLAGS: [&str; 18] = [
    "--target",
    "--prefix",
    "--contract",
    "--authority",
    "--msg",
    "--code-id",
    "--title",
    "--summary",
    "--deposit",
    "--unbonding-seconds",
    "--out",
    "--now",
    "--current",
    "--waterfall",
    "--vault-params",
    "--staking-params",
    "--claimant",
    "--impact-out",
];

/// Runs the command line `args` (without the program's name): writes the
/// proposal, or says why not. Exit status 2 for a usage error, 1 for a
/// refused proposal.
pub fn run(args: &[String]) -> ExitCode {
    let mut args = args.iter().cloned();
    let mut get = HashMap::new();
    let mut no_staking = false;
    while let Some(flag) = args.next() {
        if flag == "--no-staking" {
            no_staking = true;
            continue;
        }
        match args.next() {
            Some(v) => {
                get.insert(flag, v);
            }
            None => return usage(&format!("{flag} needs a value")),
        }
    }
    if let Some(unknown) = get.keys().find(|k| !FLAGS.contains(&k.as_str())) {
        return usage(&format!("unknown option {unknown}"));
    }
    let required = |k: &str| get.get(k).cloned();
    let code_id = match get.get("--code-id").map(|v| v.parse::<u64>()) {
        Some(Ok(v)) => Some(v),
        Some(Err(_)) => return usage("--code-id takes a number"),
        None => None,
    };
    let (Some(prefix), Some(contract), Some(authority)) = (
        required("--prefix"),
        required("--contract"),
        required("--authority"),
    ) else {
        return usage("--prefix, --contract and --authority are required");
    };
    let msg = match (required("--msg"), code_id) {
        (Some(path), _) => match std::fs::read_to_string(&path) {
            Ok(m) => m,
            Err(e) => return usage(&format!("cannot read {path}: {e}")),
        },
        // a migration's message is usually empty
        (None, Some(_)) => "{}".to_string(),
        (None, None) => return usage("--msg is required"),
    };
    let unbonding_seconds = match get.get("--unbonding-seconds").map(|v| v.parse::<u64>()) {
        Some(Ok(v)) => Some(v),
        Some(Err(_)) => return usage("--unbonding-seconds takes a number"),
        None => None,
    };
    let target: Target = match get
        .get("--target")
        .map_or(Ok(Target::Socializer), |t| t.parse())
    {
        Ok(t) => t,
        Err(e) => return usage(&e),
    };
    let args = ProposalArgs {
        target,
        prefix: Box::leak(prefix.into_boxed_str()),
        contract,
        authority,
        has_staking: !no_staking,
        unbonding_seconds,
        title: get
            .get("--title")
            .cloned()
            .unwrap_or_else(|| match code_id {
                Some(_) => "Backstop contract migration".into(),
                None => "Backstop parameter change".into(),
            }),
        summary: get.get("--summary").cloned().unwrap_or_default(),
        deposit: get.get("--deposit").cloned().unwrap_or_default(),
    };
    let built = match code_id {
        Some(id) => build_migrate(&args, id, &msg),
        None => build(&args, &msg),
    };
    match built {
        Ok(proposal) => {
            if code_id.is_none() {
                if let Err(e) = report_impact(&get, target, &msg) {
                    return usage(&e);
                }
            }
            let text = serde_json::to_string_pretty(&proposal).unwrap_or_default();
            match get.get("--out") {
                Some(path) => {
                    if let Err(e) = std::fs::write(path, text + "\n") {
                        eprintln!("cannot write {path}: {e}");
                        return ExitCode::FAILURE;
                    }
                    eprintln!("wrote {path}: submit with `wasmd tx gov submit-proposal {path}`");
                }
                None => println!("{text}"),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("refused: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(why: &str) -> ExitCode {
    eprintln!("{why}\nusage: {USAGE}");
    ExitCode::from(2)
}
