//! Regression tests for issue 11, defect 3 (staking side): deep losses broke
//! entry. After a near-total slash a newcomer minted about 10¹² shares per
//! token, instant rewards were booked but could never be claimed, and after
//! repeated maximum slashes and refills the share count overflowed and every
//! large stake was refused. Share epochs fix both: see
//! `docs/staking-rewards.md`, "Share epochs".

mod suite;

use backstop_types::staking::{
    FundMode, QueryMsg, StakersResponse, UnbondingsResponse, EPOCH_THRESHOLD,
};
use cosmwasm_std::Decimal;
use suite::{Reward, Suite, SuiteBuilder, UNBONDING};

/// One 18-decimal token.
const TOKEN: u128 = 10u128.pow(18);
const INSTANT: FundMode = FundMode::Instant {};

/// The largest slash ratio governance may set: one atomic below 1.
fn max_ratio() -> Decimal {
    Decimal::from_atomics(10u128.pow(18) - 1, 18).unwrap()
}

fn deep_suite() -> Suite {
    SuiteBuilder::new()
        .stakers(4)
        .balance(10u128.pow(30))
        .max_slash_ratio(max_ratio())
        .build()
}

/// Slashes everything the cap allows.
fn slash_max(s: &mut Suite) {
    let cap = s.totals().slash_capacity.u128();
    let slasher = s.slasher.clone();
    s.try_slash(&slasher, cap, None).unwrap();
}

/// The pool never holds more shares per token than the epoch threshold.
fn assert_shares_bounded(s: &Suite) {
    let t = s.totals();
    assert!(
        t.total_shares.u128() / t.total_tokens.u128().max(1) <= EPOCH_THRESHOLD,
        "{} shares for {} tokens",
        t.total_shares,
        t.total_tokens
    );
}

/// A newcomer stakes `amount`: the stake is accepted, worth what was paid
/// (to one unit), and an instant funding made then is claimable pro rata.
fn newcomer_enters_fairly(s: &mut Suite, who: usize, amount: u128) {
    let user = s.user(who);
    let tokens_before = s.totals().total_tokens.u128();
    s.try_stake(&user, amount).expect("the stake is accepted");
    let me = s.staker(&user);
    assert!(
        me.staked_tokens.u128() + 1 >= amount && me.staked_tokens.u128() <= amount,
        "paid {amount}, worth {}",
        me.staked_tokens
    );
    assert_shares_bounded(s);

    // one USDC (6 decimals) funded at once
    let before = s.reward_balance(Reward::Native, &user);
    s.try_fund(Reward::Native, 1_000_000, INSTANT).unwrap();
    s.try_claim_rewards(&user, Some(Reward::Native))
        .expect("the newcomer's rewards are claimable");
    let got = s.reward_balance(Reward::Native, &user) - before;
    // the newcomer holds amount / (amount + tokens_before) of the pool;
    // what the index cannot hold yet (under one atomic per share, so at
    // most shares × 10⁻¹⁸ units) waits in the carry for the next funding
    let fair = 1_000_000 * amount / (amount + tokens_before);
    let waiting = s.reward_assets().assets[0].undistributed.u128();
    let resolution = s.totals().total_shares.u128() / 10u128.pow(18) + 1;
    assert!(
        got <= fair + 1 && got + waiting + 2 >= fair && waiting <= resolution,
        "claimed {got}, fair {fair}, waiting {waiting}"
    );
    assert!(got > 0, "nothing claimable");
}

#[test]
fn after_a_near_total_slash_a_newcomer_enters_at_a_fair_price_and_can_claim_instant_rewards() {
    let mut s = deep_suite();
    let alice = s.user(0);
    s.stake(&alice, 1_000_000 * TOKEN);
    slash_max(&mut s);
    // a millionth of a token is left behind 10²⁴ shares
    assert!(s.totals().total_tokens.u128() <= 1_000_000);
    assert_shares_bounded(&s);
    newcomer_enters_fairly(&mut s, 1, TOKEN);
    // the old staker is worth what the slash left, to one unit
    let left = s.totals().total_tokens.u128() - s.staker(&s.user(1)).staked_tokens.u128();
    assert!(s.staker(&alice).staked_tokens.u128() <= left);
}

#[test]
fn a_hundred_maximum_slashes_each_followed_by_a_refill_leave_entry_and_rewards_working() {
    let mut s = deep_suite();
    for cycle in 0..100 {
        let user = s.user(cycle % 3);
        s.try_stake(&user, TOKEN)
            .unwrap_or_else(|e| panic!("cycle {cycle}: the refill was refused: {e}"));
        slash_max(&mut s);
        assert_shares_bounded(&s);
    }
    newcomer_enters_fairly(&mut s, 3, 1_000 * TOKEN);
    // the old stakers still act: unstake, claim, and claim rewards
    let bob = s.user(1);
    let worth = s.staker(&bob).staked_tokens.u128();
    if worth > 0 {
        s.unstake(&bob, worth);
        s.advance(UNBONDING);
        s.try_claim(&bob, None).unwrap();
    }
    let _ = s.try_claim_rewards(&bob, None);
    let t = s.totals();
    assert!(t.total_tokens.u128() >= s.staker(&s.user(3)).staked_tokens.u128());
}

#[test]
fn a_pool_left_deeper_than_the_threshold_by_an_older_release_rolls_over_before_a_stake() {
    use backstop_types::staking::{StakingState, STATE};
    let mut s = deep_suite();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000_000 * TOKEN);
    // the v0.1.0 release never rolled over: write the totals a near-total
    // slash left there (the tokens themselves stay, so the test only reads
    // the share math)
    let staking = s.staking.clone();
    {
        let mut store = s.app.contract_storage_mut(&staking);
        let deep = StakingState {
            total_tokens: cosmwasm_std::Uint128::new(1_000_000),
            total_shares: cosmwasm_std::Uint128::new(1_000_000 * TOKEN),
            ..Default::default()
        };
        STATE.save(store.as_mut(), &deep).unwrap();
    }
    let res = s.try_stake(&bob, TOKEN).unwrap();
    assert!(
        res.events
            .iter()
            .any(|e| e.ty == "wasm-backstop-staking-epoch"),
        "the stake opened a new epoch"
    );
    assert_shares_bounded(&s);
    let bob_view = s.staker(&bob);
    assert!(bob_view.staked_tokens.u128() + 1 >= TOKEN);
    // alice converts on her next touch, and keeps what the loss left her
    let alice_view = s.staker(&alice);
    assert!(alice_view.staked_tokens.u128() <= 1_000_000);
    assert!(alice_view.staked_tokens.u128() + 1 >= 1_000_000 * 9 / 10);
}

#[test]
fn bonded_and_unbonding_stake_cross_a_rollover_alike_and_both_still_exit() {
    let mut s = deep_suite();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000_000 * TOKEN);
    s.stake(&bob, 1_000_000 * TOKEN);
    s.unstake(&alice, 1_000_000 * TOKEN); // an entry of epoch 0
                                          // a 99.999999% loss: 10⁸ shares per token, a rollover by 10⁷
    let slasher = s.slasher.clone();
    let t = s.totals().total_tokens.u128();
    let res = s
        .try_slash(&slasher, t - t / 100_000_000 + 1, None)
        .unwrap();
    assert!(res
        .events
        .iter()
        .any(|e| e.ty == "wasm-backstop-staking-epoch"));
    let left = s.totals().total_tokens.u128();
    // both halves are worth half of what is left, to a share's rounding
    let bonded = s.staker(&bob).staked_tokens.u128();
    let unbonding = s.staker(&alice).unbonding_tokens.u128();
    assert!(bonded.abs_diff(left / 2) <= 1, "{bonded} of {left}");
    assert!(unbonding.abs_diff(left / 2) <= 1, "{unbonding} of {left}");
    // the list queries show the records converted, without writing them
    let list: StakersResponse = s.query(&QueryMsg::Stakers {
        start_after: None,
        limit: None,
    });
    let bob_row = list.stakers.iter().find(|r| r.address == bob.as_str());
    assert_eq!(bob_row.map(|r| r.staked_tokens.u128()), Some(bonded));
    let entries: UnbondingsResponse = s.query(&QueryMsg::Unbondings {
        owner: alice.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(entries.unbondings[0].tokens.u128(), unbonding);
    assert!(entries.unbondings[0].shares.u128() < 1_000_000 * TOKEN);
    // the entry converts when claimed and pays what it was shown
    s.advance(UNBONDING);
    let before = s.cw20_balance(&s.stake_token.clone(), &alice);
    s.try_claim(&alice, None).unwrap();
    let paid = s.cw20_balance(&s.stake_token.clone(), &alice) - before;
    assert_eq!(paid, unbonding);
    // bob leaves too: the pool empties but for rounding
    s.unstake(&bob, bonded);
    s.advance(UNBONDING);
    s.try_claim(&bob, None).unwrap();
    assert!(s.totals().total_tokens.u128() <= 2);
}
