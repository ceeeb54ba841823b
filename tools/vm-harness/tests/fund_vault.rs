//! The optimized fund-vault artifact on the real VM:
//! instantiate → deposit → unlock → withdraw → cover shortfall.
//!
//! Needs `artifacts/fund_vault.wasm` (scripts/build-artifacts.sh).

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::fund_vault::{
    ClaimantLimits, ClaimantMsg, CoverShortfallEvent, CoverShortfallResponse, DepositEvent,
    ExecuteMsg, GovMsg, InstantiateMsg, MigrateMsg, ParamsMsg, ParamsUpdate, QueryMsg,
    ShareTokenInfo, UnlockEvent, UnlockResponse, WithdrawEvent,
};
use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, from_json, Addr, BankMsg, CosmosMsg, Decimal, Empty, Response, Uint128};
use vm_harness::{read_artifact, VmContract};

const DENOM: &str = "uusdc";
const COOLDOWN: u64 = 3_600;

fn ok(called: vm_harness::Called<Response<Empty>>, what: &str) -> Response<Empty> {
    let sdk = called.sdk;
    println!(
        "{what:<18} SDK gas {:>7} (vm {:>5}, kv {:>6} in {} reads / {} writes, events {:>4})",
        sdk.total(),
        sdk.vm,
        sdk.kv.gas,
        sdk.kv.reads,
        sdk.kv.writes,
        sdk.events
    );
    called
        .result
        .into_result()
        .unwrap_or_else(|e| panic!("{what} failed on the VM: {e}"))
}

fn bank_send(res: &Response<Empty>) -> (String, Uint128) {
    match &res.messages[..] {
        [sub] => match &sub.msg {
            CosmosMsg::Bank(BankMsg::Send { to_address, amount }) => {
                assert_eq!(amount[0].denom, DENOM);
                (to_address.clone(), amount[0].amount)
            }
            other => panic!("expected a bank send, got {other:?}"),
        },
        other => panic!("expected one message, got {other:?}"),
    }
}

#[test]
fn the_optimized_vault_runs_its_whole_lifecycle_on_the_real_vm() {
    let mut vm = VmContract::new(read_artifact("fund_vault"), &[]);
    let (gov, alice, market, recipient) = (
        vm.addr("gov"),
        vm.addr("alice"),
        vm.addr("market"),
        vm.addr("recipient"),
    );
    let info =
        |sender: &str, funds: &[cosmwasm_std::Coin]| message_info(&Addr::unchecked(sender), funds);

    let res = vm
        .instantiate(
            &info(&gov, &[]),
            &InstantiateMsg {
                owner: gov.clone(),
                asset: AssetInfoUnchecked::Native {
                    denom: DENOM.into(),
                },
                share_token: ShareTokenInfo {
                    name: "Backstop USDC".into(),
                    symbol: "bsUSDC".into(),
                    decimals: 6,
                },
                params: ParamsMsg {
                    cooldown_seconds: COOLDOWN,
                    exit_window_seconds: COOLDOWN,
                    max_open_unlocks: 5,
                    max_payout_fraction: Decimal::percent(50),
                    min_reserve: Uint128::new(1_000),
                    notice_seconds: None,
                },
                guardian: None,
                claimants: vec![ClaimantMsg {
                    address: market.clone(),
                    limits: ClaimantLimits {
                        lifetime_cap: Uint128::new(1_000_000),
                        window_cap: Uint128::new(300_000),
                        window_seconds: 86_400,
                    },
                }],
                slash_sources: vec![],
                slash_claimant: None,
            },
        )
        .unwrap();
    ok(res, "instantiate");

    let deposit = ExecuteMsg::Deposit {
        recipient: None,
        min_shares: Some(Uint128::new(999_000)),
    };
    let res = ok(
        vm.execute(&info(&alice, &coins(1_000_000, DENOM)), &deposit)
            .unwrap(),
        "deposit",
    );
    let ev = DepositEvent::find(&res.events).expect("deposit event");
    assert_eq!(
        (ev.shares, ev.total_assets),
        (Uint128::new(999_000), Uint128::new(1_000_000))
    );

    let res = ok(
        vm.execute(
            &info(&alice, &[]),
            &ExecuteMsg::Unlock {
                shares: Uint128::new(400_000),
            },
        )
        .unwrap(),
        "unlock",
    );
    let unlock: UnlockResponse = from_json(res.data.as_ref().unwrap()).unwrap();
    assert_eq!(
        UnlockEvent::find(&res.events).unwrap().assets_at_request,
        Uint128::new(400_000)
    );

    // before the cooldown the VM returns the typed error
    let early = vm
        .execute(
            &info(&alice, &[]),
            &ExecuteMsg::WithdrawUnlocked {
                id: unlock.id,
                recipient: None,
            },
        )
        .unwrap();
    let err = early.result.into_result().unwrap_err();
    assert!(err.contains("releases at"), "unexpected error: {err}");

    vm.advance(COOLDOWN);
    let res = ok(
        vm.execute(
            &info(&alice, &[]),
            &ExecuteMsg::WithdrawUnlocked {
                id: unlock.id,
                recipient: None,
            },
        )
        .unwrap(),
        "withdraw_unlocked",
    );
    assert_eq!(
        WithdrawEvent::find(&res.events).unwrap().assets,
        Uint128::new(400_000)
    );
    assert_eq!(bank_send(&res), (alice.clone(), Uint128::new(400_000)));

    // 600_000 left: the 50% fraction caps the payout at 300_000
    let cover = ExecuteMsg::CoverShortfall {
        amount: Uint128::new(350_000),
        recipient: recipient.clone(),
    };
    let res = ok(
        vm.execute(&info(&market, &[]), &cover).unwrap(),
        "cover_shortfall",
    );
    let data: CoverShortfallResponse = from_json(res.data.as_ref().unwrap()).unwrap();
    assert_eq!(
        (data.paid, data.uncovered),
        (Uint128::new(300_000), Uint128::new(50_000))
    );
    assert_eq!(
        CoverShortfallEvent::find(&res.events).unwrap().total_assets,
        Uint128::new(300_000)
    );
    assert_eq!(bank_send(&res), (recipient, Uint128::new(300_000)));

    let total: Uint128 =
        from_json(vm.query(&QueryMsg::TotalAssets {}).unwrap().result.unwrap()).unwrap();
    assert_eq!(total, Uint128::new(300_000));

    ok(
        vm.sudo(&GovMsg::UpdateParams(ParamsUpdate {
            cooldown_seconds: Some(60),
            ..Default::default()
        }))
        .unwrap(),
        "sudo",
    );
    ok(vm.migrate(&MigrateMsg {}).unwrap(), "migrate");
}
