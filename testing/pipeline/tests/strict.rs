//! Misspelled messages through the whole suite: each is refused with a parse
//! error naming the field, and nothing moves. Before, a deposit with
//! `min_share` ran without its slippage guard and a misspelled pause from
//! governance paused nothing and reported success.

mod suite;

use cosmwasm_std::{coin, Binary, CosmosMsg, WasmMsg};
use cw_multi_test::{AppResponse, Executor};
use suite::{AssetKind, Pipeline, PipelineBuilder, DENOM};

fn raw(json: &str) -> Binary {
    Binary::from(json.as_bytes())
}

/// Runs `action`, asserts it fails naming `field` and that nothing moved.
fn refused(
    p: &mut Pipeline,
    field: &str,
    action: impl FnOnce(&mut Pipeline) -> anyhow::Result<AppResponse>,
) {
    let before = p.balances();
    let err = action(p).expect_err("a misspelled message should be refused");
    let text = format!("{err:#}");
    assert!(
        text.contains("unknown field") && text.contains(field),
        "{text}"
    );
    assert_eq!(p.balances(), before, "a refused message moved value");
}

#[test]
fn a_misspelled_deposit_stake_or_pause_is_refused_and_moves_nothing() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let (underwriter, vault, staking) = (
        p.underwriter.clone(),
        p.vault.to_string(),
        p.staking.to_string(),
    );

    // a deposit whose slippage guard is misspelled
    refused(&mut p, "min_share", |p| {
        p.app.execute(
            underwriter.clone(),
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr: vault.clone(),
                msg: raw(r#"{"deposit":{"recipient":null,"min_share":"999999999999"}}"#),
                funds: vec![coin(1_000, DENOM)],
            }),
        )
    });

    // a stake hook with a field the contract does not know
    p.deposit(&underwriter, 10_000);
    refused(&mut p, "recipient", |p| {
        p.app.execute(
            underwriter.clone(),
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr: vault.clone(),
                msg: raw(&format!(
                    r#"{{"send":{{"contract":"{staking}","amount":"1000","msg":"{}"}}}}"#,
                    raw(r#"{"stake":{"recipient":"someone"}}"#).to_base64()
                )),
                funds: vec![],
            }),
        )
    });

    // governance pausing reports with a misspelled switch
    let socializer = p.socializer.clone();
    refused(&mut p, "report", |p| {
        p.app.wasm_sudo(
            socializer.clone(),
            &serde_json::json!({"set_pause": {"report": true}}),
        )
    });
    assert!(!p.waterfall().pause.reports);
}
