//! The Backstop simulator: deploys the suite on an embedded chain, plays a
//! scenario's timeline through the real contracts, and reports who lost
//! what, in which order. See `docs/simulator.md`.

pub mod artifacts;
pub mod bench;
pub mod chart;
pub mod deploy;
pub mod engine;
pub mod overrides;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod units;
pub mod wiring;

pub use engine::{Engine, EngineKind};
pub use scenario::Scenario;
pub use sim::{simulate, Deployment, SimResult};

/// Reads and checks the scenario at `path`; errors name the file, the line
/// and the field.
pub fn load(path: &std::path::Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Scenario::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the scenario at `path` with each `key=value` of `sets` applied
/// (see [`overrides`]); errors name the settings and the field.
pub fn load_with(path: &std::path::Path, sets: &[String]) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let changed = overrides::apply(&text, sets).map_err(|e| format!("{}: {e}", path.display()))?;
    Scenario::parse(&changed)
        .map_err(|e| format!("{} with {}: {e}", path.display(), sets.join(" ")))
}

/// Runs `scenario` on a new engine of `kind`. For the VM engine the
/// artifacts are checked first (present, and the ones
/// `artifacts/checksums.txt` names); warnings go to stderr.
pub fn run(
    scenario: &Scenario,
    kind: EngineKind,
    progress: bool,
) -> Result<(SimResult, Deployment), String> {
    if kind == EngineKind::Vm {
        for w in artifacts::check(&artifacts::dir())? {
            eprintln!("warning: {w}");
        }
    }
    let engine = engine::create(kind)?;
    simulate(scenario, engine, progress)
}
