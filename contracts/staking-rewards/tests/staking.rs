//! Multi-test suite of the staking contract with a real cw20-base token:
//! every message, and bad inputs that must fail with a typed error and move
//! nothing.

mod suite;

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::params::ParamError;
use backstop_types::staking::{
    ClaimEvent, ExecuteMsg, FundMode, FundersUpdate, GovMsg, ParamsUpdate, PauseUpdate, QueryMsg,
    ReceiveMsg, RewardClaimEvent, SlashEvent, SlashResponse, StakeEvent, StakersResponse,
    UnbondingsResponse,
};
use cosmwasm_std::{coin, coins, from_json, to_json_binary, Decimal, Uint128};
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use staking_rewards::ContractError;
use suite::{Reward, SuiteBuilder, FEE, UNBONDING};

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

const INSTANT: FundMode = FundMode::Instant {};

// ---- staking ---------------------------------------------------------------

#[test]
fn staking_through_the_cw20_hook_mints_shares_one_to_one_at_first() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    let res = s.try_stake(&alice, 1_000).unwrap();
    let ev = StakeEvent::find(&res.events).unwrap();
    assert_eq!(
        (ev.amount, ev.shares, ev.total_tokens),
        (u(1_000), u(1_000), u(1_000))
    );
    assert_eq!(s.staker(&alice).staked_tokens, u(1_000));
    assert_eq!(
        s.cw20_balance(&s.stake_token.clone(), &s.staking.clone()),
        1_000
    );
    let list: StakersResponse = s.query(&QueryMsg::Stakers {
        start_after: None,
        limit: None,
    });
    assert_eq!(list.stakers.len(), 1);
}

#[test]
fn a_receive_from_a_token_other_than_the_staking_token_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let (alice, fake, token) = (s.user(0), s.fake_token.clone(), s.stake_token.clone());
    s.assert_rejected(
        ContractError::WrongToken {
            expected: token.to_string(),
            got: fake.to_string(),
        },
        |s| s.send_cw20(&fake, &alice, 1_000, &ReceiveMsg::Stake {}),
    );
    // a wallet forging the hook
    s.assert_rejected(
        ContractError::WrongToken {
            expected: token.to_string(),
            got: alice.to_string(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                    sender: alice.to_string(),
                    amount: u(1_000),
                    msg: to_json_binary(&ReceiveMsg::Stake {}).unwrap(),
                }),
                &[],
            )
        },
    );
}

#[test]
fn zero_amounts_are_rejected_everywhere() {
    let mut s = SuiteBuilder::new().build();
    let (alice, slasher) = (s.user(0), s.slasher.clone());
    s.assert_rejected(ContractError::ZeroAmount { what: "stake" }, |s| {
        s.try_stake(&alice, 0)
    });
    s.stake(&alice, 1_000);
    s.assert_rejected(ContractError::ZeroAmount { what: "unstake" }, |s| {
        s.try_unstake(&alice, 0)
    });
    s.assert_rejected(ContractError::ZeroAmount { what: "slash" }, |s| {
        s.try_slash(&slasher, 0, None)
    });
    s.assert_rejected(ContractError::ZeroAmount { what: "rewards" }, |s| {
        s.try_fund(Reward::Cw20, 0, INSTANT)
    });
}

// ---- rewards ---------------------------------------------------------------

#[test]
fn instant_rewards_are_shared_pro_rata_and_claimed() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000);
    s.stake(&bob, 3_000);
    s.try_fund(Reward::Native, 10_000, INSTANT).unwrap();
    assert_eq!(
        (
            s.pending(&alice, Reward::Native),
            s.pending(&bob, Reward::Native)
        ),
        (2_500, 7_500)
    );
    let before = s.native_balance(&alice, FEE);
    let res = s.try_claim_rewards(&alice, None).unwrap();
    assert_eq!(
        RewardClaimEvent::find(&res.events).unwrap().amount,
        u(2_500)
    );
    assert_eq!(s.native_balance(&alice, FEE) - before, 2_500);
    assert_eq!(s.pending(&alice, Reward::Native), 0);
}

#[test]
fn streamed_rewards_accrue_linearly_so_a_late_staker_captures_little() {
    let mut s = SuiteBuilder::new().build();
    let (alice, late) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000);
    s.try_fund(
        Reward::Cw20,
        1_000_000,
        FundMode::Stream {
            period_seconds: 1_000,
        },
    )
    .unwrap();
    s.advance(500);
    assert_eq!(s.pending(&alice, Reward::Cw20), 500_000);
    // a big staker arrives just before the next block
    s.stake(&late, 99_000);
    s.advance(1);
    assert_eq!(s.pending(&late, Reward::Cw20), 990);
    s.advance(10_000);
    let (a, l) = (
        s.pending(&alice, Reward::Cw20),
        s.pending(&late, Reward::Cw20),
    );
    assert!(a + l <= 1_000_000 && a + l >= 999_998, "{a} + {l}");
    let assets = s.reward_assets();
    assert_eq!(assets.assets[1].undistributed, u(0));
    assert_eq!(assets.assets[1].funded, u(1_000_000));
}

#[test]
fn a_new_stream_merges_the_remainder_of_the_old_one() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.try_fund(
        Reward::Native,
        1_000,
        FundMode::Stream {
            period_seconds: 100,
        },
    )
    .unwrap();
    s.advance(50);
    s.try_fund(
        Reward::Native,
        500,
        FundMode::Stream {
            period_seconds: 100,
        },
    )
    .unwrap();
    let a = &s.reward_assets().assets[0];
    assert_eq!((a.undistributed, a.period_end), (u(1_000), s.now() + 100));
    s.advance(100);
    assert_eq!(s.pending(&alice, Reward::Native), 1_500);
}

#[test]
fn rewards_in_several_assets_can_be_claimed_together_or_one_at_a_time() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.try_fund(Reward::Native, 300, INSTANT).unwrap();
    s.try_fund(Reward::Cw20, 700, INSTANT).unwrap();
    let before = s.reward_balance(Reward::Cw20, &alice);
    s.try_claim_rewards(&alice, Some(Reward::Cw20)).unwrap();
    assert_eq!(s.reward_balance(Reward::Cw20, &alice) - before, 700);
    assert_eq!(s.pending(&alice, Reward::Native), 300);
    let res = s.try_claim_rewards(&alice, None).unwrap();
    let claims: Vec<_> = res
        .events
        .iter()
        .filter_map(|e| RewardClaimEvent::try_from(e).ok())
        .collect();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].amount, u(300));
    s.assert_rejected(
        ContractError::NoRewards {
            owner: alice.to_string(),
        },
        |s| s.try_claim_rewards(&alice, None),
    );
}

#[test]
fn funding_with_an_unregistered_denom_or_token_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let (alice, funder, fake) = (s.user(0), s.funder.clone(), s.fake_token.clone());
    s.stake(&alice, 1_000);
    s.assert_rejected(
        ContractError::UnknownRewardAsset {
            asset: "native:uother".into(),
        },
        |s| {
            s.exec(
                &funder,
                &ExecuteMsg::FundRewards { mode: INSTANT },
                &coins(100, "uother"),
            )
        },
    );
    s.assert_rejected(
        ContractError::UnknownRewardAsset {
            asset: format!("cw20:{fake}"),
        },
        |s| {
            s.send_cw20(
                &fake,
                &funder,
                100,
                &ReceiveMsg::FundRewards { mode: INSTANT },
            )
        },
    );
    s.assert_rejected(
        ContractError::Payment(PaymentError::MultipleDenoms {}),
        |s| {
            s.exec(
                &funder,
                &ExecuteMsg::FundRewards { mode: INSTANT },
                &[coin(1, FEE), coin(1, "uother")],
            )
        },
    );
    s.assert_rejected(
        ContractError::UnknownRewardAsset {
            asset: "native:uother".into(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::ClaimRewards {
                    asset: Some(AssetInfoUnchecked::Native {
                        denom: "uother".into(),
                    }),
                },
                &[],
            )
        },
    );
}

#[test]
fn a_stream_period_of_zero_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.assert_rejected(
        ContractError::Param(ParamError::MustBePositive {
            name: "period_seconds",
        }),
        |s| {
            s.try_fund(
                Reward::Native,
                1_000,
                FundMode::Stream { period_seconds: 0 },
            )
        },
    );
}

#[test]
fn rewards_funded_while_nothing_is_staked_are_not_lost() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    // instant rewards are refused, so the funder keeps them
    s.assert_rejected(ContractError::NothingStaked { amount: u(1_000) }, |s| {
        s.try_fund(Reward::Native, 1_000, INSTANT)
    });
    // a stream waits for the first staker
    s.try_fund(
        Reward::Native,
        1_000,
        FundMode::Stream {
            period_seconds: 100,
        },
    )
    .unwrap();
    s.advance(500);
    s.stake(&alice, 10);
    s.advance(50);
    assert_eq!(s.pending(&alice, Reward::Native), 500);
    s.advance(50);
    assert_eq!(s.pending(&alice, Reward::Native), 1_000);
}

#[test]
fn restricted_funding_rejects_other_funders() {
    let mut s = SuiteBuilder::new().restricted_funders().build();
    let (alice, outsider) = (s.user(0), s.outsider.clone());
    s.stake(&alice, 1_000);
    s.assert_rejected(
        ContractError::FunderNotAllowed {
            sender: outsider.to_string(),
        },
        |s| s.try_fund_from(&outsider, Reward::Native, 100, INSTANT),
    );
    s.try_fund(Reward::Native, 100, INSTANT).unwrap();
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        reward_funders: Some(FundersUpdate::Anyone {}),
        ..Default::default()
    }))
    .unwrap();
    s.try_fund_from(&outsider, Reward::Native, 100, INSTANT)
        .unwrap();
}

// ---- unbonding -------------------------------------------------------------

#[test]
fn unstaking_starts_a_cooldown_during_which_stake_stops_earning() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000);
    s.stake(&bob, 1_000);
    s.try_fund(Reward::Native, 1_000, INSTANT).unwrap();
    let r = s.unstake(&alice, 1_000);
    assert_eq!(r.release_at, s.now() + UNBONDING);
    let st = s.staker(&alice);
    assert_eq!((st.staked_tokens, st.unbonding_tokens), (u(0), u(1_000)));
    s.try_fund(Reward::Native, 2_000, INSTANT).unwrap();
    // alice keeps what she earned while bonded, and nothing after
    assert_eq!(s.pending(&alice, Reward::Native), 500);
    assert_eq!(s.pending(&bob, Reward::Native), 2_500);

    s.advance(UNBONDING);
    let before = s.cw20_balance(&s.stake_token.clone(), &alice);
    let res = s.try_claim(&alice, None).unwrap();
    let ev = ClaimEvent::find(&res.events).unwrap();
    assert_eq!((ev.entries, ev.amount), (1, u(1_000)));
    assert_eq!(
        s.cw20_balance(&s.stake_token.clone(), &alice) - before,
        1_000
    );
    assert_eq!(
        s.pending(&alice, Reward::Native),
        500,
        "claiming stake keeps rewards"
    );
    s.try_claim_rewards(&alice, None).unwrap();
    let list: StakersResponse = s.query(&QueryMsg::Stakers {
        start_after: None,
        limit: None,
    });
    assert_eq!(list.stakers.len(), 1, "an emptied staker record is removed");
}

#[test]
fn claiming_before_release_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    let r = s.unstake(&alice, 400);
    s.advance(UNBONDING - 1);
    let now = s.now();
    s.assert_rejected(
        ContractError::NotReleased {
            id: r.id,
            release_at: r.release_at,
            now,
        },
        |s| s.try_claim(&alice, Some(r.id)),
    );
    s.assert_rejected(
        ContractError::NothingToClaim {
            owner: alice.to_string(),
        },
        |s| s.try_claim(&alice, None),
    );
}

#[test]
fn claiming_someone_elses_unbonding_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.stake(&alice, 1_000);
    let r = s.unstake(&alice, 400);
    s.advance(UNBONDING);
    s.assert_rejected(
        ContractError::UnbondingNotFound {
            owner: bob.to_string(),
            id: r.id,
        },
        |s| s.try_claim(&bob, Some(r.id)),
    );
}

#[test]
fn unstake_is_bounded_by_the_stake_and_the_open_entries() {
    let mut s = SuiteBuilder::new().max_open_unbondings(2).build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.assert_rejected(
        ContractError::InsufficientStake {
            staked: u(1_000),
            requested: u(1_001),
        },
        |s| s.try_unstake(&alice, 1_001),
    );
    s.unstake(&alice, 1);
    s.unstake(&alice, 1);
    s.assert_rejected(
        ContractError::TooManyUnbondings {
            owner: alice.to_string(),
            open: 2,
            max: 2,
        },
        |s| s.try_unstake(&alice, 1),
    );
    let page: UnbondingsResponse = s.query(&QueryMsg::Unbondings {
        owner: alice.to_string(),
        start_after: Some(0),
        limit: None,
    });
    assert_eq!(
        page.unbondings.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![1]
    );
}

#[test]
fn the_release_time_is_fixed_when_unstaking() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    let r = s.unstake(&alice, 100);
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        unbonding_seconds: Some(10 * UNBONDING),
        ..Default::default()
    }))
    .unwrap();
    s.advance(UNBONDING);
    s.try_claim(&alice, Some(r.id)).unwrap();
}

// ---- slashing --------------------------------------------------------------

#[test]
fn a_slash_cuts_bonded_and_unbonding_stake_pro_rata() {
    let mut s = SuiteBuilder::new().build();
    let (alice, bob, slasher) = (s.user(0), s.user(1), s.slasher.clone());
    s.stake(&alice, 1_000);
    s.stake(&bob, 3_000);
    s.unstake(&bob, 1_000);
    let res = s.try_slash(&slasher, 1_000, None).unwrap();
    let data: SlashResponse = from_json(res.data.unwrap()).unwrap();
    assert_eq!((data.slashed, data.total_tokens), (u(1_000), u(3_000)));
    assert_eq!(SlashEvent::find(&res.events).unwrap().amount, u(1_000));
    assert_eq!(s.staker(&alice).staked_tokens, u(750));
    let bob_state = s.staker(&bob);
    assert_eq!(
        (bob_state.staked_tokens, bob_state.unbonding_tokens),
        (u(1_500), u(750))
    );
    assert_eq!(
        s.cw20_balance(&s.stake_token.clone(), &s.receiver.clone()),
        1_000
    );

    // unbonding tokens pay out at the slashed rate
    s.advance(UNBONDING);
    let before = s.cw20_balance(&s.stake_token.clone(), &bob);
    s.try_claim(&bob, None).unwrap();
    assert_eq!(s.cw20_balance(&s.stake_token.clone(), &bob) - before, 750);
}

#[test]
fn slashed_stakers_keep_their_rewards_and_later_stakers_do_not_share_the_loss() {
    let mut s = SuiteBuilder::new().build();
    let (alice, late, slasher) = (s.user(0), s.user(1), s.slasher.clone());
    s.stake(&alice, 1_000);
    s.try_fund(Reward::Native, 900, INSTANT).unwrap();
    s.try_slash(&slasher, 300, None).unwrap();
    assert_eq!(s.pending(&alice, Reward::Native), 900);
    s.stake(&late, 700);
    assert_eq!(s.staker(&late).staked_tokens, u(700));
    assert_eq!(s.staker(&alice).staked_tokens, u(700));
    s.try_fund(Reward::Native, 1_400, INSTANT).unwrap();
    assert_eq!(
        (
            s.pending(&alice, Reward::Native),
            s.pending(&late, Reward::Native)
        ),
        (1_600, 700)
    );
}

#[test]
fn a_slash_can_send_the_tokens_with_a_hook_message() {
    let mut s = SuiteBuilder::new().build();
    let (alice, owner) = (s.user(0), s.owner.clone());
    s.stake(&alice, 1_000);
    let msg = to_json_binary(&"redeem").unwrap();
    s.try_slash(&owner, 200, Some(msg.clone())).unwrap();
    let hook = s.last_hook().expect("the receiver got the hook");
    assert_eq!(
        (hook.amount, hook.msg, hook.sender),
        (u(200), msg, s.staking.to_string())
    );
}

#[test]
fn an_unauthorized_slash_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let (alice, outsider) = (s.user(0), s.outsider.clone());
    s.stake(&alice, 1_000);
    s.assert_rejected(
        ContractError::NotSlasher {
            sender: outsider.to_string(),
        },
        |s| s.try_slash(&outsider, 10, None),
    );
    s.assert_rejected(
        ContractError::NotSlasher {
            sender: alice.to_string(),
        },
        |s| s.try_slash(&alice, 10, None),
    );
}

#[test]
fn a_slash_above_the_cap_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let (alice, slasher) = (s.user(0), s.slasher.clone());
    s.stake(&alice, 1_000);
    assert_eq!(s.totals().slash_capacity, u(300));
    s.assert_rejected(
        ContractError::SlashAboveCap {
            requested: u(301),
            cap: u(300),
        },
        |s| s.try_slash(&slasher, 301, None),
    );
    s.try_slash(&slasher, 300, None).unwrap();
}

// ---- governance ------------------------------------------------------------

#[test]
fn a_non_owner_cannot_change_parameters() {
    let mut s = SuiteBuilder::new().build();
    let outsider = s.outsider.clone();
    s.assert_rejected(
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        |s| {
            s.exec(
                &outsider,
                &ExecuteMsg::Owner(GovMsg::UpdateParams(ParamsUpdate {
                    max_slash_ratio: Some(Decimal::percent(90)),
                    ..Default::default()
                })),
                &[],
            )
        },
    );
    s.assert_rejected(
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        |s| {
            s.exec(
                &outsider,
                &ExecuteMsg::Owner(GovMsg::AddRewardAsset {
                    asset: AssetInfoUnchecked::Native {
                        denom: "uother".into(),
                    },
                }),
                &[],
            )
        },
    );
}

#[test]
fn parameters_change_through_the_owner_and_sudo_with_typed_validation() {
    let mut s = SuiteBuilder::new().build();
    let owner = s.owner.clone();
    s.exec(
        &owner,
        &ExecuteMsg::Owner(GovMsg::UpdateParams(ParamsUpdate {
            max_open_unbondings: Some(9),
            ..Default::default()
        })),
        &[],
    )
    .unwrap();
    let outsider = s.outsider.to_string();
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        slashers: Some(vec![outsider]),
        ..Default::default()
    }))
    .unwrap();
    // the open-unbondings bound applies at once; replacing the slasher
    // drops one (loss shifts to the later layers): it waits for the notice
    let p: backstop_types::staking::Params = s.query(&QueryMsg::Params {});
    assert_eq!(p.max_open_unbondings, 9);
    assert!(p.slashers.contains(&s.slasher));
    let pending = p.pending.expect("queued");
    assert_eq!(pending.eta, s.now() + 7 * 24 * 3600 + 1);
    s.advance(7 * 24 * 3600 + 1);
    let p: backstop_types::staking::Params = s.query(&QueryMsg::Params {});
    assert_eq!((p.max_open_unbondings, p.slashers.len()), (9, 1));
    assert!(!p.slashers.contains(&s.slasher));

    let cases = [
        (
            ParamsUpdate {
                max_slash_ratio: Some(Decimal::percent(101)),
                ..Default::default()
            },
            ParamError::FractionAboveOne {
                name: "max_slash_ratio",
                value: Decimal::percent(101),
            },
        ),
        (
            ParamsUpdate {
                unbonding_seconds: Some(0),
                ..Default::default()
            },
            ParamError::MustBePositive {
                name: "unbonding_seconds",
            },
        ),
        (
            ParamsUpdate {
                max_open_unbondings: Some(51),
                ..Default::default()
            },
            ParamError::AboveMax {
                name: "max_open_unbondings",
                value: 51,
                max: 50,
            },
        ),
        (
            ParamsUpdate {
                slashers: Some(vec!["bad".into()]),
                ..Default::default()
            },
            ParamError::InvalidAddress {
                name: "slashers",
                address: "bad".into(),
            },
        ),
    ];
    for (update, err) in cases {
        s.assert_rejected(ContractError::Param(err), |s| {
            s.sudo(GovMsg::UpdateParams(update))
        });
    }
}

#[test]
fn reward_assets_can_be_added_once_each() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.try_fund(Reward::Native, 100, INSTANT).unwrap();
    s.sudo(GovMsg::AddRewardAsset {
        asset: AssetInfoUnchecked::Native {
            denom: "uother".into(),
        },
    })
    .unwrap();
    let funder = s.funder.clone();
    s.exec(
        &funder,
        &ExecuteMsg::FundRewards { mode: INSTANT },
        &coins(50, "uother"),
    )
    .unwrap();
    let st = s.staker(&alice);
    assert_eq!(
        st.pending_rewards
            .iter()
            .map(|p| p.amount.u128())
            .collect::<Vec<_>>(),
        vec![100, 0, 50]
    );
    s.assert_rejected(
        ContractError::DuplicateRewardAsset {
            asset: "native:uother".into(),
        },
        |s| {
            s.sudo(GovMsg::AddRewardAsset {
                asset: AssetInfoUnchecked::Native {
                    denom: "uother".into(),
                },
            })
        },
    );
}

#[test]
fn stakes_unbonding_claims_and_slashing_pause_separately() {
    let mut s = SuiteBuilder::new().build();
    let (alice, guardian, owner) = (s.user(0), s.guardian.clone(), s.owner.clone());
    s.stake(&alice, 1_000);
    s.exec(
        &guardian,
        &ExecuteMsg::SetPause(PauseUpdate {
            stakes: Some(true),
            ..Default::default()
        }),
        &[],
    )
    .unwrap();
    s.assert_rejected(
        ContractError::Paused {
            operation: "stakes",
        },
        |s| s.try_stake(&alice, 10),
    );
    s.unstake(&alice, 10);
    s.assert_rejected(
        ContractError::PauseUnauthorized {
            sender: guardian.to_string(),
        },
        |s| {
            s.exec(
                &guardian,
                &ExecuteMsg::SetPause(PauseUpdate {
                    stakes: Some(false),
                    ..Default::default()
                }),
                &[],
            )
        },
    );
    s.sudo(GovMsg::SetPause(PauseUpdate {
        unbonding: Some(true),
        claims: Some(true),
        ..Default::default()
    }))
    .unwrap();
    s.assert_rejected(
        ContractError::Paused {
            operation: "unbondings",
        },
        |s| s.try_unstake(&alice, 10),
    );
    s.advance(UNBONDING);
    s.assert_rejected(
        ContractError::Paused {
            operation: "claims",
        },
        |s| s.try_claim(&alice, None),
    );
    s.assert_rejected(
        ContractError::Paused {
            operation: "claims",
        },
        |s| s.try_claim_rewards(&alice, None),
    );
    // the other switches leave slashing alone; its own switch stops it
    let slasher = s.slasher.clone();
    s.try_slash(&slasher, 10, None).unwrap();
    s.exec(
        &guardian,
        &ExecuteMsg::SetPause(PauseUpdate {
            slashing: Some(true),
            ..Default::default()
        }),
        &[],
    )
    .unwrap();
    s.assert_rejected(
        ContractError::Paused {
            operation: "slashing",
        },
        |s| s.try_slash(&slasher, 10, None),
    );
    s.exec(
        &owner,
        &ExecuteMsg::SetPause(PauseUpdate {
            stakes: Some(false),
            unbonding: Some(false),
            claims: Some(false),
            slashing: Some(false),
        }),
        &[],
    )
    .unwrap();
    s.try_slash(&slasher, 10, None).unwrap();
    s.try_claim(&alice, None).unwrap();
}

#[test]
fn ownership_moves_in_two_steps_and_migration_keeps_state() {
    let mut s = SuiteBuilder::new().build();
    let (owner, next) = (s.owner.clone(), s.user(2));
    s.exec(
        &owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: next.to_string(),
            expiry: None,
        }),
        &[],
    )
    .unwrap();
    s.exec(
        &next,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.query(&QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(next.to_string()));
    let (staking, code) = (s.staking.clone(), s.code);
    s.app
        .migrate_contract(
            owner,
            staking,
            &backstop_types::staking::MigrateMsg {},
            code,
        )
        .unwrap();
}

#[test]
fn funds_sent_with_messages_that_take_none_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.assert_rejected(ContractError::Payment(PaymentError::NonPayable {}), |s| {
        s.exec(
            &alice,
            &ExecuteMsg::Unstake { amount: u(1) },
            &coins(1, FEE),
        )
    });
}

#[test]
fn only_a_slasher_restores_tokens_to_the_pool_and_only_while_someone_stakes() {
    let mut s = SuiteBuilder::new().build();
    let (alice, slasher, outsider, owner) = (
        s.user(0),
        s.slasher.clone(),
        s.outsider.clone(),
        s.owner.clone(),
    );
    let token = s.stake_token.clone();
    // the slasher (the socializer) holds tokens a recovery bought
    s.app
        .execute_contract(
            owner,
            token.clone(),
            &cw20::Cw20ExecuteMsg::Transfer {
                recipient: slasher.to_string(),
                amount: Uint128::new(1_000),
            },
            &[],
        )
        .unwrap();
    s.assert_rejected(
        ContractError::NothingToRestore {
            amount: Uint128::new(100),
        },
        |s| s.send_cw20(&token, &slasher, 100, &ReceiveMsg::Restore {}),
    );
    s.stake(&alice, 1_000);
    s.assert_rejected(
        ContractError::NotSlasher {
            sender: outsider.to_string(),
        },
        |s| s.send_cw20(&token, &outsider, 100, &ReceiveMsg::Restore {}),
    );
    s.send_cw20(&token, &slasher, 100, &ReceiveMsg::Restore {})
        .unwrap();
    // only the pool's tokens grew: every share is worth more
    let totals = s.totals();
    assert_eq!(
        (totals.total_tokens, totals.total_shares),
        (Uint128::new(1_100), Uint128::new(1_000))
    );
}

#[test]
fn a_queued_parameter_change_is_cancelled_and_cancelling_nothing_is_refused() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.user(0);
    s.stake(&alice, 1_000);
    s.assert_rejected(ContractError::NothingPending, |s| {
        s.sudo(GovMsg::CancelPending {})
    });
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        max_slash_ratio: Some(Decimal::percent(90)),
        ..Default::default()
    }))
    .unwrap();
    let p: backstop_types::staking::Params = s.query(&QueryMsg::Params {});
    assert!(p.pending.is_some());
    s.sudo(GovMsg::CancelPending {}).unwrap();
    s.advance(UNBONDING * 10);
    let p: backstop_types::staking::Params = s.query(&QueryMsg::Params {});
    assert!(p.pending.is_none());
    assert_ne!(p.max_slash_ratio, Decimal::percent(90), "never in force");
}
