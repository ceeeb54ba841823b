//! Bad scenario files: each error names the field and its line.

use backstop::scenario::{Scenario, ScenarioError};

const GOOD: &str = r#"name = "ok"
profile = "full"

[vault]
cooldown = "7d"

[[underwriters]]
name = "funds"
deposit = 1_000_000

[[stakers]]
name = "lps"
stake = 100_000

[[markets]]
id = "btc-perp"
traders_profit = 1_000_000
lp_pool = 2_000_000

[[events]]
at = "1h"
shortfall = { market = "btc-perp", amount = 10_000 }
"#;

/// `GOOD` with `from` replaced by `to` (which must occur once).
fn with(from: &str, to: &str) -> String {
    assert_eq!(GOOD.matches(from).count(), 1, "{from:?} must occur once");
    GOOD.replace(from, to)
}

fn error(text: &str) -> ScenarioError {
    Scenario::parse(text).expect_err("the file should be refused")
}

/// Asserts the error is at `line` and mentions every one of `words`.
fn assert_error(text: &str, line: usize, words: &[&str]) {
    let e = error(text);
    assert_eq!(e.line, Some(line), "line of: {e}");
    for w in words {
        assert!(e.message.contains(w), "{w:?} not in: {e}");
    }
}

#[test]
fn the_good_file_reads() {
    let s = Scenario::parse(GOOD).expect("reads");
    assert_eq!(s.events.len(), 1);
    assert_eq!(s.event_lines, vec![20], "the line of `[[events]]`");
    assert_eq!(
        s.events[0].get_ref().shortfall.as_ref().unwrap().amount.0,
        10_000_000_000,
        "tokens at six decimals by default"
    );
}

#[test]
fn an_unknown_field_is_named_with_its_line() {
    assert_error(
        &with("cooldown = ", "cooldwn = "),
        5,
        &["cooldwn", "cooldown"],
    );
    assert_error(
        &with("amount = 10_000 }", "amout = 10_000 }"),
        22,
        &["amout"],
    );
    assert_error(
        &with("name = \"ok\"", "name = \"ok\"\ncolor = 1"),
        2,
        &["color"],
    );
}

#[test]
fn a_bad_value_is_named_with_its_line() {
    // more decimals than the asset's six
    assert_error(
        &with("deposit = 1_000_000", "deposit = \"1.0000001\""),
        9,
        &["more decimals"],
    );
    assert_error(
        &with("cooldown = \"7d\"", "cooldown = \"7 days\""),
        5,
        &["duration"],
    );
    assert_error(
        &with("profile = \"full\"", "profile = \"everything\""),
        2,
        &["everything"],
    );
    assert_error(
        &with("traders_profit = 1_000_000", "traders_profit = -5"),
        17,
        &["negative"],
    );
}

#[test]
fn a_missing_field_is_named() {
    let e = error(&with(", amount = 10_000", ""));
    assert!(e.message.contains("missing field `amount`"), "{e}");
    assert_eq!(e.line, Some(22));
}

#[test]
fn an_unknown_actor_or_market_is_named_with_its_line() {
    let text = format!("{GOOD}\n[[events]]\ndeposit = {{ by = \"bob\", amount = 5 }}\n");
    assert_error(&text, 25, &["events[1].deposit.by", "bob", "funds"]);
    let text = with(
        "market = \"btc-perp\", amount",
        "market = \"eth-perp\", amount",
    );
    assert_error(&text, 22, &["events[0].shortfall.market", "eth-perp"]);
}

#[test]
fn a_timeline_that_goes_back_is_refused_at_the_later_event() {
    let text = format!("{GOOD}\n[[events]]\nat = \"30m\"\nincome = {{ amount = 5 }}\n");
    assert_error(&text, 25, &["events[1].at", "before"]);
}

#[test]
fn an_event_holds_exactly_one_action() {
    let text = format!("{GOOD}\n[[events]]\nincome = {{ amount = 5 }}\nadvance = \"1h\"\n");
    assert_error(&text, 24, &["events[1]", "income and advance"]);
    let text = format!("{GOOD}\n[[events]]\nat = \"2h\"\n");
    assert_error(&text, 24, &["events[1]", "no action"]);
}

#[test]
fn an_action_the_profile_does_not_deploy_is_refused() {
    let text = with("profile = \"full\"", "profile = \"vault\"");
    // the stakers come first
    assert_error(&text, 12, &["stakers[0]", "profile `vault`"]);
    let text = GOOD
        .replace("profile = \"full\"", "profile = \"vault+staking\"")
        .replace(
            "shortfall = { market = \"btc-perp\", amount = 10_000 }",
            "recover = { market = \"btc-perp\", amount = 10_000 }",
        );
    assert_error(&text, 20, &["events[0].recover", "loss socializer"]);
}

#[test]
fn a_bad_layer_or_governance_message_is_named() {
    let text = with(
        "[vault]",
        "[socializer]\nlayers = [{ staker_slash = \"50%\" }, { insurance = \"10%\" }]\n\n[vault]",
    );
    assert_error(&text, 5, &["insurance", "staker_slash"]);
    // the contracts' own governance messages, with their strict fields
    let text = format!(
        "{GOOD}\n[[events]]\ngov = {{ socializer = {{ set_timelock = {{ secs = 5 }} }} }}\n"
    );
    assert_error(&text, 25, &["secs", "seconds"]);
}

#[test]
fn duplicate_names_and_bad_ids_are_refused() {
    let text = with("name = \"lps\"", "name = \"funds\"");
    assert_error(&text, 12, &["stakers[0].name", "taken"]);
    let text = with("name = \"lps\"", "name = \"treasury\"");
    assert_error(&text, 12, &["taken"]);
    let text = with("id = \"btc-perp\"", "id = \"BTC PERP\"");
    assert_error(&text, 16, &["markets[0].id", "BTC PERP"]);
}

#[test]
fn a_toml_syntax_error_has_its_line() {
    let text = with("cooldown = \"7d\"", "cooldown = \"7d");
    let e = error(&text);
    assert_eq!(e.line, Some(5), "{e}");
}

#[test]
fn load_names_the_file() {
    let dir = std::env::temp_dir().join(format!("backstop-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, with("cooldown = ", "cooldwn = ")).unwrap();
    let e = backstop::load(&path).expect_err("refused");
    assert!(
        e.starts_with(&format!("{}: line 5: ", path.display())),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
