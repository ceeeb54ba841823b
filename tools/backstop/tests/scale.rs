//! A scenario of 10,000 events runs to the end on both engines, every event
//! carried out, and an event costs no more gas late in the run than early:
//! no operation iterates over past events (a thousand shortfall records, a
//! thousand unlock requests and unbondings made and paid out by then).
//!
//! The VM engine needs the optimized artifacts (scripts/build-artifacts.sh).

use backstop::bench::scenario_text;
use backstop::engine::{self, EngineKind};
use backstop::sim::SimResult;
use backstop::Scenario;

const EVENTS: usize = 10_000;

fn run(kind: EngineKind) -> SimResult {
    let scenario = Scenario::parse(&scenario_text(EVENTS)).expect("the generated scenario reads");
    assert_eq!(scenario.event_count(), EVENTS);
    let (r, _) = backstop::simulate(&scenario, engine::create(kind).unwrap(), false)
        .expect("the generated scenario runs");
    assert_eq!(r.events.len(), EVENTS);
    let failed: Vec<String> = r
        .events
        .iter()
        .filter(|e| !e.ok)
        .take(3)
        .map(|e| format!("{} {}: {:?}", e.index, e.label, e.error))
        .collect();
    assert!(failed.is_empty(), "events not carried out: {failed:?}");
    assert_eq!(r.totals.shortfalls, (EVENTS / 10) as u64);
    r
}

#[test]
fn ten_thousand_events_on_the_native_engine() {
    let r = run(EngineKind::Native);
    assert!(r.totals.executions > EVENTS as u64);
}

#[test]
fn ten_thousand_events_on_the_vm_engine_at_a_flat_cost_per_event() {
    let r = run(EngineKind::Vm);
    let gas: Vec<u64> = r
        .events
        .iter()
        .filter(|e| e.shortfall.is_some())
        .map(|e| e.gas.expect("metered"))
        .collect();
    let (first, hundredth, last) = (gas[0], gas[99], gas[gas.len() - 1]);
    // stored numbers grow a few digits longer over the first reports (each
    // byte written costs gas), then the cost is flat
    assert!(
        last as f64 <= first as f64 * 1.02,
        "the 1,000th shortfall costs {last}, the first {first}"
    );
    assert!(
        last as f64 <= hundredth as f64 * 1.005,
        "the 1,000th shortfall costs {last}, the 100th {hundredth}"
    );
    // every kind of event: gas per execution in the last tenth of the run
    // against the first
    let tenth = EVENTS / 10;
    let per_exec = |events: &[backstop::sim::EventRecord]| {
        let gas: u64 = events.iter().filter_map(|e| e.gas).sum();
        let execs: u64 = events.iter().map(|e| e.executions).sum();
        gas as f64 / execs as f64
    };
    let (early, late) = (
        per_exec(&r.events[..tenth]),
        per_exec(&r.events[EVENTS - tenth..]),
    );
    assert!(
        late <= early * 1.02,
        "gas per execution grows: {early:.0} early, {late:.0} late"
    );
}
