//! `gov-proposal`: writes a validated governance proposal for a Backstop
//! contract. The same command line is `backstop propose`; see
//! [`gov_proposal::cli`] and `docs/operations.md`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    gov_proposal::cli::run(&args)
}
