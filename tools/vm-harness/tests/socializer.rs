//! The optimized loss-socializer artifact on the real VM: instantiate, then
//! `SimulateShortfall` and `ReportShortfall` through a four-layer waterfall.
//! The vault's and staking contract's state is served to the socializer's
//! raw queries from their documented storage layouts.
//!
//! Needs `artifacts/loss_socializer.wasm` (scripts/build-artifacts.sh).

use std::collections::HashMap;

use backstop_types::asset::AssetInfo;
use backstop_types::fund_vault::{self, Claimant, ClaimantLimits, VaultConfig, VaultState};
use backstop_types::socializer::{
    self, plan, ExecuteMsg, InstantiateMsg, Layer, MarketMsg, ShortfallEvent, ShortfallInput,
    ShortfallOutcome, StakedToken, StakingSnapshot, VaultSnapshot,
};
use backstop_types::staking::{self, StakingState};
use cosmwasm_std::testing::message_info;
use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Binary, ContractResult, CosmosMsg, Decimal,
    SystemResult, Uint128, WasmMsg, WasmQuery,
};
use vm_harness::{read_artifact, VmContract};

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

#[test]
fn report_shortfall_runs_the_whole_waterfall_on_the_real_vm() {
    let mut vm = VmContract::new(read_artifact("loss_socializer"), &[]);
    let (gov, vault, staking_addr, market) = (
        vm.addr("gov"),
        vm.addr("vault"),
        vm.addr("staking"),
        vm.addr("market"),
    );
    let me = Addr::unchecked(vm.env.contract.address.as_str());

    // the other contracts' state, in their documented layouts
    let vault_params = fund_vault::Params {
        cooldown_seconds: 3_600,
        exit_window_seconds: 3_600,
        exits_resumed_at: 0,
        max_open_unlocks: 5,
        max_payout_fraction: Decimal::one(),
        min_reserve: u(1_000),
        guardian: None,
        slash_sources: vec![Addr::unchecked(&staking_addr)],
        slash_claimant: Some(me.clone()),
        pause: Default::default(),
        notice_seconds: backstop_types::governance::timelock::DEFAULT_NOTICE_SECONDS,
        exit_horizon: 0,
        pending: None,
    };
    let vault_state = VaultState {
        total_assets: u(200_000),
        total_shares: u(200_000),
        ..Default::default()
    };
    let claimant = Claimant::new(ClaimantLimits {
        lifetime_cap: Uint128::MAX,
        window_cap: Uint128::MAX,
        window_seconds: 60,
    });
    let staking_params = staking::Params {
        unbonding_seconds: 3_600,
        max_slash_ratio: Decimal::percent(50),
        max_open_unbondings: 5,
        exit_window_seconds: 3_600,
        claims_resumed_at: 0,
        slashers: vec![me.clone()],
        reward_funders: None,
        guardian: None,
        notice_seconds: backstop_types::governance::timelock::DEFAULT_NOTICE_SECONDS,
        exit_horizon: 0,
        pending: None,
    };
    let staking_state = StakingState {
        total_tokens: u(40_000),
        total_shares: u(40_000),
        ..Default::default()
    };
    let mut raw: HashMap<(String, Vec<u8>), Vec<u8>> = HashMap::new();
    let mut put = |contract: &str, key: &[u8], value: Vec<u8>| {
        raw.insert((contract.to_string(), key.to_vec()), value)
    };
    put(
        &vault,
        fund_vault::CONFIG.as_slice(),
        to_json_vec(&VaultConfig {
            asset: AssetInfo::Native {
                denom: "uusdc".into(),
            },
        })
        .unwrap(),
    );
    put(
        &vault,
        fund_vault::PARAMS.as_slice(),
        to_json_vec(&vault_params).unwrap(),
    );
    put(
        &vault,
        fund_vault::STATE.as_slice(),
        to_json_vec(&vault_state).unwrap(),
    );
    put(
        &vault,
        &fund_vault::CLAIMANTS.key(&me),
        to_json_vec(&claimant).unwrap(),
    );
    put(
        &staking_addr,
        staking::STAKING_TOKEN.as_slice(),
        cosmwasm_std::Api::addr_canonicalize(&cosmwasm_std::testing::MockApi::default(), &vault)
            .unwrap()
            .to_vec(),
    );
    put(
        &staking_addr,
        staking::PARAMS.as_slice(),
        to_json_vec(&staking_params).unwrap(),
    );
    put(
        &staking_addr,
        staking::STATE.as_slice(),
        staking::compact::Compact::encode(&staking_state),
    );
    vm.on_wasm_query(move |q| match q {
        WasmQuery::Raw { contract_addr, key } => {
            SystemResult::Ok(ContractResult::Ok(Binary::from(
                raw.get(&(contract_addr.clone(), key.to_vec()))
                    .cloned()
                    .unwrap_or_default(),
            )))
        }
        other => panic!("the socializer must use raw queries only, got {other:?}"),
    });

    let layers = vec![
        Layer::StakerSlash {
            max_ratio: Decimal::percent(50),
        },
        Layer::Vault {
            max_fraction: Decimal::percent(50),
        },
        Layer::TraderProfitHaircut {
            max_ratio: Decimal::percent(20),
        },
        Layer::LpHaircut {
            max_ratio: Decimal::percent(10),
        },
    ];
    let info = |s: &str| message_info(&Addr::unchecked(s), &[]);
    vm.instantiate(
        &info(&gov),
        &InstantiateMsg {
            owner: gov.clone(),
            vault: vault.clone(),
            staking: Some(staking_addr.clone()),
            layers: layers.clone(),
            timelock_seconds: 3_600,
            limits: socializer::RiskLimits::unlimited(),
            markets: vec![MarketMsg {
                id: "btc-perp".into(),
                reporter: market.clone(),
                recipient: market.clone(),
                exposure_ceiling: u(1_000_000),
                limits: None,
            }],
        },
    )
    .unwrap()
    .result
    .into_result()
    .expect("instantiate on the VM");

    let input = ShortfallInput {
        amount: u(200_000),
        total_profit: u(100_000),
        lp_pool_value: u(500_000),
    };
    let simulated: ShortfallOutcome = from_json(
        vm.query(&socializer::QueryMsg::SimulateShortfall {
            market_id: "btc-perp".into(),
            amount: input.amount,
            total_profit: input.total_profit,
            lp_pool_value: input.lp_pool_value,
        })
        .unwrap()
        .result
        .unwrap(),
    )
    .unwrap();

    let called = vm
        .execute(
            &info(&market),
            &ExecuteMsg::ReportShortfall {
                report_id: 1,
                amount: input.amount,
                total_profit: input.total_profit,
                lp_pool_value: input.lp_pool_value,
            },
        )
        .unwrap();
    let sdk = called.sdk;
    let res = called.result.into_result().expect("report on the VM");
    println!(
        "ReportShortfall on the VM: {} SDK gas (vm {}, kv {} in {} reads / {} writes), {} sub-messages",
        sdk.total(),
        sdk.vm,
        sdk.kv.gas,
        sdk.kv.reads,
        sdk.kv.writes,
        res.messages.len()
    );
    let outcome: ShortfallOutcome = from_json(res.data.as_ref().unwrap()).unwrap();
    assert_eq!(simulated, outcome, "simulation equals execution on the VM");

    // the same numbers as the native planner on the same state
    let expected = plan(
        &input,
        &layers,
        Some(&StakingSnapshot {
            token: StakedToken::VaultShares,
            state: staking_state,
            params: staking_params,
        }),
        &VaultSnapshot {
            state: vault_state,
            params: vault_params,
            claimant: Some(claimant),
        },
        &socializer::Budget::unlimited(),
        vm.env.block.time.seconds(),
    )
    .unwrap();
    assert_eq!(outcome.layers, expected.layers);
    assert_eq!((outcome.residual, outcome.bad_debt), (u(20_000), u(20_000)));
    let ev = ShortfallEvent::find(&res.events).unwrap();
    assert_eq!(
        (ev.stakers, ev.vault, ev.trader_haircut, ev.lp_haircut),
        (u(20_000), u(90_000), u(20_000), u(50_000))
    );

    // exactly one call: slash 20_000 shares into the vault, whose hook
    // redeems them and then draws the vault layer's 90_000
    let calls: Vec<(String, String)> = res
        .messages
        .iter()
        .map(|m| match &m.msg {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) => (
                contract_addr.clone(),
                String::from_utf8(msg.to_vec()).unwrap(),
            ),
            other => panic!("unexpected message {other:?}"),
        })
        .collect();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, staking_addr);
    let slash: staking::ExecuteMsg = from_json(calls[0].1.as_bytes()).unwrap();
    let hook = to_json_binary(&fund_vault::ShareHookMsg::RedeemSlashed {
        recipient: market.clone(),
        cover: Some(u(90_000)),
    })
    .unwrap();
    assert_eq!(
        slash,
        staking::ExecuteMsg::Slash {
            amount: u(20_000),
            recipient: vault.clone(),
            msg: Some(hook)
        }
    );
}
