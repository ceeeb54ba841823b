//! The TOML in README.md and docs/simulator.md reads: a complete scenario as
//! it is, an `[[events]]` fragment appended to a scenario.

use std::path::Path;

use backstop::Scenario;

fn toml_blocks(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut blocks = vec![];
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(b), "```") => {
                blocks.push(std::mem::take(b));
                current = None;
            }
            (Some(b), _) => {
                b.push_str(line);
                b.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_documented_scenario_reads() {
    let base = "name = \"base\"\nprofile = \"full\"\n[[markets]]\nid = \"btc-perp\"\n";
    let mut read = 0;
    for file in ["README.md", "docs/simulator.md"] {
        for block in toml_blocks(file) {
            let text = if block.contains("profile =") {
                block.clone()
            } else {
                format!("{base}\n{block}")
            };
            Scenario::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}\n{block}"));
            read += 1;
        }
    }
    assert!(read >= 3, "found {read} blocks");
}
