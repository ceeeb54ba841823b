//! Miswiring is survivable and visible: a report never fails because a
//! layer's link is missing. Before, if the staking contract did not list the
//! socializer as a slasher, or the vault did not list the staking contract
//! as a slash source, every report reverted.

mod suite;

use backstop_types::socializer::{LayerKind, LayerSkippedEvent, QueryMsg, WiringResponse};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::Uint128;
use suite::{AssetKind, PipelineBuilder};

fn staker_layer(out: &backstop_types::socializer::ShortfallOutcome) -> Uint128 {
    out.layers
        .iter()
        .find(|l| l.layer == LayerKind::StakerSlash)
        .map(|l| l.amount)
        .unwrap_or_default()
}

#[test]
fn a_report_skips_the_staker_layer_when_the_socializer_is_not_a_slasher() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let staking_addr = p.staking.clone();
    p.app
        .wasm_sudo(
            staking_addr,
            &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                slashers: Some(vec![]),
                ..Default::default()
            }),
        )
        .unwrap();
    // dropping a slasher shifts loss onto the later layers: it waits past
    // the vault's underwriters' exit (a week's cooldown, two days' window)
    let params: staking::Params = p
        .app
        .wrap()
        .query_wasm_smart(&p.staking, &staking::QueryMsg::Params {})
        .unwrap();
    let eta = params.pending.expect("queued").eta;
    assert_eq!(eta, p.now() + 9 * 24 * 3600 + 1);
    p.advance(eta - p.now());
    let (out, _) = p.try_report(20_000).expect("a miswired report still runs");
    assert!(staker_layer(&out).is_zero());
    let wiring: WiringResponse = p
        .app
        .wrap()
        .query_wasm_smart(&p.socializer, &QueryMsg::Wiring {})
        .unwrap();
    let link = wiring
        .links
        .iter()
        .find(|l| l.name == "staking slasher")
        .unwrap();
    assert!(!link.ok);
    assert!(link.fix.contains("update_params"), "{}", link.fix);
}

#[test]
fn a_report_skips_the_staker_layer_when_the_vault_would_refuse_the_slashed_shares() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let vault = p.vault.clone();
    p.app
        .wasm_sudo(
            vault,
            &fund_vault::GovMsg::SetSlashSources {
                addresses: vec![],
                claimant: None,
            },
        )
        .unwrap();
    let res = p
        .exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
            amount: Uint128::new(20_000),
            report_id: None,
        })
        .expect("a miswired report still runs");
    let skipped = LayerSkippedEvent::find(&res.events).expect("the skip is an event");
    assert_eq!(skipped.layer, "staker_slash");
    assert!(
        skipped.reason.contains("slash source"),
        "{}",
        skipped.reason
    );
    let wiring: WiringResponse = p
        .app
        .wrap()
        .query_wasm_smart(&p.socializer, &QueryMsg::Wiring {})
        .unwrap();
    assert!(wiring
        .links
        .iter()
        .any(|l| l.name == "vault slash source" && !l.ok));
    assert!(wiring
        .links
        .iter()
        .any(|l| l.name == "vault claimant" && l.ok));
}

#[test]
fn a_complete_deployment_reports_every_link_ok() {
    let p = PipelineBuilder::new(AssetKind::Native).build();
    let wiring: WiringResponse = p
        .app
        .wrap()
        .query_wasm_smart(&p.socializer, &QueryMsg::Wiring {})
        .unwrap();
    let names: Vec<&str> = wiring.links.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(wiring.links.iter().all(|l| l.ok && l.fix.is_empty()));
}

#[test]
fn a_socializer_refuses_a_wallet_as_its_vault_or_staking_contract() {
    use backstop_types::params::ParamError;
    use backstop_types::socializer::InstantiateMsg;
    use cw_multi_test::Executor;
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let code = p.app.store_code(suite::socializer_contract());
    let (gov, wallet) = (p.gov.clone(), p.outsider.clone());
    let mut refused = |vault: &str, staking: Option<String>| {
        let msg = InstantiateMsg {
            owner: gov.to_string(),
            vault: vault.to_string(),
            staking,
            layers: suite::default_layers()[1..].to_vec(),
            timelock_seconds: 7 * 24 * 3600,
            limits: backstop_types::socializer::RiskLimits::unlimited(),
            markets: vec![],
        };
        p.app
            .instantiate_contract(code, gov.clone(), &msg, &[], "socializer", None)
            .unwrap_err()
            .downcast::<loss_socializer::ContractError>()
            .unwrap()
    };
    assert_eq!(
        refused(wallet.as_str(), None),
        loss_socializer::ContractError::Param(ParamError::NotAContract {
            name: "vault",
            address: wallet.to_string(),
        })
    );
    let vault = p.vault.to_string();
    assert_eq!(
        refused(&vault, Some(wallet.to_string())),
        loss_socializer::ContractError::Param(ParamError::NotAContract {
            name: "staking",
            address: wallet.to_string(),
        })
    );
}
