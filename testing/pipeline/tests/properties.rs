//! Property test over random states and shortfalls:
//! 1. simulation equals execution, to the unit;
//! 2. value is conserved across every contract and account: what left the
//!    vault and the stakers is exactly what the market received;
//! 3. haircuts never exceed their caps.

mod suite;

use backstop_types::socializer::{Layer, LayerKind};
use cosmwasm_std::Decimal;
use proptest::prelude::*;
use suite::{AssetKind, PipelineBuilder};

fn layers() -> impl Strategy<Value = Vec<Layer>> {
    (
        0u64..=100,
        0u64..=100,
        0u64..=100,
        0u64..=100,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(s, v, t, l, swap_front, swap_back)| {
            let mut layers = vec![
                Layer::StakerSlash {
                    max_ratio: Decimal::percent(s),
                },
                Layer::Vault {
                    max_fraction: Decimal::percent(v),
                },
                Layer::TraderProfitHaircut {
                    max_ratio: Decimal::percent(t),
                },
                Layer::LpHaircut {
                    max_ratio: Decimal::percent(l),
                },
            ];
            if swap_front {
                layers.swap(0, 1);
            }
            if swap_back {
                layers.swap(2, 3);
            }
            layers
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn simulation_equals_execution_and_value_is_conserved(
        layers in layers(),
        stakes in prop::collection::vec(1_000u128..200_000, 1..4),
        underwriting in 2_000u128..1_000_000,
        positions in prop::collection::vec(0u128..300_000, 1..4),
        lp_pool in 0u128..1_000_000,
        losses in prop::collection::vec(1u128..600_000, 1..4),
        cw20 in any::<bool>(),
    ) {
        let kind = if cw20 { AssetKind::Cw20 } else { AssetKind::Native };
        let mut p = PipelineBuilder::new(kind)
            .layers(layers.clone())
            .stakes(stakes)
            .underwriting(underwriting)
            .positions(positions)
            .lp_pool(lp_pool)
            .build();
        let exchange = p.exchange.clone();
        for loss in losses {
            let pool = p.pool();
            let before = p.balances();
            let exchange_before = p.asset_balance(&exchange);
            let simulated = p.simulate(loss);
            let (outcome, _) = p.try_report(loss).unwrap();
            prop_assert_eq!(&simulated, &outcome);

            let after = p.balances();
            let amount = |k: LayerKind| outcome.layers.iter().find(|l| l.layer == k).map(|l| l.amount.u128()).unwrap_or(0);
            let moved = amount(LayerKind::StakerSlash) + amount(LayerKind::Vault);
            // what left the vault (slash redemption and payout) reached the market
            prop_assert_eq!(before.vault_assets - after.vault_assets, moved);
            prop_assert_eq!(p.asset_balance(&exchange) - exchange_before, moved);
            let total_before: u128 = before.assets.iter().map(|(_, v)| v).sum();
            let total_after: u128 = after.assets.iter().map(|(_, v)| v).sum();
            prop_assert_eq!(total_before, total_after, "no asset created or destroyed");
            // slashed stake is exactly the shares burned by the vault
            let slashed = outcome.layers.iter().find(|l| l.layer == LayerKind::StakerSlash).map(|l| l.slashed_tokens.u128()).unwrap_or(0);
            prop_assert_eq!(before.staked_tokens - after.staked_tokens, slashed);
            prop_assert_eq!(before.vault_shares - after.vault_shares, slashed);
            // the layers and the residual add up to the loss
            let covered: u128 = outcome.layers.iter().map(|l| l.amount.u128()).sum();
            prop_assert_eq!(covered + outcome.residual.u128(), loss);
            // haircuts within their caps, and within what the ratio collects
            for l in &layers {
                let o = outcome.layers.iter().find(|x| x.layer == l.kind()).unwrap();
                prop_assert!(o.ratio <= l.cap());
                let base = match l.kind() {
                    LayerKind::TraderProfitHaircut => pool.total_profit,
                    LayerKind::LpHaircut => pool.lp_pool_value,
                    _ => continue,
                };
                prop_assert!(o.amount <= base.mul_floor(o.ratio));
            }
        }
    }
}
