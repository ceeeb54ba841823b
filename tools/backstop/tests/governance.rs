//! Governance, pauses and a frozen market in a run
//! (tests/scenarios/governance.toml), on the native engine: each refused
//! event is refused by the contracts, and the queued layer change shows in
//! the socializer's own `Waterfall` answer.

use std::path::Path;

use backstop::engine::{self, EngineKind};
use backstop_types::socializer;
use cosmwasm_std::{from_json, to_json_vec};

#[test]
fn governance_pauses_and_freezes_act_on_the_contracts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/governance.toml");
    let scenario = backstop::load(&path).expect("reads");
    let (r, mut d) = backstop::simulate(
        &scenario,
        engine::create(EngineKind::Native).unwrap(),
        false,
    )
    .expect("runs");
    let ok: Vec<(usize, bool)> = r.events.iter().map(|e| (e.index, e.ok)).collect();
    assert_eq!(
        ok,
        vec![
            (1, true),
            (2, true),
            (3, true),
            (4, false),
            (5, true),
            (6, true),
            (7, false),
            (8, true),
            (9, true),
            (10, false),
        ],
        "{:#?}",
        r.events
            .iter()
            .map(|e| (&e.label, &e.error))
            .collect::<Vec<_>>()
    );
    let err = |i: usize| r.events[i - 1].error.clone().unwrap_or_default();
    assert!(err(4).contains("frozen"), "{}", err(4));
    assert!(err(7).contains("paused"), "{}", err(7));
    assert!(
        err(10).contains("no actor, market or contract `nobody`"),
        "{}",
        err(10)
    );
    assert_eq!(r.events[9].txs, 0, "an unresolved name sends nothing");
    // the refused reports moved nothing; the last one was covered
    assert_eq!(r.events[3].state, r.events[2].state);
    assert_eq!(r.totals.shortfalls, 1);

    let soc = d.addresses["socializer"].clone();
    let q = |d: &mut backstop::Deployment, msg: &socializer::QueryMsg| {
        d.engine.query(&soc, &to_json_vec(msg).unwrap()).unwrap()
    };
    let w: socializer::Waterfall =
        from_json(q(&mut d, &socializer::QueryMsg::Waterfall {})).unwrap();
    assert_eq!(w.layers.len(), 2, "the added layer waits for the timelock");
    let pending = w.pending_layers.expect("queued");
    assert_eq!(pending.value.len(), 3);
    assert!(!w.pause.reports);
    let eth: socializer::Market = from_json(q(
        &mut d,
        &socializer::QueryMsg::Market {
            id: "eth-perp".into(),
        },
    ))
    .unwrap();
    assert_eq!(eth.reporter.as_str(), d.addresses["treasury"]);
}
