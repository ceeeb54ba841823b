//! The pool follows its staking token's share epochs: when the token is the
//! fund vault's shares and the vault opens a share epoch, it tells the pool
//! (`ShareEpochOpened`), which divides its tokens as the vault divides the
//! pool's balance. See `docs/staking-rewards.md`, "When the staking token is
//! the vault's shares".

mod suite;

use backstop_types::staking::{EpochEvent, ExecuteMsg, TokenEpochEvent};
use cw_multi_test::{AppResponse, Executor};
use suite::{Suite, SuiteBuilder};

/// The staking token announces a share epoch with divisor `10^exp`.
fn token_epoch(s: &mut Suite, exp: u32) -> AppResponse {
    let (token, staking) = (s.stake_token.clone(), s.staking.clone());
    s.app
        .execute_contract(
            token,
            staking,
            &ExecuteMsg::ShareEpochOpened {
                epoch: 1,
                divisor_exp: exp,
            },
            &[],
        )
        .unwrap()
}

#[test]
fn a_token_epoch_divides_the_pools_tokens_and_every_stake_alike() {
    let mut s = SuiteBuilder::new().stakers(2).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000_000);
    s.stake(&bob, 3_000_000);
    let shares = s.totals().total_shares;
    let res = token_epoch(&mut s, 3);
    let event = TokenEpochEvent::find(&res.events).unwrap();
    assert_eq!((event.divisor_exp, event.total_tokens.u128()), (3, 4_000));
    assert_eq!(s.totals().total_tokens.u128(), 4_000);
    assert_eq!(s.totals().total_shares, shares, "shares do not move");
    assert_eq!(s.staker(&alice).staked_tokens.u128(), 1_000);
    assert_eq!(s.staker(&bob).staked_tokens.u128(), 3_000);
}

/// Seen failing before the fix: a newcomer's 1,000,000 tokens were worth
/// 999 once staked, the rest owned by shares no token stood behind.
#[test]
fn shares_a_token_epoch_leaves_without_tokens_take_nothing_from_a_newcomer() {
    let mut s = SuiteBuilder::new().stakers(2).build();
    let (alice, newcomer) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000_000_000);
    // alice's stake is worth less than one new token unit
    let res = token_epoch(&mut s, 10);
    assert!(
        EpochEvent::find(&res.events).is_some(),
        "the pool rolled over"
    );
    assert_eq!(s.totals().total_tokens.u128(), 0);
    assert_eq!(s.totals().total_shares.u128(), 0);
    s.stake(&newcomer, 1_000_000);
    assert_eq!(s.staker(&newcomer).staked_tokens.u128(), 1_000_000);
    assert_eq!(s.staker(&alice).staked_tokens.u128(), 0);
}

#[test]
fn only_the_staking_token_can_announce_a_share_epoch() {
    let mut s = SuiteBuilder::new().stakers(1).build();
    let alice = s.user(0);
    s.stake(&alice, 1_000_000);
    let (outsider, staking) = (s.outsider.clone(), s.staking.clone());
    let err = s
        .app
        .execute_contract(
            outsider,
            staking,
            &ExecuteMsg::ShareEpochOpened {
                epoch: 1,
                divisor_exp: 3,
            },
            &[],
        )
        .unwrap_err();
    assert!(matches!(
        err.downcast::<staking_rewards::ContractError>().unwrap(),
        staking_rewards::ContractError::WrongToken { .. }
    ));
    assert_eq!(s.totals().total_tokens.u128(), 1_000_000);
}
