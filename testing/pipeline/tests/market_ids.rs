//! Market ids are permanent: removing a market and registering the same id
//! again used to reset its factors to one and its sequence to zero, so a
//! position checkpointed before the removal was overpaid and old haircut
//! records were overwritten.

mod suite;

use backstop_types::socializer::{self, MarketMsg};
use suite::{AssetKind, PipelineBuilder, MARKET};

#[test]
fn a_market_registered_again_under_its_old_id_keeps_its_factors_and_sequence() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    p.report(200_000); // residual 20,000 and a 20% trader haircut
    p.recover(60_000).unwrap(); // repays the debt and every haircut
    let before = p.market();
    assert!(!before.trader_factor.is_one());
    assert!(before.bad_debt.is_zero() && before.haircut_outstanding.is_zero());

    let exchange = p.exchange.to_string();
    p.sudo_socializer(socializer::GovMsg::RemoveMarket { id: MARKET.into() })
        .unwrap();
    // while removed, it neither reports nor receives recoveries
    let reporter = p.exchange.to_string();
    p.assert_rejected(
        loss_socializer::ContractError::UnknownReporter { sender: reporter },
        |p| {
            p.exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
                amount: cosmwasm_std::Uint128::new(1_000),
                report_id: None,
            })
        },
    );
    p.assert_rejected(
        loss_socializer::ContractError::UnknownMarket { id: MARKET.into() },
        |p| p.recover(1_000),
    );
    p.sudo_socializer(socializer::GovMsg::SetMarket(MarketMsg {
        id: MARKET.into(),
        reporter: exchange.clone(),
        recipient: exchange,
        exposure_ceiling: before.exposure_ceiling,
        limits: None,
    }))
    .unwrap();
    let after = p.market();
    assert_eq!(
        (after.trader_factor, after.lp_factor, after.seq),
        (before.trader_factor, before.lp_factor, before.seq),
        "a reused id reset the market"
    );
    // the next report continues the sequence instead of overwriting #1
    let out = p.report(1_000);
    assert_eq!(out.seq, before.seq + 1);
}
