//! Issue 16's leftovers: a recovery's parts (to LPs, the vault and the
//! stakers as well as bad debt and traders) in the record, the totals and
//! the waterfall; and `compare` of one scenario under a second parameter
//! set (`--set key=value`).

use std::path::Path;

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
