//! The exit window of unbonding entries (issue 11, defect 4, staking side):
//! a matured entry can be claimed only for `exit_window_seconds` after its
//! release; past that it lapses and its shares bond again, so holding a
//! matured entry is no free option to leave ahead of a loss.

mod suite;

use backstop_types::params::ParamError;
use backstop_types::staking::{
    ClaimEvent, FundMode, GovMsg, ParamsUpdate, PauseUpdate, QueryMsg, UnbondingLapsedEvent,
    UnbondingsResponse, DEFAULT_EXIT_WINDOW_SECONDS, MAX_EXIT_WINDOW_SECONDS,
    MIN_EXIT_WINDOW_SECONDS,
};
use cosmwasm_std::Uint128;
use staking_rewards::ContractError;
use suite::{Reward, Suite, SuiteBuilder, UNBONDING};

const WINDOW: u64 = DEFAULT_EXIT_WINDOW_SECONDS;

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

fn stake_balance(s: &Suite, who: &cosmwasm_std::Addr) -> u128 {
    s.cw20_balance(&s.stake_token, who)
}

fn unbondings(s: &Suite, who: &cosmwasm_std::Addr) -> UnbondingsResponse {
    s.query(&QueryMsg::Unbondings {
        owner: who.to_string(),
        start_after: None,
        limit: None,
    })
}

/// On the code before the window (seen failing: she was paid all 1,000),
/// the staker below unbonded, let the entry mature and sat on it; when a
/// loss became visible she could claim at once and leave whole, while a
/// bonded staker had to wait a full unbonding period.
#[test]
fn a_matured_unbonding_held_past_its_exit_window_cannot_be_claimed_ahead_of_a_loss() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000);
    s.stake(&bob, 1_000);
    s.unstake(&alice, 1_000);
    s.advance(UNBONDING + WINDOW);
    let before = stake_balance(&s, &alice);

    let res = s.try_claim(&alice, None).unwrap();

    assert_eq!(
        stake_balance(&s, &alice),
        before,
        "a lapsed entry pays nothing"
    );
    assert!(ClaimEvent::find(&res.events).is_none());
    let lapse = UnbondingLapsedEvent::find(&res.events).unwrap();
    assert_eq!((lapse.entries, lapse.shares), (1, u(1_000)));
    let staker = s.staker(&alice);
    assert_eq!(staker.staked_tokens, u(1_000), "its stake is bonded again");
    assert!(staker.unbondings.is_empty());
    // and it bears the loss with everyone else
    let owner = s.owner.clone();
    s.try_slash(&owner, 500, None).unwrap();
    assert_eq!(s.staker(&alice).staked_tokens, u(750));
    assert_eq!(s.staker(&bob).staked_tokens, u(750));
}

#[test]
fn an_entry_is_claimable_until_the_last_second_of_its_window() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    let r = s.unstake(&alice, 400);
    assert_eq!(r.expires_at, r.release_at + WINDOW);
    s.advance(UNBONDING + WINDOW - 1);
    let view = &unbondings(&s, &alice).unbondings[0];
    assert_eq!((view.expires_at, view.lapsed), (Some(r.expires_at), false));
    let before = stake_balance(&s, &alice);
    let res = s.try_claim(&alice, Some(r.id)).unwrap();
    assert_eq!(ClaimEvent::find(&res.events).unwrap().amount, u(400));
    assert!(UnbondingLapsedEvent::find(&res.events).is_none());
    assert_eq!(stake_balance(&s, &alice), before + 400);
}

#[test]
fn one_claim_pays_the_live_entries_and_bonds_the_lapsed_ones_again() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.unstake(&alice, 300);
    s.advance(WINDOW);
    s.unstake(&alice, 200);
    s.advance(UNBONDING);
    // the first entry's window closed at this second; the second's is open
    assert_eq!(
        unbondings(&s, &alice)
            .unbondings
            .iter()
            .map(|v| v.lapsed)
            .collect::<Vec<_>>(),
        [true, false]
    );
    let before = stake_balance(&s, &alice);
    let res = s.try_claim(&alice, None).unwrap();
    assert_eq!(ClaimEvent::find(&res.events).unwrap().amount, u(200));
    assert_eq!(
        UnbondingLapsedEvent::find(&res.events).unwrap().shares,
        u(300)
    );
    assert_eq!(stake_balance(&s, &alice), before + 200);
    assert_eq!(s.staker(&alice).staked_tokens, u(800));
    assert_eq!(s.totals().total_tokens, u(800));
}

#[test]
fn a_lapsed_entry_named_by_id_bonds_again_and_then_is_gone() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    let r = s.unstake(&alice, 1_000);
    s.advance(UNBONDING + WINDOW + 100);
    let res = s.try_claim(&alice, Some(r.id)).unwrap();
    assert_eq!(UnbondingLapsedEvent::find(&res.events).unwrap().entries, 1);
    s.assert_rejected(
        ContractError::UnbondingNotFound {
            owner: alice.to_string(),
            id: r.id,
        },
        |s| s.try_claim(&alice, Some(r.id)),
    );
}

#[test]
fn bonded_again_the_shares_earn_from_the_lapse_and_not_for_the_time_they_were_unbonding() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000);
    s.stake(&bob, 1_000);
    s.unstake(&alice, 1_000);
    s.advance(UNBONDING + WINDOW);
    // paid while alice's shares were unbonding: all bob's
    s.try_fund(Reward::Native, 1_000, FundMode::Instant {})
        .unwrap();
    s.try_claim(&alice, None).unwrap();
    assert_eq!(s.pending(&alice, Reward::Native), 0);
    assert_eq!(s.pending(&bob, Reward::Native), 1_000);
    s.try_fund(Reward::Native, 1_000, FundMode::Instant {})
        .unwrap();
    assert_eq!(s.pending(&alice, Reward::Native), 500);
    assert_eq!(s.pending(&bob, Reward::Native), 1_500);
}

#[test]
fn a_pause_of_claims_never_makes_an_entry_lapse() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    let r = s.unstake(&alice, 1_000);
    s.advance(UNBONDING);
    s.sudo(GovMsg::SetPause(PauseUpdate {
        claims: Some(true),
        ..Default::default()
    }))
    .unwrap();
    s.advance(WINDOW * 3);
    s.sudo(GovMsg::SetPause(PauseUpdate {
        claims: Some(false),
        ..Default::default()
    }))
    .unwrap();
    // a whole window from the resume, though its own closed long ago
    s.advance(WINDOW - 1);
    assert!(!unbondings(&s, &alice).unbondings[0].lapsed);
    let before = stake_balance(&s, &alice);
    let res = s.try_claim(&alice, Some(r.id)).unwrap();
    assert_eq!(ClaimEvent::find(&res.events).unwrap().amount, u(1_000));
    assert_eq!(stake_balance(&s, &alice), before + 1_000);
}

#[test]
fn the_window_is_fixed_per_entry_when_it_is_made() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    let old = s.unstake(&alice, 100);
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        exit_window_seconds: Some(WINDOW * 5),
        ..Default::default()
    }))
    .unwrap();
    let new = s.unstake(&alice, 100);
    assert_eq!(old.expires_at - old.release_at, WINDOW);
    assert_eq!(new.expires_at - new.release_at, WINDOW * 5);
    s.advance(UNBONDING + WINDOW);
    let res = s.try_claim(&alice, None).unwrap();
    assert_eq!(
        UnbondingLapsedEvent::find(&res.events).unwrap().shares,
        u(100)
    );
    assert_eq!(ClaimEvent::find(&res.events).unwrap().amount, u(100));
}

#[test]
fn an_exit_window_under_an_hour_or_above_thirty_days_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    for window in [0, MIN_EXIT_WINDOW_SECONDS - 1, MAX_EXIT_WINDOW_SECONDS + 1] {
        let err = ParamError::OutOfRange {
            name: "exit_window_seconds",
            value: window.into(),
            min: MIN_EXIT_WINDOW_SECONDS.into(),
            max: MAX_EXIT_WINDOW_SECONDS.into(),
        };
        s.assert_rejected(ContractError::Param(err), |s| {
            s.sudo(GovMsg::UpdateParams(ParamsUpdate {
                exit_window_seconds: Some(window),
                ..Default::default()
            }))
        });
    }
}
