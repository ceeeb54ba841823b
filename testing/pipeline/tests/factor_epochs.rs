//! Haircut factors that never collapse, and that charge traders what was
//! assigned to them, to the unit, at any scale.

mod suite;

use backstop_types::socializer::Layer;
use cosmwasm_std::{Decimal, Uint128};
use suite::{AssetKind, PipelineBuilder};

fn trader_only(max: u64) -> Vec<Layer> {
    vec![Layer::TraderProfitHaircut {
        max_ratio: Decimal::percent(max),
    }]
}

fn open(p: &mut suite::Pipeline, trader: &cosmwasm_std::Addr, profit: u128) {
    p.exchange_exec(&test_exchange::ExecuteMsg::OpenPosition {
        trader: trader.to_string(),
        profit: Uint128::new(profit),
    })
    .unwrap();
}

/// Issue defect 1: a 100% haircut took the cumulative trader factor to zero
/// for good, and every position opened afterwards was paid nothing. Seen
/// failing before factor epochs (the new position was worth 0).
#[test]
fn a_position_opened_after_a_full_haircut_is_paid_in_full() {
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .layers(trader_only(100))
        .build();
    let (t0, t1) = (p.traders[0].clone(), p.traders[1].clone());
    let out = p.report(500_000); // far above the 100,000 of profit
    assert_eq!(out.trader_haircut_ratio, Decimal::one());
    assert_eq!(p.position(&t0).profit, Uint128::zero());
    open(&mut p, &t1, 10_000);
    assert_eq!(p.position(&t1).profit, Uint128::new(10_000));
}

/// Issue defect 1: about 60 events at 50% took the factor to zero.
#[test]
fn sixty_halvings_leave_a_later_position_whole() {
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .layers(trader_only(50))
        .build();
    let (t0, t1) = (p.traders[0].clone(), p.traders[1].clone());
    // fresh profit keeps every report a 50% haircut
    for _ in 0..70 {
        open(&mut p, &t0, 100_000);
        assert_eq!(
            p.report(1_000_000).trader_haircut_ratio,
            Decimal::percent(50)
        );
    }
    open(&mut p, &t1, 10_000);
    assert_eq!(p.position(&t1).profit, Uint128::new(10_000));
    p.report(1_000_000);
    assert_eq!(p.position(&t1).profit, Uint128::new(5_000));
}

/// Issue defect 1: a 1-unit shortfall against 10³⁰ of profit rounded to a
/// ratio of 10⁻¹⁸, so traders paid 10¹² while 1 was recorded. Seen failing
/// before exact factors (the position lost 10¹²).
#[test]
fn a_one_unit_shortfall_against_huge_profit_costs_traders_one_unit() {
    let huge = 1_000_000_000_000_000_000_000_000_000_000u128;
    let mut p = PipelineBuilder::new(AssetKind::Native)
        .layers(trader_only(100))
        .positions(vec![huge])
        .build();
    let t0 = p.traders[0].clone();
    let out = p.report(1);
    assert_eq!(out.layers[0].amount, Uint128::new(1));
    let left = p.position(&t0).profit.u128();
    assert!(left >= huge - 2, "the trader paid {}", huge - left);
}

fn settle(p: &mut suite::Pipeline, trader: &cosmwasm_std::Addr) -> anyhow::Result<u128> {
    let before = p.asset_balance(trader);
    p.exchange_exec(&test_exchange::ExecuteMsg::Settle {
        trader: trader.to_string(),
    })?;
    Ok(p.asset_balance(trader) - before)
}

/// Issue defect 2: a trader who settled in the same block just before the
/// report kept all their profit, and the other trader paid 10,001 instead
/// of 6,000. The market now reports inside the liquidation that reveals the
/// bad debt, so no settlement comes between them; a market that cannot
/// freezes profits until its report lands.
#[test]
fn a_settlement_in_the_same_block_cannot_escape_the_haircut() {
    for atomic in [true, false] {
        let mut p = PipelineBuilder::new(AssetKind::Native)
            .layers(trader_only(100))
            .build();
        let (t0, t1) = (p.traders[0].clone(), p.traders[1].clone());
        let bad_debt = Uint128::new(10_000);
        if atomic {
            p.exchange_exec(&test_exchange::ExecuteMsg::Liquidate { bad_debt })
                .unwrap();
        } else {
            p.exchange_exec(&test_exchange::ExecuteMsg::RevealLoss { bad_debt })
                .unwrap();
            let err = settle(&mut p, &t0).unwrap_err();
            assert!(format!("{err:?}").contains("frozen"), "{err:?}");
            p.exchange_exec(&test_exchange::ExecuteMsg::ReportPending {})
                .unwrap();
        }
        // the same block: the haircut is already in force for everyone
        assert_eq!(settle(&mut p, &t0).unwrap(), 36_000, "atomic: {atomic}");
        assert_eq!(settle(&mut p, &t1).unwrap(), 54_000, "atomic: {atomic}");
    }
}
