//! The fast stop: a guardian stops a runaway market at once, without a
//! proposal. Before, with every pause switch on in the vault and the staking
//! contract, reports still slashed stakers, and only a governance proposal
//! could stop the socializer.

mod suite;

use backstop_types::socializer::{self, ExecuteMsg, MarketFrozenEvent, PauseUpdate};
use cosmwasm_std::Uint128;
use cw_multi_test::Executor;
use loss_socializer::ContractError;
use suite::{AssetKind, PipelineBuilder, MARKET};

fn report_loss(p: &mut suite::Pipeline) -> anyhow::Result<cw_multi_test::AppResponse> {
    p.exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
        amount: Uint128::new(20_000),
        report_id: None,
    })
}

#[test]
fn a_guardian_freezes_a_runaway_market_and_only_governance_unfreezes_it() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let (guardian, socializer_addr) = (p.outsider.clone(), p.socializer.clone());
    p.sudo_socializer(socializer::GovMsg::SetGuardian {
        address: Some(guardian.to_string()),
    })
    .unwrap();

    let res = p
        .app
        .execute_contract(
            guardian.clone(),
            socializer_addr.clone(),
            &ExecuteMsg::FreezeMarket { id: MARKET.into() },
            &[],
        )
        .unwrap();
    assert!(MarketFrozenEvent::find(&res.events).unwrap().frozen);
    p.assert_rejected(
        ContractError::MarketFrozen { id: MARKET.into() },
        report_loss,
    );

    // the guardian can pause everything, but resume nothing
    let g = guardian.clone();
    let pause = |reports| PauseUpdate {
        reports: Some(reports),
        recoveries: None,
    };
    p.app
        .execute_contract(
            g.clone(),
            socializer_addr.clone(),
            &ExecuteMsg::SetPause(pause(true)),
            &[],
        )
        .unwrap();
    p.assert_rejected(
        ContractError::PauseUnauthorized {
            sender: guardian.to_string(),
        },
        |p| {
            p.app.execute_contract(
                g.clone(),
                socializer_addr.clone(),
                &ExecuteMsg::SetPause(pause(false)),
                &[],
            )
        },
    );
    // nor can an outsider freeze
    let stranger = p.recoverer.clone();
    p.assert_rejected(
        ContractError::PauseUnauthorized {
            sender: stranger.to_string(),
        },
        |p| {
            p.app.execute_contract(
                stranger.clone(),
                socializer_addr.clone(),
                &ExecuteMsg::FreezeMarket { id: MARKET.into() },
                &[],
            )
        },
    );

    // governance resumes and unfreezes: reports run again
    p.sudo_socializer(socializer::GovMsg::SetPause(pause(false)))
        .unwrap();
    p.assert_rejected(
        ContractError::MarketFrozen { id: MARKET.into() },
        report_loss,
    );
    p.sudo_socializer(socializer::GovMsg::UnfreezeMarket { id: MARKET.into() })
        .unwrap();
    report_loss(&mut p).unwrap();
}
