//! The two engines agree exactly: every example (and every test scenario)
//! gives the same JSON result on the VM and in cw-multi-test, every event,
//! layer, state, balance and gain included. Only what differs by nature is
//! left out: gas (the native engine has none), wall time, the engine's name,
//! error wording, and addresses, which are compared by the name they
//! belong to.
//!
//! The VM engine needs the optimized artifacts (scripts/build-artifacts.sh).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use backstop::engine::{self, EngineKind};
use serde_json::Value;

fn tomls(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
}

fn scenarios() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = tomls(&root.join("../../examples"));
    assert!(paths.len() >= 5, "at least five examples: {paths:?}");
    paths.extend(tomls(&root.join("tests/scenarios")));
    paths
}

/// Replaces every address with `@name` and drops what differs by nature.
fn normalize(v: &mut Value, names: &BTreeMap<String, String>) {
    match v {
        Value::String(s) => {
            if let Some(n) = names.get(s.as_str()) {
                *s = format!("@{n}");
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| normalize(x, names)),
        Value::Object(o) => {
            for k in ["gas", "wall_seconds", "engine"] {
                o.remove(k);
            }
            if let Some(e) = o.get_mut("error") {
                *e = Value::Bool(!e.is_null());
            }
            o.values_mut().for_each(|x| normalize(x, names));
        }
        _ => {}
    }
}

fn run(path: &Path, kind: EngineKind) -> Value {
    let scenario = backstop::load(path).expect("reads");
    let (r, d) = backstop::simulate(&scenario, engine::create(kind).expect("engine"), false)
        .unwrap_or_else(|e| panic!("{} on {kind:?}: {e}", path.display()));
    let names: BTreeMap<String, String> = d
        .addresses
        .iter()
        .map(|(name, addr)| (addr.clone(), name.clone()))
        .collect();
    let mut v = serde_json::to_value(&r).expect("json");
    normalize(&mut v, &names);
    v
}

/// The first path at which `a` and `b` differ.
fn first_difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                let (p, q) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                if let Some(d) = first_difference(p, q, format!("{at}.{k}")) {
                    return Some(d);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: vm {a} / native {b}")),
    }
}

#[test]
fn every_example_gives_the_same_result_on_both_engines() {
    for path in scenarios() {
        let vm = run(&path, EngineKind::Vm);
        let native = run(&path, EngineKind::Native);
        assert!(
            vm["events"].as_array().is_some_and(|e| !e.is_empty()),
            "{}: no events",
            path.display()
        );
        if let Some(d) = first_difference(&vm, &native, String::new()) {
            panic!("{}: the engines differ at {d}", path.display());
        }
    }
}

#[test]
fn the_comparison_would_see_a_difference() {
    // the check above is not vacuous: one base unit apart is a difference
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/golden.toml");
    let a = run(&path, EngineKind::Native);
    let mut b = a.clone();
    let assets = &mut b["final_state"]["balances"]["market:btc-perp"]["asset"];
    let n: u128 = assets.as_str().unwrap().parse().unwrap();
    *assets = Value::String((n + 1).to_string());
    assert!(first_difference(&a, &b, String::new()).is_some());
    assert!(first_difference(&a, &a.clone(), String::new()).is_none());
}
