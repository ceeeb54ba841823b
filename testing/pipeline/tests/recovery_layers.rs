//! Recoveries reach every layer that paid. Before, recovery income repaid
//! bad debt and trader haircuts only, and refunded the rest: the LPs, the
//! vault's underwriters and the stakers, who paid first, got nothing back
//! (a 1,000,000 recovery after a 200,000 loss refunded 960,000).

mod suite;

use backstop_types::socializer::{GovMsg, RecoveryEvent, RecoveryLayer};
use cosmwasm_std::Uint128;
use suite::{AssetKind, PipelineBuilder};

const BOTH_KINDS: [AssetKind; 2] = [AssetKind::Native, AssetKind::Cw20];

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

#[test]
fn a_recovery_repays_every_layer_in_order_and_none_more_than_it_lost() {
    for kind in BOTH_KINDS {
        let mut p = PipelineBuilder::new(kind).build();
        let out = p.report(200_000);
        let paid: Vec<u128> = out.layers.iter().map(|l| l.amount.u128()).collect();
        assert_eq!(paid, vec![20_000, 90_000, 20_000, 50_000]);
        assert_eq!(
            (p.vault_total_assets(), p.vault_total_shares()),
            (90_000, 180_000)
        );
        let staked = p.staking_totals().total_tokens.u128();
        assert_eq!(staked, 20_000);
        let (exchange, recoverer) = (p.exchange.clone(), p.recoverer.clone());
        let before = (p.asset_balance(&exchange), p.asset_balance(&recoverer));

        let res = p.recover(1_000_000).unwrap();
        let ev = RecoveryEvent::find(&res.events).unwrap();
        assert_eq!(
            (
                ev.to_debt,
                ev.to_haircuts,
                ev.to_lps,
                ev.to_vault,
                ev.to_stakers,
                ev.refunded
            ),
            (
                u(20_000),
                u(20_000),
                u(50_000),
                u(90_000),
                u(20_000),
                u(800_000)
            ),
            "{kind:?}"
        );
        // the market gets bad debt, trader and LP repayments
        assert_eq!(p.asset_balance(&exchange) - before.0, 90_000);
        assert_eq!(before.1 - p.asset_balance(&recoverer), 200_000);
        // the vault took its 90,000 as income and the stakers' 20,000 bought
        // shares at the price after it: every share is whole again
        assert_eq!(p.vault_total_assets(), 200_000);
        assert_eq!(p.staking_totals().total_tokens.u128(), 40_000);
        assert_eq!(p.share_value(1_000_000), 1_000_000);

        // nothing is owed any more: the next recovery is refunded in full
        let res = p.recover(10_000).unwrap();
        assert_eq!(
            RecoveryEvent::find(&res.events).unwrap().refunded,
            u(10_000)
        );
        let m = p.market();
        assert!(m.bad_debt.is_zero() && m.haircut_outstanding.is_zero());
        assert!(m.lp_outstanding.is_zero() && m.vault_outstanding.is_zero());
        assert!(m.staker_outstanding.is_zero());
    }
}

#[test]
fn governance_sets_the_recovery_order_behind_the_timelock() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    p.report(200_000);
    let order = vec![
        RecoveryLayer::Stakers,
        RecoveryLayer::Vault,
        RecoveryLayer::BadDebt,
    ];
    p.sudo_socializer(GovMsg::SetRecoveryOrder {
        order: order.clone(),
    })
    .unwrap();
    let eta = p.waterfall().pending_recovery_order.expect("queued").eta;
    p.advance(eta - p.now());
    assert_eq!(p.waterfall().recovery_order, order);
    let res = p.recover(25_000).unwrap();
    let ev = RecoveryEvent::find(&res.events).unwrap();
    assert_eq!(
        (ev.to_stakers, ev.to_vault, ev.to_debt, ev.to_haircuts),
        (u(20_000), u(5_000), u(0), u(0))
    );
    // a layer twice is refused with the contract's own error
    p.assert_rejected(
        loss_socializer::ContractError::Param(backstop_types::params::ParamError::Duplicate {
            name: "recovery_order",
            item: "vault".into(),
        }),
        |p| {
            p.sudo_socializer(GovMsg::SetRecoveryOrder {
                order: vec![RecoveryLayer::Vault, RecoveryLayer::Vault],
            })
        },
    );
}

mod property {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// No sequence of losses and recoveries ever repays a layer more
        /// than it lost.
        #[test]
        fn recoveries_never_pay_a_layer_more_than_it_lost(
            steps in prop::collection::vec((any::<bool>(), 1u128..300_000), 1..12),
            cw20 in any::<bool>(),
        ) {
            let kind = if cw20 { AssetKind::Cw20 } else { AssetKind::Native };
            let mut p = PipelineBuilder::new(kind).build();
            let mut repaid = [0u128; 5];
            for (loss, amount) in steps {
                if loss {
                    let _ = p.try_report(amount);
                } else if let Ok(res) = p.recover(amount) {
                    let ev = RecoveryEvent::find(&res.events).unwrap();
                    for (r, v) in repaid.iter_mut().zip([
                        ev.to_debt, ev.to_haircuts, ev.to_lps, ev.to_vault, ev.to_stakers,
                    ]) {
                        *r += v.u128();
                    }
                    prop_assert_eq!(
                        ev.to_debt + ev.to_haircuts + ev.to_lps + ev.to_vault + ev.to_stakers
                            + ev.refunded,
                        u(amount)
                    );
                }
                let t = p.market().totals;
                let lost = [t.bad_debt, t.trader_haircut, t.lp_haircut, t.vault, t.stakers];
                for (i, (r, l)) in repaid.iter().zip(lost).enumerate() {
                    prop_assert!(*r <= l.u128(), "layer {} repaid {} of {} lost", i, r, l);
                }
            }
        }
    }
}
