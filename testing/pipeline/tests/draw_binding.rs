//! Only the socializer's own slashes draw on the vault through the slash
//! hook. A slash hook with `cover` used to draw on the socializer's vault
//! allowance for any slasher: a "keeper" slasher added by governance could
//! slash one share and take the vault's money, with no report or record.

mod suite;

use backstop_types::{fund_vault, staking};
use cosmwasm_std::{to_json_binary, Uint128};
use cw_multi_test::Executor;
use suite::{AssetKind, PipelineBuilder};

#[test]
fn a_keeper_slasher_cannot_draw_on_the_vault_through_the_slash_hook() {
    let mut p = PipelineBuilder::new(AssetKind::Native).build();
    let keeper = p.outsider.clone();
    let (staking_addr, socializer) = (p.staking.clone(), p.socializer.clone());
    p.app
        .wasm_sudo(
            staking_addr.clone(),
            &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                slashers: Some(vec![socializer.to_string(), keeper.to_string()]),
                ..Default::default()
            }),
        )
        .unwrap();
    // a new slasher can hurt the stakers: it waits for their unbonding
    p.advance(suite::WEEK + 1);
    let vault_before = p.vault_total_assets();
    let hook = fund_vault::ShareHookMsg::RedeemSlashed {
        recipient: keeper.to_string(),
        cover: Some(Uint128::new(100_000)),
    };
    let res = p.app.execute_contract(
        keeper.clone(),
        staking_addr,
        &staking::ExecuteMsg::Slash {
            amount: Uint128::new(1),
            recipient: p.vault.to_string(),
            msg: Some(to_json_binary(&hook).unwrap()),
        },
        &[],
    );
    let err = res.expect_err("a keeper's slash must not draw on the vault");
    assert_eq!(
        err.downcast_ref::<::fund_vault::ContractError>(),
        Some(&::fund_vault::ContractError::UnauthorizedDraw {
            claimant: socializer.to_string(),
            amount: Uint128::new(100_000),
        }),
        "{err:#}"
    );
    assert_eq!(p.vault_total_assets(), vault_before);
    // the socializer's own report still draws through the hook
    let out = p.report(60_000);
    assert!(!out.layers.is_empty());
    assert!(p.vault_total_assets() < vault_before);
}
