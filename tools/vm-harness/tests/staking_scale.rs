//! The optimized staking artifact on the real VM: stake, claim rewards,
//! unstake and claim unbonded cost the same SDK gas with 10 and with 10,000
//! existing stakers (O(1) per user).
//!
//! Both states hold the same totals (10 × 1,000,000 shares against
//! 10,000 × 1,000), so any difference comes from the number of stakers alone.
//! Needs `artifacts/staking_rewards.wasm` (scripts/build-artifacts.sh).

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::staking::compact::Compact;
use backstop_types::staking::RewardPool;
use backstop_types::staking::{
    ExecuteMsg, FundMode, InstantiateMsg, ParamsMsg, ReceiveMsg, Staker, StakingState, UserReward,
    STATE,
};
use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, from_json, to_json_binary, to_json_vec, Addr, Decimal, Uint128};
use cw20::Cw20ReceiveMsg;
use staking_rewards::state::{REWARDS, STAKERS};
use vm_harness::{read_artifact, VmContract};

const UNBONDING: u64 = 86_400;
const TOTAL_SHARES: u128 = 10_000_000;

fn ok(c: vm_harness::Called<cosmwasm_std::Response>, what: &str) -> u64 {
    c.result
        .into_result()
        .unwrap_or_else(|e| panic!("{what} failed on the VM: {e}"));
    c.sdk.total()
}

/// Gas of each user operation in a pool of `n` existing stakers.
fn measure(n: u128) -> Vec<(&'static str, u64)> {
    let mut vm = VmContract::new(read_artifact("staking_rewards"), &[]);
    let (gov, token, user) = (
        vm.addr("gov"),
        vm.addr("stake-token"),
        vm.addr("bench-user"),
    );
    let info = |s: &str| message_info(&Addr::unchecked(s), &[]);
    ok(
        vm.instantiate(
            &info(&gov),
            &InstantiateMsg {
                owner: gov.clone(),
                staking_token: token.clone(),
                params: ParamsMsg {
                    unbonding_seconds: UNBONDING,
                    max_slash_ratio: Decimal::percent(30),
                    max_open_unbondings: 10,
                    exit_window_seconds: None,
                    slashers: vec![],
                    reward_funders: None,
                    guardian: None,
                    notice_seconds: None,
                },
                reward_assets: vec![AssetInfoUnchecked::Native {
                    denom: "ufee".into(),
                }],
            },
        )
        .unwrap(),
        "instantiate",
    );

    // n stakers written directly, holding TOTAL_SHARES between them
    let per_staker = TOTAL_SHARES / n;
    for i in 0..n {
        let addr = Addr::unchecked(vm.addr(&format!("staker{i:05}")));
        let staker = Staker {
            shares: Uint128::new(per_staker),
            rewards: vec![UserReward::default()],
            ..Default::default()
        };
        vm.set_raw(&STAKERS.key(&addr), &to_json_vec(&staker).unwrap());
    }
    let state = StakingState {
        total_tokens: Uint128::new(TOTAL_SHARES),
        total_shares: Uint128::new(TOTAL_SHARES),
        ..Default::default()
    };
    vm.set_raw(STATE.as_slice(), &state.encode());
    // every share is bonded: rewards accrue over all of them
    let mut pool: RewardPool = from_json(vm.get_raw(REWARDS.as_slice()).unwrap()).unwrap();
    pool.bonded_shares = Uint128::new(TOTAL_SHARES);
    vm.set_raw(REWARDS.as_slice(), &to_json_vec(&pool).unwrap());

    // one reward asset streaming
    let fund = ExecuteMsg::FundRewards {
        mode: FundMode::Stream {
            period_seconds: 10 * UNBONDING,
        },
    };
    ok(
        vm.execute(
            &message_info(&Addr::unchecked(&gov), &coins(1_000_000_000, "ufee")),
            &fund,
        )
        .unwrap(),
        "fund",
    );
    vm.advance(60);

    let stake = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: user.clone(),
        amount: Uint128::new(5_000),
        msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
    });
    let mut out = vec![(
        "stake",
        ok(vm.execute(&info(&token), &stake).unwrap(), "stake"),
    )];
    vm.advance(60);
    let claim_rewards = ExecuteMsg::ClaimRewards { asset: None };
    out.push((
        "claim rewards",
        ok(
            vm.execute(&info(&user), &claim_rewards).unwrap(),
            "claim rewards",
        ),
    ));
    let unstake = ExecuteMsg::Unstake {
        amount: Uint128::new(2_000),
    };
    out.push((
        "unstake",
        ok(vm.execute(&info(&user), &unstake).unwrap(), "unstake"),
    ));
    vm.advance(UNBONDING);
    let claim = vm
        .execute(&info(&user), &ExecuteMsg::Claim { id: None })
        .unwrap();
    out.push(("claim unbonded", ok(claim, "claim unbonded")));

    // the state the test wrote is what the contract read
    let totals = StakingState::decode(&vm.get_raw(STATE.as_slice()).unwrap()).unwrap();
    assert_eq!(totals.total_shares, Uint128::new(TOTAL_SHARES + 3_000));
    out
}

#[test]
fn user_operations_cost_the_same_with_10_and_10_000_stakers() {
    let small = measure(10);
    let large = measure(10_000);
    println!(
        "{:<16} {:>12} {:>12} {:>8}",
        "operation", "N = 10", "N = 10,000", "ratio"
    );
    for ((op, a), (_, b)) in small.iter().zip(&large) {
        let ratio = *b as f64 / *a as f64;
        println!("{op:<16} {a:>12} {b:>12} {ratio:>8.4}");
        assert!(
            ratio <= 1.02,
            "{op} grows with the number of stakers: {a} -> {b}"
        );
    }
}
