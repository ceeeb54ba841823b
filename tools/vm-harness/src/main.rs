//! `vm-harness check <artifact.wasm>...`: the chain's upload checks on each
//! artifact. Prints size, checksum, entry points and capabilities; exits
//! non-zero if any artifact fails.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, paths)) = args.split_first() else {
        eprintln!("usage: vm-harness check <artifact.wasm>...");
        return ExitCode::from(2);
    };
    if cmd != "check" || paths.is_empty() {
        eprintln!("usage: vm-harness check <artifact.wasm>...");
        return ExitCode::from(2);
    }
    println!(
        "capabilities of the target chain: {}",
        vm_harness::CHAIN_CAPABILITIES
    );
    let mut failed = 0;
    for path in paths {
        match vm_harness::check_artifact(&PathBuf::from(path)) {
            Ok(r) => println!(
                "OK   {:<28} {:>8} bytes  {}  exports [{}]  requires [{}]",
                r.name,
                r.size,
                &r.checksum[..16],
                r.entry_points.join(", "),
                r.required_capabilities.join(", ")
            ),
            Err(e) => {
                failed += 1;
                eprintln!("FAIL {e}");
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} artifact(s) failed the VM checks");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
