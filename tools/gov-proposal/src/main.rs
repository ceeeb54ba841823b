//! `gov-proposal --prefix inj --contract <socializer> --authority <gov>
//! --msg <gov-msg.json> [--title T] [--summary S] [--deposit D]
//! [--unbonding-seconds N] [--no-staking] [--out proposal.json]`
//!
//! Validates a loss-socializer `GovMsg` with the contract's own rules and
//! writes the JSON for `wasmd tx gov submit-proposal`. Exits non-zero, naming
//! the invalid parameter, when the change would be refused on-chain.

use std::process::ExitCode;

use gov_proposal::{build, ProposalArgs};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut get = std::collections::HashMap::new();
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
    let args = ProposalArgs {
        prefix: Box::leak(prefix.into_boxed_str()),
        contract,
        authority,
        has_staking: !no_staking,
        unbonding_seconds,
        title: get
            .get("--title")
            .cloned()
            .unwrap_or_else(|| "Loss socializer parameter change".into()),
        summary: get.get("--summary").cloned().unwrap_or_default(),
        deposit: get.get("--deposit").cloned().unwrap_or_default(),
    };
    match build(&args, &msg) {
        Ok(proposal) => {
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
    eprintln!("{why}\nusage: gov-proposal --prefix P --contract ADDR --authority ADDR --msg FILE [--title T] [--summary S] [--deposit D] [--unbonding-seconds N] [--no-staking] [--out FILE]");
    ExitCode::from(2)
}
