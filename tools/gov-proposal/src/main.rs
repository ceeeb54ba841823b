//! `gov-proposal [--target socializer|vault|staking] --prefix inj
//! --contract <address> --authority <gov> --msg <gov-msg.json> [--title T]
//! [--summary S] [--deposit D] [--unbonding-seconds N] [--no-staking]
//! [--out proposal.json]`, and for the change's impact: `[--now SECONDS]
//! [--current PARAMS.json] [--waterfall W.json] [--vault-params V.json]
//! [--staking-params S.json] [--claimant LIMITS.json] [--impact-out I.json]`
//!
//! Validates a `GovMsg` of the target contract with the contract's own rules
//! and writes the JSON for `wasmd tx gov submit-proposal`. Exits non-zero,
//! naming the invalid parameter, when the change would be refused on-chain.
//! Given the contracts' current parameters (their query JSON), it also says
//! whether the change will queue, whom it can hurt and its earliest `eta`.

use std::collections::HashMap;
use std::process::ExitCode;

use gov_proposal::impact::{impact, ChainState};
use gov_proposal::{build, ProposalArgs, Target};

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

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
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
    let required = |k: &str| get.get(k).cloned();
    let (Some(prefix), Some(contract), Some(authority), Some(msg_path)) = (
        required("--prefix"),
        required("--contract"),
        required("--authority"),
        required("--msg"),
    ) else {
        return usage("--prefix, --contract, --authority and --msg are required");
    };
    let msg = match std::fs::read_to_string(&msg_path) {
        Ok(m) => m,
        Err(e) => return usage(&format!("cannot read {msg_path}: {e}")),
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
            .unwrap_or_else(|| "Backstop parameter change".into()),
        summary: get.get("--summary").cloned().unwrap_or_default(),
        deposit: get.get("--deposit").cloned().unwrap_or_default(),
    };
    match build(&args, &msg) {
        Ok(proposal) => {
            if let Err(e) = report_impact(&get, target, &msg) {
                return usage(&e);
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
    eprintln!("{why}\nusage: gov-proposal [--target socializer|vault|staking] --prefix P --contract ADDR --authority ADDR --msg FILE [--title T] [--summary S] [--deposit D] [--unbonding-seconds N] [--no-staking] [--out FILE] [--now SECONDS] [--current PARAMS.json] [--waterfall FILE] [--vault-params FILE] [--staking-params FILE] [--claimant FILE] [--impact-out FILE]");
    ExitCode::from(2)
}
