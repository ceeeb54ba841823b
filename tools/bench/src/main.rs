//! Gas and size benchmark of the Backstop artifacts on the real VM.
//!
//! `bench [--quick] [--markdown FILE] [--check BASELINE] [--write-baseline BASELINE]`
//!
//! Every figure is measured in this run: the optimized artifacts from
//! `artifacts/` run in cosmwasm-vm, each call on a fresh instance, with SDK
//! gas metered as wasmd charges it (see `vm_harness::gas`). N is the number
//! of existing depositors, stakers or positions: 10, 1,000 and 100,000
//! (`--quick`: 10 and 1,000). Users' accounts are 20-byte addresses and
//! contracts 32-byte ones, as on chain.
//!
//! Every run fails when an operation's gas grows with N by more than 2%, a
//! waterfall takes more than three executions or any smart query, or an
//! artifact is larger than 512 KiB. `--check` also fails when an operation
//! exceeds its committed baseline by more than 5%. Any run that measures the
//! peers (all but `--no-peers`) also fails when a target is missed: a ratio
//! to a peer over its target. Each artifact's size is reported beside
//! cw20-base's, without a target.

mod ours;
mod peers;

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::{Deserialize, Serialize};
use vm_harness::gas::{CALL_OVERHEAD, PINNED_CALL_OVERHEAD};

/// One operation measured at one N.
#[derive(Debug, Clone)]
pub struct Row {
    /// The contract.
    pub contract: &'static str,
    /// The operation.
    pub op: String,
    /// Existing depositors, stakers or positions.
    pub n: u64,
    /// SDK gas of every execution it caused, without wasmd's per-call overhead.
    pub gas: u64,
    /// Contract executions (or, for a query, smart queries) it took.
    pub executions: u64,
    /// Smart queries made along the way.
    pub smart_queries: u64,
}

/// What `--check` compares against, committed in `bench/baseline.json`.
#[derive(Serialize, Deserialize, Default)]
struct Baseline {
    /// Gas at N = 10 per "contract / operation".
    gas: BTreeMap<String, u64>,
}

const GROWTH_LIMIT: f64 = 1.02;
const BASELINE_SLACK: f64 = 1.05;
/// Largest artifact accepted: 512 KiB, well within wasmd's default upload
/// limit of 800 KiB, which leaves room for later upgrades.
const ARTIFACT_SIZE_LIMIT: u64 = 512 * 1024;

/// The block gas limit the longest bounded loops are held against: a
/// conservative one (CosmWasm chains set from 10 million to several hundred
/// million).
const BLOCK_GAS_LIMIT: u64 = 10_000_000;
/// The most of such a block one longest bounded loop may take, wasmd's
/// unpinned call overhead included.
const BLOCK_FRACTION_LIMIT: f64 = 0.02;

/// The rows of the longest bounded loops: a user at a contract's maximum.
fn bounded(rows: &[Row], n: u64) -> Vec<&Row> {
    rows.iter()
        .filter(|r| r.n == n && (r.op.contains("the maximum") || r.op.contains("the most")))
        .collect()
}

/// A row's gas with wasmd's unpinned call overhead, and its share of a
/// [`BLOCK_GAS_LIMIT`] block.
fn block_share(r: &Row) -> (u64, f64) {
    let total = r.gas + r.executions * CALL_OVERHEAD;
    (total, total as f64 / BLOCK_GAS_LIMIT as f64)
}

fn bounded_markdown(rows: &[Row], n: u64) -> String {
    let mut md = format!(
        "\n## Longest bounded loops, against a block\n\n\
         Each is a user at a contract's maximum (N = {}), with wasmd's unpinned call overhead, \
         against a block gas limit of {} (a conservative one); the target is at most {}% of it.\n\n\
         | operation | SDK gas with overhead | share of the block | ≤ {}% |\n|---|---:|---:|:---:|\n",
        thousands(n),
        thousands(BLOCK_GAS_LIMIT),
        BLOCK_FRACTION_LIMIT * 100.0,
        BLOCK_FRACTION_LIMIT * 100.0,
    );
    for r in bounded(rows, n) {
        let (total, share) = block_share(r);
        let met = if share <= BLOCK_FRACTION_LIMIT {
            "yes"
        } else {
            "**no**"
        };
        md.push_str(&format!(
            "| {} | {} | {:.2}% | {met} |\n",
            key(r),
            thousands(total),
            share * 100.0
        ));
    }
    md
}

/// Longest bounded loops over [`BLOCK_FRACTION_LIMIT`] of a block.
fn bounded_failures(rows: &[Row], n: u64) -> Vec<String> {
    bounded(rows, n)
        .into_iter()
        .filter(|r| block_share(r).1 > BLOCK_FRACTION_LIMIT)
        .map(|r| {
            let (total, share) = block_share(r);
            format!(
                "{} takes {total} gas, {:.2}% of a block",
                key(r),
                share * 100.0
            )
        })
        .collect()
}

fn key(r: &Row) -> String {
    format!("{} / {}", r.contract, r.op)
}

fn artifact_sizes() -> BTreeMap<String, u64> {
    sizes_in(&vm_harness::artifacts_dir())
}

fn sizes_in(dir: &std::path::Path) -> BTreeMap<String, u64> {
    let mut sizes = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "wasm") {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            sizes.insert(name, std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0));
        }
    }
    sizes
}

fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn gas_of(rows: &[Row], op: &str, n: u64) -> u64 {
    rows.iter()
        .find(|r| key(r) == op && r.n == n)
        .map(|r| r.gas)
        .unwrap_or_else(|| panic!("no measurement of {op} at N = {n}"))
}

fn peer(peers: &[peers::PeerRow], op: &str) -> u64 {
    peers
        .iter()
        .find(|p| p.op == op)
        .map(|p| p.gas)
        .unwrap_or_else(|| panic!("no peer figure {op}"))
}

/// (measure, ours, reference, ratio, target) for every target of the issue.
fn targets(rows: &[Row], peers: &[peers::PeerRow], n: u64) -> Vec<(String, u64, u64, f64, f64)> {
    let t = |name: &str, ours: u64, reference: u64, target: f64| {
        (
            name.to_string(),
            ours,
            reference,
            ours as f64 / reference.max(1) as f64,
            target,
        )
    };
    vec![
        t(
            "stake (1 reward asset accruing) vs cw20-stake stake + external-rewards hook",
            gas_of(rows, "staking-rewards / stake (1 reward asset accruing)", n),
            peer(peers, "cw20-stake stake")
                + peer(peers, "external-rewards stake-change hook (on stake)"),
            0.5,
        ),
        t(
            "unstake vs cw20-stake unstake + hook",
            gas_of(rows, "staking-rewards / unstake", n),
            peer(peers, "cw20-stake unstake")
                + peer(peers, "external-rewards stake-change hook (on unstake)"),
            0.5,
        ),
        t(
            "reward claim (1 asset) vs external-rewards claim",
            gas_of(rows, "staking-rewards / claim rewards (1 asset)", n),
            peer(peers, "external-rewards claim"),
            0.5,
        ),
        t(
            "claim of matured unbondings vs cw20-stake claim",
            gas_of(rows, "staking-rewards / claim unbonded", n),
            peer(peers, "cw20-stake claim"),
            1.0,
        ),
        t(
            "vault deposit (native) vs cw20 transfer",
            gas_of(rows, "fund-vault / deposit (native)", n),
            peer(peers, "cw20-base transfer"),
            2.0,
        ),
    ]
}

/// The targets that are missed: a peer ratio over its target.
fn target_failures(targets: &[(String, u64, u64, f64, f64)]) -> Vec<String> {
    targets
        .iter()
        .filter(|(_, _, _, ratio, target)| ratio > target)
        .map(|(name, ours, reference, ratio, target)| {
            format!("{name}: {ours} / {reference} = {ratio:.3}, over its target of {target}")
        })
        .collect()
}

/// Artifacts larger than [`ARTIFACT_SIZE_LIMIT`].
fn size_failures(sizes: &BTreeMap<String, u64>) -> Vec<String> {
    sizes
        .iter()
        .filter(|(_, &size)| size > ARTIFACT_SIZE_LIMIT)
        .map(|(name, size)| {
            format!("{name} is {size} bytes, over the limit of {ARTIFACT_SIZE_LIMIT} (512 KiB)")
        })
        .collect()
}

fn peers_markdown(
    rows: &[Row],
    peers: &[peers::PeerRow],
    n: u64,
    sizes: &BTreeMap<String, u64>,
    peer_sizes: &BTreeMap<String, u64>,
) -> String {
    let mut md = String::from("\n## Peers, measured in the same run\n\n| peer operation | SDK gas | smart queries |\n|---|---:|---:|\n");
    for p in peers {
        md.push_str(&format!(
            "| {} | {} | {} |\n",
            p.op,
            thousands(p.gas),
            p.smart_queries
        ));
    }
    md.push_str(&format!(
        "\nPeer figures exclude wasmd's per-call overhead like ours. A hook is one more contract execution \
         (another 60,000 unpinned), and each smart query costs another 60,000 on top of the gas shown here.\n\n\
         ## Targets (ours at N = {})\n\n| measure | ours | reference | ratio | target | met |\n|---|---:|---:|---:|---:|:---:|\n",
        thousands(n)
    ));
    for (name, ours, reference, ratio, target) in targets(rows, peers, n) {
        let met = if ratio <= target { "yes" } else { "**no**" };
        md.push_str(&format!(
            "| {name} | {} | {} | {ratio:.3} | ≤ {target} | {met} |\n",
            thousands(ours),
            thousands(reference)
        ));
    }
    let report = rows
        .iter()
        .find(|r| r.op.starts_with("report shortfall") && r.n == n)
        .expect("report measured");
    md.push_str(&format!(
        "| full four-layer waterfall: contract executions (the socializer's included) / smart queries | {} / {} | — | — | ≤ 3 / 0 | {} |\n",
        report.executions,
        report.smart_queries,
        if report.executions <= WATERFALL_EXECUTIONS && report.smart_queries == 0 { "yes" } else { "**no**" }
    ));
    let base = peer_sizes
        .get("cw20_base.wasm")
        .copied()
        .unwrap_or_default();
    md.push_str(&format!(
        "\n## Sizes beside cw20-base (built the same way: {} bytes)\n\n\
         Reported only: the size target is the limit of {} bytes (512 KiB) per artifact.\n\n\
         | artifact | bytes | vs cw20-base |\n|---|---:|---:|\n",
        thousands(base),
        thousands(ARTIFACT_SIZE_LIMIT)
    ));
    let ours = sizes.iter().map(|(name, size)| (name.clone(), size));
    let theirs = peer_sizes
        .iter()
        .map(|(name, size)| (format!("peers/{name}"), size));
    for (name, size) in ours.chain(theirs) {
        md.push_str(&format!(
            "| {name} | {} | {:.3} |\n",
            thousands(*size),
            *size as f64 / base.max(1) as f64
        ));
    }
    md
}

fn markdown(rows: &[Row], ns: &[u64], sizes: &BTreeMap<String, u64>) -> String {
    let mut ops: Vec<String> = vec![];
    for r in rows {
        if !ops.contains(&key(r)) {
            ops.push(key(r));
        }
    }
    let mut md = String::from(
        "# Gas and size\n\n\
         Generated by `scripts/bench.sh` from one run of `tools/bench` on the optimized artifacts in cosmwasm-vm 2.3.5; \
         do not edit by hand. SDK gas is metered as wasmd charges it (see `tools/vm-harness/src/gas.rs`): VM gas / 140,000, \
         KV gas (read 1000 + 3/byte, write 2000 + 30/byte, delete 1000, keys 33 bytes longer; an iterator costs \
         30 + 3/byte of its first record when created, or 30 for an empty range, then 30 + 3/byte of each record a step \
         returns, and nothing for the step that finds the end), raw queries of other contracts as KV reads, event gas and \
         1 per result byte. wasmd's fixed cost of 60,000 per contract execution or smart query (2,000 when pinned) is \
         counted separately. Users' accounts are 20-byte addresses and contracts 32-byte ones, bech32 as on chain. \
         N is the number of existing depositors, stakers or positions, written directly into storage with the same \
         totals at every N; a user's open unbonding entries are made by real executions. The socializer's rows also \
         run with N other markets registered, and with every per-market budget and overall cap in force.\n\n",
    );
    md.push_str("| contract / operation |");
    for n in ns {
        md.push_str(&format!(" N = {} |", thousands(*n)));
    }
    md.push_str(
        " ratio | executions | smart queries | + call overhead (unpinned / pinned) |\n|---|",
    );
    for _ in ns {
        md.push_str("---:|");
    }
    md.push_str("---:|---:|---:|---:|\n");
    for op in &ops {
        let of_op: Vec<&Row> = rows.iter().filter(|r| &key(r) == op).collect();
        md.push_str(&format!("| {op} |"));
        for n in ns {
            let g = of_op
                .iter()
                .find(|r| r.n == *n)
                .map(|r| thousands(r.gas))
                .unwrap_or_default();
            md.push_str(&format!(" {g} |"));
        }
        let (first, last) = (
            of_op.first().map_or(1, |r| r.gas),
            of_op.last().map_or(1, |r| r.gas),
        );
        let r0 = of_op
            .first()
            .map(|r| (r.executions, r.smart_queries))
            .unwrap_or_default();
        md.push_str(&format!(
            " {:.4} | {} | {} | {} / {} |\n",
            last as f64 / first.max(1) as f64,
            r0.0,
            r0.1,
            thousands(r0.0 * CALL_OVERHEAD),
            thousands(r0.0 * PINNED_CALL_OVERHEAD),
        ));
    }
    md.push_str(&format!(
        "\n## Artifact sizes\n\n| artifact | bytes | ≤ {} (512 KiB) |\n|---|---:|:---:|\n",
        thousands(ARTIFACT_SIZE_LIMIT)
    ));
    for (name, size) in sizes {
        let met = if *size <= ARTIFACT_SIZE_LIMIT {
            "yes"
        } else {
            "**no**"
        };
        md.push_str(&format!("| {name} | {} | {met} |\n", thousands(*size)));
    }
    md
}

/// Operations whose gas at the largest N exceeds the smallest N's by more
/// than [`GROWTH_LIMIT`].
fn growth_failures(rows: &[Row], ns: &[u64]) -> Vec<String> {
    let (n_min, n_max) = (ns[0], ns[ns.len() - 1]);
    let mut failures = vec![];
    for r in rows.iter().filter(|r| r.n == n_max) {
        if let Some(small) = rows.iter().find(|s| key(s) == key(r) && s.n == n_min) {
            let ratio = r.gas as f64 / small.gas.max(1) as f64;
            if ratio > GROWTH_LIMIT {
                failures.push(format!(
                    "{} grows with N: {} at N = {n_min}, {} at N = {n_max} ({ratio:.4})",
                    key(r),
                    small.gas,
                    r.gas
                ));
            }
        }
    }
    failures
}

/// Most contract executions a full waterfall may take, the socializer's
/// included: one per contract.
const WATERFALL_EXECUTIONS: u64 = 3;

/// A waterfall that takes more than [`WATERFALL_EXECUTIONS`] executions or
/// any smart query.
fn call_failures(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| r.op.starts_with("report shortfall"))
        .filter(|r| r.executions > WATERFALL_EXECUTIONS || r.smart_queries > 0)
        .map(|r| {
            format!(
                "{} takes {} executions and {} smart queries at N = {} (at most {WATERFALL_EXECUTIONS} and 0)",
                key(r),
                r.executions,
                r.smart_queries,
                r.n
            )
        })
        .collect()
}

/// Operations over their baseline by more than [`BASELINE_SLACK`].
fn baseline_failures(rows: &[Row], n_min: u64, baseline: &Baseline) -> Vec<String> {
    let mut failures = vec![];
    for r in rows.iter().filter(|r| r.n == n_min) {
        match baseline.gas.get(&key(r)) {
            Some(&b) if r.gas as f64 > b as f64 * BASELINE_SLACK => failures.push(format!(
                "{} costs {} at N = {n_min}, over its baseline {b} by more than 5%",
                key(r),
                r.gas
            )),
            Some(_) => {}
            None => failures.push(format!("{} has no baseline", key(r))),
        }
    }
    failures
}

/// With `BENCH_BREAKDOWN` set, prints each execution's gas by component to
/// stderr: where an operation's gas goes.
pub(crate) fn breakdown(op: &str, run: &vm_harness::chain::Run) {
    if std::env::var_os("BENCH_BREAKDOWN").is_none() {
        return;
    }
    for (i, e) in run.executions.iter().enumerate() {
        eprintln!("{op} [{i}] {} {:?}", e.sdk.total(), e.sdk);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let value = |f: &str| {
        args.iter()
            .position(|a| a == f)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let ns: Vec<u64> = if flag("--quick") {
        vec![10, 1_000]
    } else {
        vec![10, 1_000, 100_000]
    };

    let mut rows = vec![];
    for &n in &ns {
        eprintln!("measuring at N = {n}");
        rows.extend(ours::vault(n));
        rows.extend(ours::vault_unlocks(n));
        rows.extend(ours::staking(n));
        rows.extend(ours::staking_epochs(n));
        rows.extend(ours::unbondings(n));
        rows.extend(ours::socializer(n));
    }
    rows.sort_by(|a, b| (a.contract, &a.op, a.n).cmp(&(b.contract, &b.op, b.n)));
    let sizes = artifact_sizes();
    let mut md = markdown(&rows, &ns, &sizes);
    md.push_str(&bounded_markdown(&rows, ns[0]));
    let mut failures = bounded_failures(&rows, ns[0]);
    if !flag("--no-peers") {
        eprintln!("measuring the peers");
        let peer_rows = peers::measure();
        let peer_sizes = sizes_in(&peers::dir());
        md.push_str(&peers_markdown(
            &rows,
            &peer_rows,
            ns[0],
            &sizes,
            &peer_sizes,
        ));
        failures.extend(target_failures(&targets(&rows, &peer_rows, ns[0])));
    }
    println!("{md}");
    if let Some(path) = value("--markdown") {
        std::fs::write(&path, &md).unwrap_or_else(|e| panic!("{path}: {e}"));
        eprintln!("wrote {path}");
    }

    failures.extend(growth_failures(&rows, &ns));
    failures.extend(size_failures(&sizes));
    failures.extend(call_failures(&rows));
    let n_min = ns[0];
    if let Some(path) = value("--write-baseline") {
        let baseline = Baseline {
            gas: rows
                .iter()
                .filter(|r| r.n == n_min)
                .map(|r| (key(r), r.gas))
                .collect(),
        };
        let text = serde_json::to_string_pretty(&baseline).expect("baseline json");
        std::fs::write(&path, text + "\n").unwrap_or_else(|e| panic!("{path}: {e}"));
        eprintln!("wrote {path}");
    }
    if let Some(path) = value("--check") {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let baseline: Baseline =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        failures.extend(baseline_failures(&rows, n_min, &baseline));
    }
    if failures.is_empty() {
        eprintln!("benchmark gates passed ({} measurements)", rows.len());
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("FAIL {f}");
        }
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(op: &str, n: u64, gas: u64) -> Row {
        Row {
            contract: "c",
            op: op.into(),
            n,
            gas,
            executions: 1,
            smart_queries: 0,
        }
    }

    #[test]
    fn gas_that_grows_with_n_fails_the_gate() {
        let rows = vec![
            row("flat", 10, 1_000),
            row("flat", 1_000, 1_020),
            row("grows", 10, 1_000),
            row("grows", 1_000, 1_021),
        ];
        let failures = growth_failures(&rows, &[10, 1_000]);
        assert_eq!(failures.len(), 1);
        assert!(failures[0].starts_with("c / grows grows with N"));
    }

    #[test]
    fn a_missed_target_fails_the_gate() {
        let targets = vec![
            ("met".to_string(), 50, 100, 0.5, 0.5),
            ("missed".to_string(), 101, 100, 1.01, 1.0),
        ];
        let failures = target_failures(&targets);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].starts_with("missed: 101 / 100 = 1.010"));
    }

    #[test]
    fn an_artifact_above_512_kib_fails_the_gate_whatever_cw20_base_weighs() {
        let sizes: BTreeMap<String, u64> = [
            ("at-limit.wasm".to_string(), 524_288),
            ("over.wasm".to_string(), 524_289),
        ]
        .into();
        let failures = size_failures(&sizes);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].starts_with("over.wasm is 524289 bytes, over the limit of 524288"));
    }

    #[test]
    fn a_regression_fails_the_gate() {
        let baseline = Baseline {
            gas: [("c / a".to_string(), 1_000), ("c / b".to_string(), 1_000)].into(),
        };
        let rows = vec![row("a", 10, 1_050), row("b", 10, 1_051), row("new", 10, 1)];
        let failures = baseline_failures(&rows, 10, &baseline);
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert!(failures.iter().any(|f| f.starts_with("c / b costs 1051")));
        assert!(failures
            .iter()
            .any(|f| f.starts_with("c / new has no baseline")));
    }

    #[test]
    fn an_older_baseline_with_size_budgets_still_reads() {
        let old = r#"{"gas": {"c / a": 1000}, "sizes": {"x.wasm": 500}}"#;
        let baseline: Baseline = serde_json::from_str(old).unwrap();
        assert_eq!(baseline.gas.len(), 1);
    }

    #[test]
    fn a_waterfall_with_a_fourth_execution_or_a_smart_query_fails_the_gate() {
        let mut three = row("report shortfall (x)", 10, 1);
        three.executions = 3;
        let mut four = row("report shortfall (x)", 1_000, 1);
        four.executions = 4;
        let mut queried = row("report shortfall (x)", 100_000, 1);
        queried.executions = 3;
        queried.smart_queries = 1;
        let failures = call_failures(&[three, four, queried]);
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert!(failures[0].contains("takes 4 executions and 0 smart queries at N = 1000"));
        assert!(failures[1].contains("takes 3 executions and 1 smart queries"));
    }
}
