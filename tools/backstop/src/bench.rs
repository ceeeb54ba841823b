//! `backstop bench`: how fast each engine plays a long scenario, and
//! whether an event costs more late in a run than early (it must not: no
//! operation iterates over past events).
//!
//! The scenario is generated: a full deployment and a cycle of ten
//! everyday events (deposits, income, unlocks and withdrawals, stakes,
//! unbondings and claims, rewards, and a shortfall that slashes stakers and
//! draws on the vault), repeated to the number of events asked for.

use std::fmt::Write;

use crate::engine::EngineKind;
use crate::sim::{EventRecord, SimResult};
use crate::units::thousands;

/// The generated scenario's TOML, with `events` events.
pub fn scenario_text(events: usize) -> String {
    let mut t = String::from(
        r#"name = "Generated load: everyday events and small shortfalls"
profile = "full"

[asset]
symbol = "USDC"
decimals = 6

[vault]
cooldown = "1h"
exit_window = "2d"
max_open_unlocks = 20
max_payout_fraction = "50%"

[staking]
unbonding = "1h"
max_slash_ratio = "50%"
max_open_unbondings = 20

[socializer]
timelock = "1h"

[[underwriters]]
name = "fund-a"
deposit = 40_000_000

[[underwriters]]
name = "fund-b"
deposit = 40_000_000

[[stakers]]
name = "lp-a"
stake = 20_000_000

[[stakers]]
name = "lp-b"
stake = 20_000_000

[[markets]]
id = "btc-perp"
traders_profit = 500_000_000
lp_pool = 2_000_000_000
"#,
    );
    const CYCLE: [&str; 10] = [
        r#"deposit = { by = "fund-a", amount = 1_000 }"#,
        r#"income = { amount = 200 }"#,
        r#"shortfall = { market = "btc-perp", amount = 2_500 }"#,
        r#"unlock = { by = "fund-b", fraction = "0.1%" }"#,
        r#"withdraw = { by = "fund-b" }"#,
        r#"stake = { by = "lp-a", amount = 500 }"#,
        r#"unstake = { by = "lp-b", fraction = "0.1%" }"#,
        r#"claim = { by = "lp-b" }"#,
        r#"fund_rewards = { amount = 100 }"#,
        r#"claim_rewards = { by = "lp-a" }"#,
    ];
    for i in 0..events {
        // one event a minute: a request made in one cycle is released six
        // cycles later, so the first withdrawals and claims wait for it
        let slot = i % CYCLE.len();
        let action = if i < 7 * CYCLE.len() && (slot == 4 || slot == 7) {
            r#"income = { amount = 100 }"#
        } else {
            CYCLE[slot]
        };
        let _ = write!(t, "\n[[events]]\nat = {}\n{action}\n", i * 60);
    }
    t
}

/// Average wall time and gas per contract execution over `events`.
fn per_execution(events: &[EventRecord]) -> (f64, Option<f64>, u64) {
    let execs: u64 = events.iter().map(|e| e.executions).sum();
    let micros: u64 = events.iter().map(|e| e.wall_micros).sum();
    // an event refused before any execution has no gas
    let metered = events.iter().any(|e| e.gas.is_some());
    let gas: u64 = events.iter().filter_map(|e| e.gas).sum();
    let n = execs.max(1) as f64;
    (micros as f64 / n, metered.then(|| gas as f64 / n), execs)
}

/// The gas of the first, the tenth of the way and the last shortfall.
fn shortfall_gas(r: &SimResult) -> Option<(u64, u64, u64)> {
    let gas: Vec<u64> = r
        .events
        .iter()
        .filter(|e| e.shortfall.is_some() && e.ok)
        .map(|e| e.gas)
        .collect::<Option<Vec<u64>>>()?;
    Some((*gas.first()?, gas[gas.len() / 10], *gas.last()?))
}

/// One engine's figures.
pub struct Figures {
    /// The engine.
    pub engine: EngineKind,
    /// Events played.
    pub events: usize,
    /// Events not carried out (must be none).
    pub failed: usize,
    /// Contract executions in the timeline.
    pub executions: u64,
    /// Wall-clock seconds of the timeline.
    pub seconds: f64,
    /// (µs, gas) per execution over the first tenth of the events.
    pub early: (f64, Option<f64>),
    /// The same over the last tenth.
    pub late: (f64, Option<f64>),
    /// Gas of the first shortfall, the one a tenth of the way, and the
    /// last (VM engine).
    pub shortfalls: Option<(u64, u64, u64)>,
    /// The first events not carried out, with why.
    pub failures: Vec<String>,
}

impl Figures {
    /// Executions per second.
    pub fn rate(&self) -> f64 {
        self.executions as f64 / self.seconds.max(1e-9)
    }
}

/// Plays the generated scenario on `engine`.
pub fn measure(engine: EngineKind, events: usize) -> Result<Figures, String> {
    let text = scenario_text(events);
    let scenario = crate::Scenario::parse(&text).map_err(|e| e.to_string())?;
    let (r, _) = crate::run(&scenario, engine, true)?;
    let tenth = (r.events.len() / 10).max(1);
    let (em, eg, _) = per_execution(&r.events[..tenth]);
    let (lm, lg, _) = per_execution(&r.events[r.events.len() - tenth..]);
    Ok(Figures {
        engine,
        events: r.events.len(),
        failed: r.events.iter().filter(|e| !e.ok).count(),
        executions: r.events.iter().map(|e| e.executions).sum(),
        seconds: r.wall_seconds,
        early: (em, eg),
        late: (lm, lg),
        shortfalls: shortfall_gas(&r),
        failures: r
            .events
            .iter()
            .filter(|e| !e.ok)
            .take(5)
            .map(|e| {
                format!(
                    "event {} ({}): {}",
                    e.index,
                    e.label,
                    e.error.clone().unwrap_or_default()
                )
            })
            .collect(),
    })
}

/// Measures every engine in `engines` and renders the figures.
pub fn run(engines: &[EngineKind], events: usize) -> Result<String, String> {
    let mut out = format!(
        "Simulator throughput: a generated scenario of {} events (full profile, a cycle of ten \
         everyday events with one shortfall)\n\n",
        thousands(events as u128)
    );
    let mut rows = vec![];
    let mut failures = vec![];
    for &e in engines {
        let f = measure(e, events)?;
        if f.failed > 0 {
            failures.push(format!(
                "{}: {} events were not carried out, first:\n  {}",
                e.name(),
                f.failed,
                f.failures.join("\n  ")
            ));
        }
        let gas = |g: Option<f64>| g.map_or("-".to_string(), |g| format!("{g:.0}"));
        let growth = |a: f64, b: f64| format!("{:.3}", b / a.max(1e-9));
        rows.push(vec![
            e.name().to_string(),
            thousands(u128::from(f.executions)),
            format!("{:.1}", f.seconds),
            format!("{:.0}", f.rate()),
            format!("{:.0} → {:.0}", f.early.0, f.late.0),
            growth(f.early.0, f.late.0),
            format!("{} → {}", gas(f.early.1), gas(f.late.1)),
            match (f.early.1, f.late.1) {
                (Some(a), Some(b)) => growth(a, b),
                _ => "-".into(),
            },
            f.shortfalls.map_or("-".into(), |(a, b, c)| {
                format!(
                    "{} / {} / {}",
                    thousands(a.into()),
                    thousands(b.into()),
                    thousands(c.into())
                )
            }),
        ]);
    }
    out.push_str(&crate::report::table(
        &[
            "engine",
            "executions",
            "seconds",
            "executions/s",
            "µs/execution first → last tenth",
            "ratio",
            "gas/execution first → last tenth",
            "ratio",
            "shortfall gas: first / a tenth in / last",
        ],
        &[crate::report::Align::Left]
            .into_iter()
            .chain(std::iter::repeat_n(crate::report::Align::Right, 8))
            .collect::<Vec<_>>(),
        &rows,
    ));
    out.push_str(
        "\nGas is SDK gas without wasmd's 60,000 per execution; time is wall-clock on this machine, \
         checks and queries included. A shortfall's gas rises by about 1% over its first reports as \
         stored totals gain digits (each byte written costs gas), then stays flat.\n",
    );
    if failures.is_empty() {
        Ok(out)
    } else {
        Err(format!("{out}\n{}", failures.join("\n")))
    }
}
