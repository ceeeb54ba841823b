//! Issue 16's leftovers: a recovery's parts (to LPs, the vault and the
//! stakers as well as bad debt and traders) in the record, the totals and
//! the waterfall; and `compare` of one scenario under a second parameter
//! set (`--set key=value`).

use std::path::Path;
use std::process::Command;

use backstop::engine::{self, EngineKind};
use backstop::{report, Scenario};

const T: u128 = 1_000_000;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn a_recovery_that_repays_every_layer_shows_each_part_in_the_waterfall() {
    // the golden loss (docs in tests/golden.rs), then a recovery of all of it and more
    let path = root().join("tools/backstop/tests/scenarios/golden.toml");
    let text = std::fs::read_to_string(path).unwrap().replace(
        "recover = { market = \"btc-perp\", amount = 2_000_000 }",
        "recover = { market = \"btc-perp\", amount = 13_000_000 }",
    );
    assert!(text.contains("13_000_000"));
    let scenario = Scenario::parse(&text).unwrap();
    let engine = engine::create(EngineKind::Native).unwrap();
    let (r, _) = backstop::simulate(&scenario, engine, false).unwrap();
    let rec = r.events[2].recovery.as_ref().expect("a recovery record");
    let parts = [
        rec.to_debt,
        rec.to_haircuts,
        rec.to_lps,
        rec.to_vault,
        rec.to_stakers,
        rec.refunded,
    ]
    .map(|v| v.u128() / T);
    assert_eq!(
        parts,
        [1_900_000, 1_600_000, 2_000_000, 5_500_000, 1_000_000, 1_000_000]
    );
    assert_eq!(r.totals.recovered_lps, rec.to_lps);
    assert_eq!(r.totals.recovered_vault, rec.to_vault);
    assert_eq!(r.totals.recovered_stakers, rec.to_stakers);
    let line = report::recovery_line(rec, r.decimals);
    for part in [
        "bad debt",
        "haircut traders",
        "LPs",
        "vault",
        "stakers",
        "refunded",
    ] {
        assert!(line.contains(part), "{line}");
    }
    assert!(report::waterfall(&r, 60).contains(&line));
    assert!(report::summary(&r).contains("recoveries: restored to stakers"));
}

#[test]
fn compare_runs_one_scenario_under_a_second_parameter_set() {
    let a = backstop::load(&root().join("examples/single-shortfall.toml")).unwrap();
    let sets = ["vault.max_payout_fraction=\"10%\"".to_string()];
    let b = backstop::load_with(&root().join("examples/single-shortfall.toml"), &sets).unwrap();
    assert!(
        b.name.ends_with("with vault.max_payout_fraction=\"10%\""),
        "{}",
        b.name
    );
    let run = |s: &Scenario| {
        let engine = engine::create(EngineKind::Native).unwrap();
        backstop::simulate(s, engine, false).unwrap().0
    };
    let (ra, rb) = (run(&a), run(&b));
    assert!(
        rb.totals.vault < ra.totals.vault,
        "a lower payout cap covers less"
    );
    assert_eq!(ra.totals.reported, rb.totals.reported);

    let out = Command::new(env!("CARGO_BIN_EXE_backstop"))
        .args([
            "compare",
            "examples/single-shortfall.toml",
            "--engine",
            "native",
            "--no-charts",
        ])
        .args(["--set", "vault.max_payout_fraction=10%"])
        .current_dir(root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("covered by the vault"), "{text}");
    // a setting the scenario refuses names the field
    let bad = Command::new(env!("CARGO_BIN_EXE_backstop"))
        .args([
            "compare",
            "examples/single-shortfall.toml",
            "--engine",
            "native",
            "--no-charts",
        ])
        .args(["--set", "vault.cooldwn=3d"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown field `cooldwn`"));
}
