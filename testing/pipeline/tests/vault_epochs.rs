//! The staking contract follows a share epoch of the vault it stakes:
//! issue 11, defect 3 across the pipeline. A report that drains the vault
//! to its floor opens a vault share epoch; the staking pool's token total
//! divides with its balance in the vault, so the next plan, which reads
//! both raw, sees consistent numbers, and newcomers enter at a fair price.

mod suite;

use backstop_types::fund_vault;
use backstop_types::socializer::Layer;
use backstop_types::staking::TokenEpochEvent;
use cosmwasm_std::Decimal;
use suite::{default_layers, AssetKind, Pipeline, PipelineBuilder};

const UNDERWRITING: u128 = 100_000_000_000;

/// Stakers, then the whole vault down to its floor of 1,000.
fn deep_pipeline() -> Pipeline {
    let mut layers = default_layers();
    layers[1] = Layer::Vault {
        max_fraction: Decimal::one(),
    };
    PipelineBuilder::new(AssetKind::Native)
        .layers(layers)
        .underwriting(UNDERWRITING)
        .stakes(vec![10_000_000_000, 30_000_000_000])
        .build()
}

fn vault_state(p: &Pipeline) -> fund_vault::VaultState {
    fund_vault::STATE
        .query(&p.app.wrap(), p.vault.clone())
        .unwrap()
}

#[test]
fn a_report_that_drains_the_vault_to_its_floor_leaves_the_staking_pool_in_step() {
    let mut p = deep_pipeline();
    let staking = p.staking.clone();
    let before = p.staking_totals().total_tokens.u128();
    assert_eq!(p.shares(&staking), before);

    let res = p
        .report_for(&p.exchange.clone(), 10 * UNDERWRITING)
        .unwrap();
    let state = vault_state(&p);
    assert_eq!(state.share_epoch, 1, "the drain opened a vault share epoch");
    let followed = TokenEpochEvent::find(&res.events).expect("the staking pool followed");
    assert_eq!(followed.divisor_exp, state.epoch_exp);

    // the pool books exactly the shares it holds in the vault, in the new unit
    let totals = p.staking_totals();
    assert_eq!(totals.total_tokens.u128(), p.shares(&staking));
    assert!(totals.total_tokens.u128() < before);
    assert!(p.vault_total_shares() / p.vault_total_assets() <= 10_000_000);

    // a newcomer enters at a fair price and stakes
    let newcomer = p.outsider.clone();
    let deposit = 1_000_000;
    p.deposit(&newcomer, deposit);
    let shares = p.shares(&newcomer);
    let worth = p.share_value(shares);
    assert!(
        worth <= deposit && deposit - worth <= p.share_value(1) + 1,
        "{worth}"
    );
    p.stake(&newcomer, shares);
    let totals = p.staking_totals();
    assert_eq!(totals.total_tokens.u128(), p.shares(&staking));

    // and the next report plans on consistent totals: the staker layer pays
    let out = p.report(500_000);
    assert_eq!(out.amount.u128(), 500_000);
    let totals = p.staking_totals();
    assert_eq!(totals.total_tokens.u128(), p.shares(&staking));
}
