//! The optimized artifacts the VM engine runs: present, and the ones
//! `artifacts/checksums.txt` names (the code hashes a chain would record).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use cosmwasm_std::Checksum;

/// The artifacts the suite needs.
pub const NAMES: [&str; 3] = ["fund_vault", "loss_socializer", "staking_rewards"];

/// How to build them.
pub const BUILD_HINT: &str =
    "build them with scripts/build-artifacts.sh (Rust 1.81.0 and wasm-opt, \
about a minute), or run the native engine: --engine native";

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `artifacts/`, or `$BACKSTOP_ARTIFACTS` when set.
pub fn dir() -> PathBuf {
    std::env::var_os("BACKSTOP_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("artifacts"))
}

/// Checks the artifacts in `dir`: each present, and its sha256 the one
/// `checksums.txt` lists. Returns warnings that do not stop a run (sources
/// changed after the artifacts were built).
pub fn check(dir: &Path) -> Result<Vec<String>, String> {
    let listed = std::fs::read_to_string(dir.join("checksums.txt")).map_err(|e| {
        format!(
            "no {}: {e}; {BUILD_HINT}",
            dir.join("checksums.txt").display()
        )
    })?;
    let mut problems = vec![];
    let mut oldest: Option<SystemTime> = None;
    for name in NAMES {
        let file = format!("{name}.wasm");
        let path = dir.join(&file);
        let wasm = match std::fs::read(&path) {
            Ok(w) => w,
            Err(_) => {
                problems.push(format!("{} is missing", path.display()));
                continue;
            }
        };
        let hash = Checksum::generate(&wasm).to_hex();
        let expected = listed.lines().find_map(|l| {
            let mut parts = l.split_whitespace();
            let sum = parts.next()?;
            (parts.next()? == file).then(|| sum.to_string())
        });
        match expected {
            None => problems.push(format!("checksums.txt does not list {file}")),
            Some(e) if e != hash => problems.push(format!(
                "{file} is stale: its sha256 {} is not the {} that checksums.txt lists",
                &hash[..16],
                &e[..16.min(e.len())]
            )),
            Some(_) => {}
        }
        if let Ok(m) = std::fs::metadata(&path).and_then(|m| m.modified()) {
            oldest = Some(oldest.map_or(m, |o: SystemTime| o.min(m)));
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "the optimized artifacts in {} are not usable: {}; {BUILD_HINT}",
            dir.display(),
            problems.join("; ")
        ));
    }
    let mut warnings = vec![];
    if let Some(built) = oldest {
        let newer = newest_source().filter(|(t, _)| *t > built);
        if let Some((_, path)) = newer {
            warnings.push(format!(
                "{} changed after the artifacts were built: they may be stale; rebuild with scripts/build-artifacts.sh",
                path.display()
            ));
        }
    }
    Ok(warnings)
}

/// The most recently modified contract source (contracts/*/src and
/// packages/types/src), when the sources are there.
fn newest_source() -> Option<(SystemTime, PathBuf)> {
    let root = root();
    let mut dirs: Vec<PathBuf> = vec![root.join("packages/types/src")];
    for c in ["fund-vault", "staking-rewards", "loss-socializer"] {
        dirs.push(root.join("contracts").join(c).join("src"));
    }
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                if let Ok(t) = e.metadata().and_then(|m| m.modified()) {
                    if newest.as_ref().is_none_or(|(n, _)| t > *n) {
                        newest = Some((t, p));
                    }
                }
            }
        }
    }
    newest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("backstop-artifacts-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Writes three fake artifacts and the checksums of `listed` contents.
    fn write(dir: &Path, listed: &[&[u8]; 3], actual: &[&[u8]; 3]) {
        let mut sums = String::new();
        for ((name, l), a) in NAMES.iter().zip(listed).zip(actual) {
            std::fs::write(dir.join(format!("{name}.wasm")), a).unwrap();
            sums.push_str(&format!(
                "{}  {name}.wasm\n",
                Checksum::generate(l).to_hex()
            ));
        }
        std::fs::write(dir.join("checksums.txt"), sums).unwrap();
    }

    #[test]
    fn artifacts_that_match_their_checksums_pass() {
        let d = scratch("ok");
        write(&d, &[b"a", b"b", b"c"], &[b"a", b"b", b"c"]);
        assert!(check(&d).is_ok());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn missing_or_stale_artifacts_say_how_to_build_them() {
        let d = scratch("bad");
        let e = check(&d).unwrap_err();
        assert!(
            e.contains("checksums.txt") && e.contains("scripts/build-artifacts.sh"),
            "{e}"
        );

        write(&d, &[b"a", b"b", b"c"], &[b"a", b"x", b"c"]);
        let e = check(&d).unwrap_err();
        assert!(e.contains("loss_socializer.wasm is stale"), "{e}");
        assert!(e.contains("scripts/build-artifacts.sh"), "{e}");

        std::fs::remove_file(d.join("fund_vault.wasm")).unwrap();
        let e = check(&d).unwrap_err();
        assert!(e.contains("fund_vault.wasm is missing"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
