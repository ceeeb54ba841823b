//! A contract run from the module cache meters exactly the gas of one
//! compiled from its artifact on every call, and a rolled-back transaction
//! leaves its store as it was.
//!
//! Needs `artifacts/fund_vault.wasm` (scripts/build-artifacts.sh).

use std::rc::Rc;

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::fund_vault::{
    ExecuteMsg, InstantiateMsg, ParamsMsg, QueryMsg, ShareTokenInfo, STATE,
};
use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, from_json, Addr, Decimal, Uint128};
use vm_harness::gas::Registry;
use vm_harness::{contract_addr, read_artifact, wallet_addr, ModuleCache, VmContract};

fn instantiate(vm: &mut VmContract) {
    let gov = wallet_addr("gov");
    let msg = InstantiateMsg {
        owner: gov.clone(),
        asset: AssetInfoUnchecked::Native {
            denom: "uusdc".into(),
        },
        share_token: ShareTokenInfo {
            name: "Backstop USDC".into(),
            symbol: "bsUSDC".into(),
            decimals: 6,
        },
        params: ParamsMsg {
            cooldown_seconds: 3_600,
            exit_window_seconds: 3_600,
            max_open_unlocks: 5,
            max_payout_fraction: Decimal::percent(50),
            min_reserve: Uint128::new(1_000),
            notice_seconds: None,
        },
        guardian: None,
        claimants: vec![],
        slash_sources: vec![],
        slash_claimant: None,
    };
    let called = vm
        .instantiate(&message_info(&Addr::unchecked(&gov), &[]), &msg)
        .expect("instantiate");
    called.result.into_result().expect("instantiated");
}

#[test]
fn the_module_cache_meters_the_same_gas_as_compiling_each_call() {
    let wasm = read_artifact("fund_vault");
    let vault = contract_addr("vault");
    let mut compiled = VmContract::at(wasm.clone(), &vault, Registry::default(), &[]);
    let cache = Rc::new(ModuleCache::new().expect("cache"));
    let checksum = cache.store(&wasm).expect("upload checks");
    let mut cached =
        VmContract::at(wasm, &vault, Registry::default(), &[]).with_cache(cache.clone(), checksum);
    instantiate(&mut compiled);
    instantiate(&mut cached);

    let alice = message_info(
        &Addr::unchecked(wallet_addr("alice")),
        &coins(5_000, "uusdc"),
    );
    let deposit = ExecuteMsg::Deposit {
        recipient: None,
        min_shares: None,
    };
    let unlock = ExecuteMsg::Unlock {
        shares: Uint128::new(1_000),
    };
    for msg in [&deposit, &deposit, &unlock] {
        let a = compiled.execute(&alice, msg).expect("compiled call");
        let b = cached.execute(&alice, msg).expect("cached call");
        let used = |c: &vm_harness::Called<_>| (c.gas.used_internally, c.gas.used_externally);
        assert_eq!(used(&a), used(&b), "VM gas of {msg:?}");
        assert_eq!(a.sdk, b.sdk, "SDK gas of {msg:?}");
        assert!(a.sdk.total() > 0);
        assert_eq!(a.result, b.result);
    }
    let q = |vm: &mut VmContract| vm.query(&QueryMsg::TotalAssets {}).expect("query");
    let (a, b) = (q(&mut compiled), q(&mut cached));
    assert_eq!(
        (a.gas.used_internally, a.gas.used_externally),
        (b.gas.used_internally, b.gas.used_externally)
    );
    assert_eq!(a.result, b.result);
    assert_eq!(
        from_json::<Uint128>(a.result.unwrap()).unwrap(),
        Uint128::new(10_000)
    );
}

#[test]
fn a_rolled_back_transaction_leaves_the_store_as_it_was() {
    let wasm = read_artifact("fund_vault");
    let mut vm = VmContract::at(wasm, &contract_addr("vault"), Registry::default(), &[]);
    instantiate(&mut vm);
    let alice = message_info(
        &Addr::unchecked(wallet_addr("alice")),
        &coins(5_000, "uusdc"),
    );
    let deposit = ExecuteMsg::Deposit {
        recipient: None,
        min_shares: None,
    };
    vm.begin();
    vm.execute(&alice, &deposit).unwrap().result.unwrap();
    vm.commit();
    let state = |vm: &mut VmContract| vm.get_raw(STATE.as_slice()).expect("state");
    let committed = state(&mut vm);

    // two deposits inside a transaction, then undone: the state and every
    // key the deposits wrote (the first one included) are as committed
    let bob = message_info(&Addr::unchecked(wallet_addr("bob")), &coins(7_000, "uusdc"));
    let shares = |vm: &mut VmContract, who: &str| {
        let r = vm
            .query(&QueryMsg::Balance {
                address: wallet_addr(who),
            })
            .unwrap()
            .result
            .unwrap();
        from_json::<cw20::BalanceResponse>(r).unwrap().balance
    };
    vm.begin();
    vm.execute(&alice, &deposit).unwrap().result.unwrap();
    vm.execute(&bob, &deposit).unwrap().result.unwrap();
    assert_ne!(state(&mut vm), committed);
    assert_eq!(shares(&mut vm, "bob"), Uint128::new(7_000));
    vm.rollback();
    assert_eq!(state(&mut vm), committed);
    // the first deposit's dead shares stay locked
    assert_eq!(shares(&mut vm, "alice"), Uint128::new(5_000 - 1_000));
    // bob's balance, written for the first time in the transaction, is gone
    assert_eq!(shares(&mut vm, "bob"), Uint128::zero());

    // writes after the rollback are kept without a transaction
    vm.execute(&alice, &deposit).unwrap().result.unwrap();
    assert_ne!(state(&mut vm), committed);
}
