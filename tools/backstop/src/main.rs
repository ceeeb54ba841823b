//! `backstop`: the simulator's command line. See `docs/simulator.md`.
//!
//! ```text
//! backstop simulate SCENARIO.toml [--engine vm|native] [--out DIR] [--json FILE] [--rows N] [--no-charts]
//! backstop compare A.toml [B.toml] [--set KEY=VALUE]... [--engine vm|native] [--out DIR] [--json FILE]
//! backstop check SCENARIO.toml...
//! backstop bench [--events N] [--engine vm|native] [--write-scenario FILE]
//! backstop deploy DEPLOY.toml --prefix P [--profile vault|vault+staking|full] [--deployer ADDR]
//!                 [--authority ADDR] [--out DIR] [--check]
//! backstop check-wiring --plan plan.json --vm [--skip ID]...
//! backstop check-wiring --queries DIR [--plan plan.json | --socializer ADDR]
//! backstop propose [--target socializer|vault|staking] --prefix P --contract ADDR --authority ADDR
//!                  --msg FILE [--code-id N] ...
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use backstop::{bench, chart, report, EngineKind, SimResult};

mod commands;

const USAGE: &str = "\
usage:
  backstop simulate SCENARIO.toml [--engine vm|native] [--out DIR] [--json FILE] [--rows N] [--no-charts]
      deploys the suite, plays the scenario and prints the waterfall, the gains and losses,
      and writes charts (DIR/<scenario>.png and .svg; DIR defaults to backstop-out)
  backstop compare A.toml [B.toml] [--set KEY=VALUE]... [--engine vm|native] [--out DIR] [--json FILE]
      runs both and prints their outcomes side by side, with one chart overlaying them;
      B is A (or B.toml) with each --set applied: vault.cooldown=3d, staking.max_slash_ratio=50%,
      socializer.timelock=14d, markets.0.lp_pool=5_000_000
  backstop check SCENARIO.toml...
      reads and checks scenario files without running them
  backstop bench [--events N] [--engine vm|native] [--write-scenario FILE]
      executions per second on each engine, and per-event cost early and late in a long run
      (--write-scenario writes the generated scenario instead of running it)

  backstop deploy DEPLOY.toml --prefix P [--profile vault|vault+staking|full] [--deployer ADDR]
                  [--authority ADDR] [--out DIR] [--check]
      validates the deploy file with the contracts' rules and writes the ordered steps to deploy
      the profile: DIR/plan.json, DIR/plan.md and DIR/wire-proposal.json (DIR defaults to
      backstop-deploy); addresses are computed with instantiate2, the gov module (derived from
      the prefix unless --authority) is admin and owner; --check runs the plan on the embedded VM
      and checks the wiring
  backstop check-wiring --plan plan.json --vm [--skip ID]...
  backstop check-wiring --queries DIR [--plan plan.json | --socializer ADDR]
      every link of a deployment, OK or missing with the message that fixes it; exits 1 when one
      is missing. --vm runs the plan on the embedded VM first (--skip leaves a step or a wiring
      message out); --queries reads saved answers: DIR/wiring.json (the socializer's wiring
      query), DIR/markets.json (its markets, limit 30) and DIR/claimants.json (the vault's
      claimants, limit 30)
  backstop propose [--target socializer|vault|staking] --prefix P --contract ADDR --authority ADDR
                   --msg FILE [--code-id N] [--title T] [--summary S] [--deposit D] [--out FILE] ...
      a governance proposal (MsgSudoContract of a GovMsg, or with --code-id a MsgMigrateContract of
      a MigrateMsg), validated with the contract's own rules; unknown fields are refused. The
      options of scripts/gov-proposal.sh (docs/operations.md)

engines: vm (default) runs the optimized artifacts in cosmwasm-vm with wasmd's gas;
         native runs the contract crates in cw-multi-test (faster, no gas)";

struct Args {
    positional: Vec<String>,
    engine: EngineKind,
    out: PathBuf,
    json: Option<PathBuf>,
    rows: usize,
    charts: bool,
    events: Option<usize>,
    engine_given: bool,
    scenario_out: Option<PathBuf>,
    sets: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        positional: vec![],
        engine: EngineKind::Vm,
        out: PathBuf::from("backstop-out"),
        json: None,
        rows: 60,
        charts: true,
        events: None,
        engine_given: false,
        scenario_out: None,
        sets: vec![],
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--engine" => {
                a.engine = value("--engine")?.parse()?;
                a.engine_given = true;
            }
            "--out" => a.out = PathBuf::from(value("--out")?),
            "--json" => a.json = Some(PathBuf::from(value("--json")?)),
            "--rows" => {
                a.rows = value("--rows")?
                    .parse()
                    .map_err(|_| "--rows needs a number".to_string())?
            }
            "--events" => {
                a.events = Some(
                    value("--events")?
                        .parse()
                        .map_err(|_| "--events needs a number".to_string())?,
                )
            }
            "--no-charts" => a.charts = false,
            "--set" => a.sets.push(value("--set")?),
            "--write-scenario" => a.scenario_out = Some(PathBuf::from(value("--write-scenario")?)),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => a.positional.push(s.to_string()),
        }
    }
    Ok(a)
}

fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".into())
}

fn run_one(path: &str, a: &Args) -> Result<SimResult, String> {
    let scenario = backstop::load(Path::new(path))?;
    eprintln!(
        "running {} ({} events) on the {} engine",
        path,
        scenario.event_count(),
        a.engine.name()
    );
    let (result, _) = backstop::run(&scenario, a.engine, true)?;
    Ok(result)
}

/// Runs the scenario at `path` with `--set`s applied.
fn run_set(path: &str, a: &Args) -> Result<SimResult, String> {
    let scenario = backstop::load_with(Path::new(path), &a.sets)?;
    eprintln!(
        "running {path} with {} on the {} engine",
        a.sets.join(" "),
        a.engine.name()
    );
    let (result, _) = backstop::run(&scenario, a.engine, true)?;
    Ok(result)
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

fn simulate(a: &Args) -> Result<(), String> {
    let [path] = a.positional.as_slice() else {
        return Err("simulate takes one scenario file".into());
    };
    let r = run_one(path, a)?;
    println!("{}", report::waterfall(&r, a.rows));
    println!("{}", report::gains(&r));
    println!("{}", report::summary(&r));
    if a.charts {
        let files = chart::write(&[&r], &r.scenario, &a.out.join(stem(path)))?;
        for f in files {
            println!("chart: {}", f.display());
        }
    }
    if let Some(j) = &a.json {
        write_json(j, &r)?;
        println!("json: {}", j.display());
    }
    Ok(())
}

fn compare(a: &Args) -> Result<(), String> {
    let (pa, pb, ra, rb) = match (a.positional.as_slice(), a.sets.is_empty()) {
        ([pa, pb], true) => (pa, stem(pb), run_one(pa, a)?, run_one(pb, a)?),
        ([pa], false) => (
            pa,
            format!("{}-set", stem(pa)),
            run_one(pa, a)?,
            run_set(pa, a)?,
        ),
        ([pa, pb], false) => (
            pa,
            format!("{}-set", stem(pb)),
            run_one(pa, a)?,
            run_set(pb, a)?,
        ),
        _ => return Err("compare takes two scenario files, or one and --set KEY=VALUE".into()),
    };
    if ra.decimals != rb.decimals || ra.symbol != rb.symbol {
        return Err("the two scenarios must use the same asset to be compared".into());
    }
    println!("{}", report::compare(&ra, &rb));
    if a.charts {
        let title = format!("A: {}  vs  B: {}", ra.scenario, rb.scenario);
        let base = a.out.join(format!("{}-vs-{}", stem(pa), pb));
        for f in chart::write(&[&ra, &rb], &title, &base)? {
            println!("chart: {}", f.display());
        }
    }
    if let Some(j) = &a.json {
        write_json(j, &serde_json::json!({ "a": ra, "b": rb }))?;
        println!("json: {}", j.display());
    }
    Ok(())
}

fn check(a: &Args) -> Result<(), String> {
    if a.positional.is_empty() {
        return Err("check takes scenario files".into());
    }
    let mut failed = 0;
    for p in &a.positional {
        match backstop::load(Path::new(p)) {
            Ok(s) => println!("ok   {p}: {} ({} events)", s.name, s.event_count()),
            Err(e) => {
                failed += 1;
                println!("FAIL {e}");
            }
        }
    }
    if failed > 0 {
        return Err(format!("{failed} scenario file(s) have errors"));
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "propose" => return gov_proposal::cli::run(rest),
        "deploy" => return finish(commands::deploy(rest)),
        "check-wiring" => return finish(commands::check_wiring(rest)),
        _ => {}
    }
    let a = match parse(rest) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match cmd.as_str() {
        "simulate" => simulate(&a),
        "compare" => compare(&a),
        "check" => check(&a),
        "bench" if a.scenario_out.is_some() => {
            let path = a.scenario_out.as_ref().expect("checked");
            std::fs::write(path, bench::scenario_text(a.events.unwrap_or(10_000)))
                .map_err(|e| format!("{}: {e}", path.display()))
                .map(|()| println!("wrote {}", path.display()))
        }
        "bench" => {
            let engines = if a.engine_given {
                vec![a.engine]
            } else {
                vec![EngineKind::Vm, EngineKind::Native]
            };
            bench::run(&engines, a.events.unwrap_or(10_000)).map(|text| println!("{text}"))
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command {other}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The exit status of a deploy-kit command: 2 for a usage error, 1 for a
/// refusal or a missing link.
fn finish(result: Result<(), commands::Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(commands::Failure::Usage(e)) => {
            eprintln!("error: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(commands::Failure::Refused(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        Err(commands::Failure::Incomplete) => ExitCode::FAILURE,
    }
}
