//! Multi-test suite of the fund vault: every message, both asset kinds, and
//! bad inputs that must fail with a typed error and move nothing.

mod suite;

use backstop_types::fund_vault::{
    ClaimantLimits, ClaimantMsg, ClaimantsResponse, ConfigResponse, CoverShortfallEvent,
    DepositEvent, ExecuteMsg, GovMsg, IncomeEvent, ParamsUpdate, PauseUpdate, QueryMsg, ReceiveMsg,
    UnlockEvent, WithdrawEvent,
};
use backstop_types::math::{MathError, MINIMUM_SHARES};
use backstop_types::params::ParamError;
use cosmwasm_std::Addr;
use cosmwasm_std::{coin, coins, to_json_binary, Decimal, Uint128};
use cw20::{Cw20ReceiveMsg, TokenInfoResponse};
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use fund_vault::ContractError;
use suite::{AssetKind, Suite, SuiteBuilder, DENOM};

const BOTH: [AssetKind; 2] = [AssetKind::Native, AssetKind::Cw20];
const WEEK: u64 = 7 * 24 * 3600;
const DAY: u64 = 24 * 3600;

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

// ---- deposits --------------------------------------------------------------

#[test]
fn the_first_deposit_mints_one_to_one_less_the_dead_shares() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let alice = s.user(0);
        let res = s.try_deposit(&alice, 1_000_000).unwrap();
        let ev = DepositEvent::find(&res.events).expect("deposit event");
        assert_eq!(ev.shares, u(1_000_000) - MINIMUM_SHARES);
        assert_eq!(ev.total_shares, u(1_000_000));
        assert_eq!(s.shares(&alice), 999_000);
        assert_eq!(s.shares(&s.vault.clone()), MINIMUM_SHARES.u128());
        assert_eq!(s.total_assets(), 1_000_000);
        assert_eq!(s.asset_balance(&s.vault.clone()), 1_000_000);
    }
}

#[test]
fn later_deposits_mint_pro_rata_rounding_down() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let (alice, bob) = (s.user(0), s.user(1));
        s.deposit(&alice, 3_000);
        s.try_add_income(&alice, 1_500).unwrap(); // 4_500 assets / 3_000 shares
        let minted = s.deposit(&bob, 1_000); // 1_000 * 3_000 / 4_500 = 666.6
        assert_eq!(minted, u(666));
        assert_eq!(s.total_assets(), 5_500);
        assert_eq!(s.total_shares(), 3_666);
    }
}

#[test]
fn a_deposit_can_mint_to_another_recipient() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.try_deposit_with(&alice, 5_000, None, Some(&bob)).unwrap();
    assert_eq!(s.shares(&bob), 4_000);
    assert_eq!(s.shares(&alice), 0);
}

#[test]
fn income_raises_the_share_price_without_minting() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let (alice, fees) = (s.user(0), s.user(2));
        s.deposit(&alice, 10_000);
        let res = s.try_add_income(&fees, 5_000).unwrap();
        assert_eq!(
            IncomeEvent::find(&res.events).unwrap().total_assets,
            u(15_000)
        );
        assert_eq!(s.total_shares(), 10_000);
        assert_eq!(s.price().price, Decimal::percent(150));
        let value: Uint128 = s.query(&QueryMsg::ConvertToAssets { amount: u(9_000) });
        assert_eq!(value, u(13_500));
    }
}

#[test]
fn tokens_sent_outside_deposit_do_not_move_the_share_price() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let (alice, bob) = (s.user(0), s.user(1));
        s.deposit(&alice, 10_000);
        s.donate(&bob, 1_000_000);
        assert_eq!(s.total_assets(), 10_000);
        assert_eq!(s.price().price, Decimal::one());
        assert_eq!(s.deposit(&bob, 2_000), u(2_000));
    }
}

#[test]
fn the_inflation_attack_on_the_first_depositor_fails() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (attacker, victim) = (s.user(0), s.user(1));
    s.deposit(&attacker, 1_001); // one real share
    s.try_add_income(&attacker, 1_000_000).unwrap();
    let victim_shares = s.deposit(&victim, 500_000);
    let victim_value: Uint128 = s.query(&QueryMsg::ConvertToAssets {
        amount: victim_shares,
    });
    let attacker_value: Uint128 = s.query(&QueryMsg::ConvertToAssets { amount: u(1) });
    assert!(
        500_000 - victim_value.u128() <= 1_000,
        "victim lost {}",
        500_000 - victim_value.u128()
    );
    assert!(
        attacker_value.u128() < 2_000,
        "attacker kept {attacker_value}"
    );
}

#[test]
fn convert_to_shares_previews_a_deposit() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let preview: Uint128 = s.query(&QueryMsg::ConvertToShares { amount: u(5_000) });
    assert_eq!(preview, u(4_000));
    let alice = s.user(0);
    s.deposit(&alice, 5_000);
    s.try_add_income(&alice, 2_500).unwrap();
    let preview: Uint128 = s.query(&QueryMsg::ConvertToShares { amount: u(999) });
    let bob = s.user(1);
    assert_eq!(s.deposit(&bob, 999), preview);
}

// ---- deposit rejections ---------------------------------------------------

#[test]
fn a_receive_from_a_cw20_other_than_the_asset_is_rejected() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let alice = s.user(0);
        let fake = s.fake_token.clone();
        let expected = match kind {
            AssetKind::Native => format!("native:{DENOM}"),
            AssetKind::Cw20 => format!("cw20:{}", s.token),
        };
        s.assert_rejected(
            ContractError::WrongAsset {
                expected: expected.clone(),
                got: format!("cw20:{fake}"),
            },
            |s| {
                s.send_token(
                    &alice,
                    &fake,
                    5_000,
                    &ReceiveMsg::Deposit {
                        recipient: None,
                        min_shares: None,
                    },
                )
            },
        );
        // a forged hook called directly by a wallet
        s.assert_rejected(
            ContractError::WrongAsset {
                expected,
                got: format!("cw20:{alice}"),
            },
            |s| {
                s.exec(
                    &alice,
                    &ExecuteMsg::Receive(Cw20ReceiveMsg {
                        sender: alice.to_string(),
                        amount: u(5_000),
                        msg: to_json_binary(&ReceiveMsg::Deposit {
                            recipient: None,
                            min_shares: None,
                        })
                        .unwrap(),
                    }),
                    &[],
                )
            },
        );
    }
}

#[test]
fn native_deposits_reject_no_funds_wrong_denoms_and_several_denoms() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    let deposit = ExecuteMsg::Deposit {
        recipient: None,
        min_shares: None,
    };
    s.assert_rejected(ContractError::Payment(PaymentError::NoFunds {}), |s| {
        s.exec(&alice, &deposit, &[])
    });
    s.assert_rejected(
        ContractError::Payment(PaymentError::MissingDenom(DENOM.into())),
        |s| s.exec(&alice, &deposit, &coins(5_000, "uother")),
    );
    s.assert_rejected(
        ContractError::Payment(PaymentError::MultipleDenoms {}),
        |s| {
            s.exec(
                &alice,
                &deposit,
                &[coin(5_000, DENOM), coin(5_000, "uother")],
            )
        },
    );
    s.assert_rejected(ContractError::Payment(PaymentError::NoFunds {}), |s| {
        s.exec(&alice, &ExecuteMsg::AddIncome {}, &[])
    });
}

#[test]
fn a_cw20_vault_rejects_native_funds() {
    let mut s = SuiteBuilder::new(AssetKind::Cw20).build();
    let alice = s.user(0);
    let expected = format!("cw20:{}", s.token);
    s.assert_rejected(
        ContractError::WrongAsset {
            expected,
            got: "native funds".into(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Deposit {
                    recipient: None,
                    min_shares: None,
                },
                &coins(5_000, DENOM),
            )
        },
    );
}

#[test]
fn a_zero_deposit_or_zero_income_through_the_hook_is_rejected() {
    // cw20-base 2.0 lets a zero `Send` through, so the vault must refuse it
    let mut s = SuiteBuilder::new(AssetKind::Cw20).build();
    let alice = s.user(0);
    let token = s.token.clone();
    s.assert_rejected(ContractError::ZeroAmount { what: "deposit" }, |s| {
        s.send_token(
            &alice,
            &token,
            0,
            &ReceiveMsg::Deposit {
                recipient: None,
                min_shares: None,
            },
        )
    });
    s.deposit(&alice, 5_000);
    s.assert_rejected(ContractError::ZeroAmount { what: "income" }, |s| {
        s.send_token(&alice, &token, 0, &ReceiveMsg::AddIncome {})
    });
}

#[test]
fn a_native_deposit_returns_the_minted_shares_as_data() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    let res = s.try_deposit(&alice, 5_000).unwrap();
    let data: backstop_types::fund_vault::DepositResponse =
        cosmwasm_std::from_json(res.data.unwrap()).unwrap();
    assert_eq!(data.shares, u(4_000));
}

#[test]
fn a_first_deposit_not_above_the_dead_shares_is_rejected() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.assert_rejected(
        ContractError::FirstDepositTooSmall {
            assets: u(1_000),
            minimum: MINIMUM_SHARES,
        },
        |s| s.try_deposit(&alice, 1_000),
    );
}

#[test]
fn a_deposit_that_would_mint_zero_shares_is_rejected() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.deposit(&alice, 2_000);
    s.try_add_income(&alice, 10_000).unwrap(); // 6 assets per share
    s.assert_rejected(ContractError::ZeroShares { assets: u(5) }, |s| {
        s.try_deposit(&bob, 5)
    });
}

#[test]
fn the_min_shares_guard_rejects_a_worse_price() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.deposit(&alice, 10_000);
    s.try_add_income(&alice, 10_000).unwrap();
    s.assert_rejected(
        ContractError::SlippageExceeded {
            shares: u(500),
            min_shares: u(501),
        },
        |s| s.try_deposit_with(&bob, 1_000, Some(501), None),
    );
    s.try_deposit_with(&bob, 1_000, Some(500), None).unwrap();
}

#[test]
fn income_into_an_empty_vault_is_rejected() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.assert_rejected(ContractError::NoShareholders { assets: u(500) }, |s| {
        s.try_add_income(&alice, 500)
    });
}

// ---- exits -----------------------------------------------------------------

#[test]
fn unlock_escrows_shares_and_withdraw_pays_after_the_cooldown() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let alice = s.user(0);
        s.deposit(&alice, 11_000);
        let res = s.try_unlock(&alice, 4_000).unwrap();
        let ev = UnlockEvent::find(&res.events).unwrap();
        assert_eq!(
            (ev.id, ev.shares, ev.assets_at_request),
            (0, u(4_000), u(4_000))
        );
        assert_eq!(ev.release_at, s.now() + WEEK);
        assert_eq!(s.shares(&alice), 6_000);
        assert_eq!(
            s.total_shares(),
            11_000,
            "escrowed shares stay in the supply"
        );

        s.advance(WEEK);
        let before = s.asset_balance(&alice);
        let res = s.try_withdraw(&alice, 0).unwrap();
        assert_eq!(WithdrawEvent::find(&res.events).unwrap().assets, u(4_000));
        assert_eq!(s.asset_balance(&alice) - before, 4_000);
        assert_eq!(s.total_shares(), 7_000);
        assert_eq!(s.total_assets(), 7_000);
        assert!(s.unlocks(&alice).requests.is_empty());
    }
}

#[test]
fn a_withdrawal_pays_the_value_at_request_when_the_price_rose() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    let id = s.unlock(&alice, 5_000).id;
    s.try_add_income(&alice, 11_000).unwrap(); // price doubles
    s.advance(WEEK);
    let before = s.asset_balance(&alice);
    s.try_withdraw(&alice, id).unwrap();
    assert_eq!(s.asset_balance(&alice) - before, 5_000);
    // the gain of the escrowed shares stays with the pool
    assert_eq!(s.total_assets(), 17_000);
    assert_eq!(s.total_shares(), 6_000);
}

#[test]
fn escrowed_shares_keep_bearing_losses() {
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .max_payout_fraction(Decimal::one())
        .build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    let id = s.unlock(&alice, 5_000).id;
    assert_eq!(s.cover(5_500).paid, u(5_500)); // half the fund is lost
    s.advance(WEEK);
    assert_eq!(s.unlocks(&alice).requests[0].payable_now, u(2_500));
    let before = s.asset_balance(&alice);
    s.try_withdraw(&alice, id).unwrap();
    assert_eq!(s.asset_balance(&alice) - before, 2_500);
}

#[test]
fn the_cooldown_is_fixed_when_the_request_is_made() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    let first = s.unlock(&alice, 1_000);
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        cooldown_seconds: Some(4 * WEEK),
        ..Default::default()
    }))
    .unwrap();
    // a longer cooldown locks underwriters in: it waits for their exit
    let eta = s.params().pending.expect("queued").eta;
    assert_eq!(eta, s.now() + WEEK + 2 * DAY + 1);
    assert_eq!(s.params().cooldown_seconds, WEEK);
    s.advance(WEEK);
    s.try_withdraw(&alice, first.id).unwrap();
    s.advance(eta - s.now());
    let second = s.unlock(&alice, 1_000);
    assert_eq!(second.release_at, s.now() + 4 * WEEK);
    s.advance(WEEK);
    let now = s.now();
    s.assert_rejected(
        ContractError::CooldownActive {
            id: second.id,
            release_at: second.release_at,
            now,
        },
        |s| s.try_withdraw(&alice, second.id),
    );
}

#[test]
fn withdrawing_before_the_cooldown_ends_is_rejected() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    let r = s.unlock(&alice, 1_000);
    s.advance(WEEK - 1);
    let now = s.now();
    s.assert_rejected(
        ContractError::CooldownActive {
            id: r.id,
            release_at: r.release_at,
            now,
        },
        |s| s.try_withdraw(&alice, r.id),
    );
}

#[test]
fn another_users_unlock_id_is_not_found() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.deposit(&alice, 11_000);
    let r = s.unlock(&alice, 1_000);
    s.advance(WEEK);
    s.assert_rejected(
        ContractError::UnlockNotFound {
            owner: bob.to_string(),
            id: r.id,
        },
        |s| s.try_withdraw(&bob, r.id),
    );
}

#[test]
fn unlock_rejects_zero_more_than_the_balance_and_too_many_requests() {
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .max_open_unlocks(2)
        .build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    s.assert_rejected(ContractError::ZeroAmount { what: "shares" }, |s| {
        s.try_unlock(&alice, 0)
    });
    s.assert_rejected(
        ContractError::InsufficientShares {
            balance: u(10_000),
            requested: u(10_001),
        },
        |s| s.try_unlock(&alice, 10_001),
    );
    s.unlock(&alice, 1);
    s.unlock(&alice, 1);
    s.assert_rejected(
        ContractError::TooManyUnlocks {
            owner: alice.to_string(),
            open: 2,
            max: 2,
        },
        |s| s.try_unlock(&alice, 1),
    );
    s.advance(WEEK);
    s.try_withdraw(&alice, 0).unwrap();
    s.unlock(&alice, 1);
}

#[test]
fn unlock_requests_are_listed_per_owner_with_pagination() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.deposit(&alice, 11_000);
    s.deposit(&bob, 10_000);
    s.unlock(&alice, 10);
    s.unlock(&bob, 20);
    s.unlock(&alice, 30);
    let page: backstop_types::fund_vault::UnlockRequestsResponse =
        s.query(&QueryMsg::UnlockRequests {
            owner: alice.to_string(),
            start_after: None,
            limit: Some(1),
        });
    assert_eq!(page.requests.len(), 1);
    assert_eq!(page.requests[0].id, 0);
    let page: backstop_types::fund_vault::UnlockRequestsResponse =
        s.query(&QueryMsg::UnlockRequests {
            owner: alice.to_string(),
            start_after: Some(0),
            limit: None,
        });
    assert_eq!(
        page.requests
            .iter()
            .map(|r| (r.id, r.shares))
            .collect::<Vec<_>>(),
        vec![(2, u(30))]
    );
}

// ---- payouts ---------------------------------------------------------------

#[test]
fn cover_shortfall_pays_the_recipient_and_returns_typed_data() {
    for kind in BOTH {
        let mut s = SuiteBuilder::new(kind).build();
        let alice = s.user(0);
        s.deposit(&alice, 100_000);
        let market = s.market.clone();
        let res = s.try_cover(&market, 20_000).unwrap();
        let data: backstop_types::fund_vault::CoverShortfallResponse =
            cosmwasm_std::from_json(res.data.unwrap()).unwrap();
        assert_eq!((data.paid, data.uncovered), (u(20_000), u(0)));
        let ev = CoverShortfallEvent::find(&res.events).unwrap();
        assert_eq!(
            (ev.paid, ev.uncovered, ev.total_assets),
            (u(20_000), u(0), u(80_000))
        );
        assert_eq!(s.asset_balance(&s.recipient.clone()), 20_000);
        assert_eq!(s.total_assets(), 80_000);
        assert_eq!(s.price().price, Decimal::percent(80));
    }
}

#[test]
fn a_payout_above_the_per_event_fraction_pays_only_the_fraction() {
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .max_payout_fraction(Decimal::percent(25))
        .build();
    let alice = s.user(0);
    s.deposit(&alice, 100_000);
    let r = s.cover(40_000);
    assert_eq!((r.paid, r.uncovered), (u(25_000), u(15_000)));
}

#[test]
fn a_payout_above_the_lifetime_cap_pays_only_what_is_left_of_it() {
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .claimant_limits(30_000, u128::MAX, 3600)
        .build();
    let alice = s.user(0);
    s.deposit(&alice, 100_000);
    assert_eq!(s.cover(20_000).paid, u(20_000));
    let r = s.cover(20_000);
    assert_eq!((r.paid, r.uncovered), (u(10_000), u(10_000)));
    let r = s.cover(1);
    assert_eq!((r.paid, r.uncovered), (u(0), u(1)));
    assert_eq!(s.claimant(&s.market.clone()).lifetime_remaining, u(0));
}

#[test]
fn a_payout_above_the_rate_limit_pays_the_window_and_refills_over_time() {
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .claimant_limits(u128::MAX, 10_000, 1_000)
        .build();
    let alice = s.user(0);
    s.deposit(&alice, 1_000_000);
    let r = s.cover(15_000);
    assert_eq!((r.paid, r.uncovered), (u(10_000), u(5_000)));
    assert_eq!(s.cover(1).paid, u(0));
    s.advance(250);
    let c = s.claimant(&s.market.clone());
    assert_eq!((c.window_used, c.window_remaining), (u(7_500), u(2_500)));
    assert_eq!(s.cover(5_000).paid, u(2_500));
    s.advance(1_000);
    assert_eq!(s.cover(50_000).paid, u(10_000));
}

#[test]
fn a_payout_never_takes_the_reserve_floor() {
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .max_payout_fraction(Decimal::one())
        .min_reserve(1_000)
        .build();
    let alice = s.user(0);
    s.deposit(&alice, 10_000);
    let r = s.cover(50_000);
    assert_eq!((r.paid, r.uncovered), (u(9_000), u(41_000)));
    assert_eq!(s.total_assets(), 1_000);
    assert_eq!(s.cover(1).paid, u(0));
    // the price is small but positive, so deposits still work
    let bob = s.user(1);
    assert_eq!(s.deposit(&bob, 1_000), u(10_000));
}

#[test]
fn an_unknown_claimant_and_a_zero_shortfall_are_rejected() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, outsider, market) = (s.user(0), s.outsider.clone(), s.market.clone());
    s.deposit(&alice, 10_000);
    s.assert_rejected(
        ContractError::UnknownClaimant {
            address: outsider.to_string(),
        },
        |s| s.try_cover(&outsider, 100),
    );
    s.assert_rejected(ContractError::ZeroAmount { what: "shortfall" }, |s| {
        s.try_cover(&market, 0)
    });
}

#[test]
fn claimants_can_be_listed_changed_and_removed_by_governance() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, other) = (s.user(0), s.outsider.clone());
    s.deposit(&alice, 10_000);
    let limits = ClaimantLimits {
        lifetime_cap: u(500),
        window_cap: u(100),
        window_seconds: 60,
    };
    s.sudo(GovMsg::SetClaimant(ClaimantMsg {
        address: other.to_string(),
        limits: limits.clone(),
    }))
    .unwrap();
    let list: ClaimantsResponse = s.query(&QueryMsg::Claimants {
        start_after: None,
        limit: None,
    });
    assert_eq!(list.claimants.len(), 2);
    // a new claimant on a vault with underwriters waits for their exit
    let pending = s.claimant(&other).pending.expect("queued limits");
    assert_eq!(pending.eta, s.now() + WEEK + 2 * DAY + 1);
    assert_eq!(s.claimant(&other).coverable_now, u(0));
    s.advance(WEEK + 2 * DAY + 1);
    assert_eq!(s.claimant(&other).coverable_now, u(100));
    let market = s.market.clone();
    let owner = s.owner.clone();
    // removing a claimant that can draw shifts loss elsewhere: its limits
    // fall to zero after the notice period
    s.try_gov(
        &owner,
        GovMsg::RemoveClaimant {
            address: market.to_string(),
        },
    )
    .unwrap();
    assert!(s.claimant(&market).pending.is_some());
    s.try_cover(&market, 100).unwrap(); // still in force until the eta
    s.advance(7 * DAY + 1);
    assert_eq!(s.claimant(&market).coverable_now, u(0));
    // then it can draw nothing, and removing it again removes it at once
    s.sudo(GovMsg::RemoveClaimant {
        address: market.to_string(),
    })
    .unwrap();
    s.assert_rejected(
        ContractError::UnknownClaimant {
            address: market.to_string(),
        },
        |s| s.try_cover(&market, 100),
    );
    s.assert_rejected(
        ContractError::UnknownClaimant {
            address: market.to_string(),
        },
        |s| {
            s.sudo(GovMsg::RemoveClaimant {
                address: market.to_string(),
            })
        },
    );
}

// ---- governance and pause --------------------------------------------------

#[test]
fn parameters_change_through_sudo_and_through_the_owner() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        max_open_unlocks: Some(7),
        ..Default::default()
    }))
    .unwrap();
    let owner = s.owner.clone();
    s.try_gov(
        &owner,
        GovMsg::UpdateParams(ParamsUpdate {
            min_reserve: Some(u(5)),
            ..Default::default()
        }),
    )
    .unwrap();
    let p = s.params();
    assert_eq!((p.max_open_unlocks, p.min_reserve), (7, u(5)));
}

#[test]
fn a_non_owner_cannot_change_parameters() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let outsider = s.outsider.clone();
    s.assert_rejected(
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        |s| {
            s.try_gov(
                &outsider,
                GovMsg::UpdateParams(ParamsUpdate {
                    cooldown_seconds: Some(1),
                    ..Default::default()
                }),
            )
        },
    );
    let market = s.market.clone();
    s.assert_rejected(
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        |s| {
            s.try_gov(
                &market,
                GovMsg::SetClaimant(ClaimantMsg {
                    address: market.to_string(),
                    limits: ClaimantLimits {
                        lifetime_cap: u(1),
                        window_cap: u(1),
                        window_seconds: 1,
                    },
                }),
            )
        },
    );
}

#[test]
fn invalid_parameters_are_rejected_with_the_parameter_named() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let cases = [
        (
            ParamsUpdate {
                max_payout_fraction: Some(Decimal::percent(101)),
                ..Default::default()
            },
            ParamError::FractionAboveOne {
                name: "max_payout_fraction",
                value: Decimal::percent(101),
            },
        ),
        (
            ParamsUpdate {
                max_payout_fraction: Some(Decimal::zero()),
                ..Default::default()
            },
            ParamError::MustBePositive {
                name: "max_payout_fraction",
            },
        ),
        (
            ParamsUpdate {
                cooldown_seconds: Some(0),
                ..Default::default()
            },
            ParamError::MustBePositive {
                name: "cooldown_seconds",
            },
        ),
        (
            ParamsUpdate {
                max_open_unlocks: Some(0),
                ..Default::default()
            },
            ParamError::MustBePositive {
                name: "max_open_unlocks",
            },
        ),
        (
            ParamsUpdate {
                min_reserve: Some(u(0)),
                ..Default::default()
            },
            ParamError::MustBePositive {
                name: "min_reserve",
            },
        ),
    ];
    for (update, err) in cases {
        s.assert_rejected(ContractError::Param(err), |s| {
            s.sudo(GovMsg::UpdateParams(update))
        });
    }
    s.assert_rejected(
        ContractError::Param(ParamError::MustBePositive {
            name: "window_seconds",
        }),
        |s| {
            s.sudo(GovMsg::SetClaimant(ClaimantMsg {
                address: s.outsider.to_string(),
                limits: ClaimantLimits {
                    lifetime_cap: u(1),
                    window_cap: u(1),
                    window_seconds: 0,
                },
            }))
        },
    );
    s.assert_rejected(
        ContractError::Param(ParamError::InvalidAddress {
            name: "guardian",
            address: "nope".into(),
        }),
        |s| {
            s.sudo(GovMsg::SetGuardian {
                address: Some("nope".into()),
            })
        },
    );
}

#[test]
fn the_guardian_can_pause_but_only_the_owner_can_resume() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, guardian, owner, outsider) = (
        s.user(0),
        s.guardian.clone(),
        s.owner.clone(),
        s.outsider.clone(),
    );
    s.deposit(&alice, 10_000);
    let pause_deposits = PauseUpdate {
        deposits: Some(true),
        ..Default::default()
    };
    s.assert_rejected(
        ContractError::PauseUnauthorized {
            sender: outsider.to_string(),
        },
        |s| {
            s.exec(
                &outsider,
                &ExecuteMsg::SetPause(pause_deposits.clone()),
                &[],
            )
        },
    );
    s.exec(&guardian, &ExecuteMsg::SetPause(pause_deposits), &[])
        .unwrap();
    s.assert_rejected(
        ContractError::Paused {
            operation: "deposits",
        },
        |s| s.try_deposit(&alice, 5_000),
    );
    // exits and payouts still work
    s.unlock(&alice, 100);
    assert_eq!(s.cover(100).paid, u(100));

    let resume = PauseUpdate {
        deposits: Some(false),
        ..Default::default()
    };
    s.assert_rejected(
        ContractError::PauseUnauthorized {
            sender: guardian.to_string(),
        },
        |s| s.exec(&guardian, &ExecuteMsg::SetPause(resume.clone()), &[]),
    );
    s.exec(&owner, &ExecuteMsg::SetPause(resume), &[]).unwrap();
    s.try_deposit(&alice, 5_000).unwrap();
}

#[test]
fn exits_and_payouts_pause_separately() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, market) = (s.user(0), s.market.clone());
    s.deposit(&alice, 10_000);
    let id = s.unlock(&alice, 100).id;
    s.sudo(GovMsg::SetPause(PauseUpdate {
        exits: Some(true),
        payouts: Some(true),
        ..Default::default()
    }))
    .unwrap();
    s.advance(WEEK);
    s.assert_rejected(ContractError::Paused { operation: "exits" }, |s| {
        s.try_unlock(&alice, 1)
    });
    s.assert_rejected(ContractError::Paused { operation: "exits" }, |s| {
        s.try_withdraw(&alice, id)
    });
    s.assert_rejected(
        ContractError::Paused {
            operation: "payouts",
        },
        |s| s.try_cover(&market, 1),
    );
    assert_eq!(s.claimant(&market).coverable_now, u(0));
    s.deposit(&alice, 1_000);
}

#[test]
fn ownership_moves_in_two_steps() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (owner, new_owner) = (s.owner.clone(), s.user(2));
    s.exec(
        &owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: new_owner.to_string(),
            expiry: None,
        }),
        &[],
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.query(&QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(owner.to_string()));
    assert_eq!(o.pending_owner, Some(new_owner.to_string()));
    s.exec(
        &new_owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    s.try_gov(
        &new_owner,
        GovMsg::UpdateParams(ParamsUpdate {
            max_open_unlocks: Some(9),
            ..Default::default()
        }),
    )
    .unwrap();
    s.assert_rejected(
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        |s| s.try_gov(&owner, GovMsg::UpdateParams(ParamsUpdate::default())),
    );
}

// ---- the share token -------------------------------------------------------

#[test]
fn shares_are_a_cw20_token_that_can_be_transferred_and_sent() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob, carol) = (s.user(0), s.user(1), s.user(2));
    s.deposit(&alice, 11_000);
    s.exec(
        &alice,
        &ExecuteMsg::Transfer {
            recipient: bob.to_string(),
            amount: u(4_000),
        },
        &[],
    )
    .unwrap();
    assert_eq!((s.shares(&alice), s.shares(&bob)), (6_000, 4_000));

    s.exec(
        &bob,
        &ExecuteMsg::Transfer {
            recipient: carol.to_string(),
            amount: u(600),
        },
        &[],
    )
    .unwrap();
    assert_eq!(s.shares(&carol), 600);
    // carol can redeem what she received
    s.unlock(&carol, 600);

    let info: TokenInfoResponse = s.query(&QueryMsg::TokenInfo {});
    assert_eq!(
        (info.symbol.as_str(), info.total_supply),
        ("bsUSDC", u(11_000))
    );
    let accounts: cw20::AllAccountsResponse = s.query(&QueryMsg::AllAccounts {
        start_after: None,
        limit: None,
    });
    assert_eq!(accounts.accounts.len(), 4); // alice, bob, carol, the vault
    let page: cw20::AllAccountsResponse = s.query(&QueryMsg::AllAccounts {
        start_after: Some(accounts.accounts[0].clone()),
        limit: Some(2),
    });
    assert_eq!(page.accounts, accounts.accounts[1..3].to_vec());
    let config: ConfigResponse = s.query(&QueryMsg::Config {});
    assert_eq!(config.share_token.decimals, 6);
}

#[test]
fn shares_cannot_be_moved_to_the_vault_itself_or_beyond_a_balance() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (alice, bob) = (s.user(0), s.user(1));
    s.deposit(&alice, 11_000);
    let vault = s.vault.clone();
    s.assert_rejected(
        ContractError::SharesToVault {
            sender: alice.to_string(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Transfer {
                    recipient: vault.to_string(),
                    amount: u(1),
                },
                &[],
            )
        },
    );
    s.assert_rejected(
        ContractError::TransferExceedsBalance {
            balance: u(0),
            requested: u(1),
        },
        |s| {
            s.exec(
                &bob,
                &ExecuteMsg::Transfer {
                    recipient: alice.to_string(),
                    amount: u(1),
                },
                &[],
            )
        },
    );
    s.assert_rejected(
        ContractError::ZeroAmount {
            what: "share transfer",
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Transfer {
                    recipient: bob.to_string(),
                    amount: u(0),
                },
                &[],
            )
        },
    );
    // a Send checks the balance before it calls any hook
    s.assert_rejected(
        ContractError::TransferExceedsBalance {
            balance: u(10_000),
            requested: u(20_000),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Send {
                    contract: bob.to_string(),
                    amount: u(20_000),
                    msg: cosmwasm_std::Binary::default(),
                },
                &[],
            )
        },
    );
    // a transfer to oneself moves nothing
    s.exec(
        &alice,
        &ExecuteMsg::Transfer {
            recipient: alice.to_string(),
            amount: u(4_000),
        },
        &[],
    )
    .unwrap();
    assert_eq!(s.shares(&alice), 10_000);
}

#[test]
fn messages_that_take_no_funds_reject_funds() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    s.assert_rejected(ContractError::Payment(PaymentError::NonPayable {}), |s| {
        s.exec(
            &alice,
            &ExecuteMsg::Unlock { shares: u(1) },
            &coins(1, DENOM),
        )
    });
}

/// A valid vault instantiation for `owner` over `asset` (symbol `bsh`).
fn vault_msg(
    owner: &Addr,
    asset: backstop_types::asset::AssetInfoUnchecked,
) -> backstop_types::fund_vault::InstantiateMsg {
    backstop_types::fund_vault::InstantiateMsg {
        owner: owner.to_string(),
        asset,
        share_token: backstop_types::fund_vault::ShareTokenInfo {
            name: "Shares".into(),
            symbol: "bsh".into(),
            decimals: 6,
        },
        params: backstop_types::fund_vault::ParamsMsg {
            cooldown_seconds: 10,
            exit_window_seconds: 10,
            max_open_unlocks: 1,
            max_payout_fraction: Decimal::one(),
            min_reserve: u(1),
            notice_seconds: None,
        },
        guardian: None,
        claimants: vec![],
        slash_sources: vec![],
        slash_claimant: None,
    }
}

#[test]
fn a_vault_is_rejected_at_instantiation_when_its_parameters_are_invalid() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let owner = s.owner.clone();
    let code = s.vault_code;
    let mut msg = vault_msg(
        &owner,
        backstop_types::asset::AssetInfoUnchecked::Native { denom: "".into() },
    );
    msg.share_token.symbol = "bs".into();
    let err = s
        .app
        .instantiate_contract(code, owner.clone(), &msg, &[], "v", None)
        .unwrap_err();
    assert_eq!(
        err.downcast_ref::<ContractError>(),
        Some(&ContractError::Param(ParamError::EmptyDenom))
    );
    msg.asset = backstop_types::asset::AssetInfoUnchecked::Native {
        denom: DENOM.into(),
    };
    let err = s
        .app
        .instantiate_contract(code, owner.clone(), &msg, &[], "v", None)
        .unwrap_err();
    assert!(matches!(
        err.downcast_ref::<ContractError>(),
        Some(ContractError::Param(ParamError::InvalidText {
            name: "share_token.symbol",
            ..
        }))
    ));
}

#[test]
fn a_vault_refuses_a_wallet_as_its_cw20_asset_and_a_claimant_listed_twice() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (owner, code, alice) = (s.owner.clone(), s.vault_code, s.user(0));
    let claimant = |address: &Addr, cap: u128| ClaimantMsg {
        address: address.to_string(),
        limits: ClaimantLimits {
            lifetime_cap: u(cap),
            window_cap: u(cap),
            window_seconds: 60,
        },
    };
    let wallet_asset = backstop_types::asset::AssetInfoUnchecked::Cw20 {
        address: alice.to_string(),
    };
    let mut msg = vault_msg(&owner, wallet_asset);
    let mut refused = |msg: &backstop_types::fund_vault::InstantiateMsg| {
        s.app
            .instantiate_contract(code, owner.clone(), msg, &[], "v", None)
            .unwrap_err()
            .downcast::<ContractError>()
            .unwrap()
    };
    assert_eq!(
        refused(&msg),
        ContractError::Param(ParamError::NotAContract {
            name: "asset",
            address: alice.to_string(),
        })
    );
    msg.asset = backstop_types::asset::AssetInfoUnchecked::Native {
        denom: DENOM.into(),
    };
    // the last entry used to win silently
    msg.claimants = vec![claimant(&alice, 10), claimant(&alice, 1_000_000)];
    assert_eq!(
        refused(&msg),
        ContractError::Param(ParamError::Duplicate {
            name: "claimants",
            item: alice.to_string(),
        })
    );
    msg.slash_sources = vec![alice.to_string()];
    msg.claimants = vec![];
    assert_eq!(
        refused(&msg),
        ContractError::Param(ParamError::NotAContract {
            name: "slash_sources",
            address: alice.to_string(),
        })
    );
}

#[test]
fn migrating_to_the_same_version_succeeds() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (owner, vault, code) = (s.owner.clone(), s.vault.clone(), s.vault_code);
    s.app
        .migrate_contract(
            owner,
            vault,
            &backstop_types::fund_vault::MigrateMsg {},
            code,
        )
        .unwrap();
}

#[test]
fn overflowing_amounts_fail_with_a_typed_error() {
    let e = ContractError::Math(MathError::Overflow { what: "a * b / c" });
    assert_eq!(e.to_string(), "math: overflow computing a * b / c");
}

#[test]
fn migrating_over_another_contract_is_refused() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let (owner, code) = (s.owner.clone(), s.vault_code);
    // a cw20-base token instantiated with the owner as admin
    let cw20_code = s.app.store_code(suite::cw20_contract());
    let token = s
        .app
        .instantiate_contract(
            cw20_code,
            owner.clone(),
            &cw20_base::msg::InstantiateMsg {
                name: "Other".into(),
                symbol: "OTH".into(),
                decimals: 6,
                initial_balances: vec![],
                mint: None,
                marketing: None,
            },
            &[],
            "other",
            Some(owner.to_string()),
        )
        .unwrap();
    let err = s
        .app
        .migrate_contract(
            owner,
            token,
            &backstop_types::fund_vault::MigrateMsg {},
            code,
        )
        .unwrap_err();
    assert_eq!(
        err.downcast_ref::<ContractError>(),
        Some(&ContractError::Migrate(
            backstop_types::migrate::MigrateError::WrongContract {
                stored: "crates.io:cw20-base".into(),
                expected: fund_vault::contract::CONTRACT_NAME.into(),
            }
        ))
    );
}

// ---- slash redemption --------------------------------------------------------

/// A staking contract holding 3,000 shares at 2 assets per share, registered
/// as a slash source; `link` registers the suite's socializer stand-in (the
/// ticket issuer) as a claimant and links it as the slash claimant.
/// A slash source must be a contract: any deployed one stands in for the
/// staking contract, the suite sending on its behalf.
fn slash_source_suite(kind: AssetKind, link: bool) -> (Suite, Addr) {
    let mut s = SuiteBuilder::new(kind).build();
    let (alice, staking) = (s.user(0), s.fake_token.clone());
    let claimant = link.then(|| s.issuer.to_string());
    // claimants set up before anyone deposits apply at once
    if link {
        s.sudo(GovMsg::SetClaimant(ClaimantMsg {
            address: s.issuer.to_string(),
            limits: ClaimantLimits {
                lifetime_cap: u(u128::MAX),
                window_cap: u(u128::MAX),
                window_seconds: 24 * 3600,
            },
        }))
        .unwrap();
    }
    s.deposit(&alice, 11_000);
    s.try_add_income(&alice, 11_000).unwrap();
    s.sudo(GovMsg::SetSlashSources {
        addresses: vec![staking.to_string()],
        claimant,
    })
    .unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::Transfer {
            recipient: staking.to_string(),
            amount: u(3_000),
        },
        &[],
    )
    .unwrap();
    (s, staking)
}

fn send_slashed(
    s: &mut Suite,
    source: &Addr,
    shares: u128,
    cover: Option<u128>,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let hook = backstop_types::fund_vault::ShareHookMsg::RedeemSlashed {
        recipient: s.recipient.to_string(),
        cover: cover.map(u),
    };
    let vault = s.vault.clone();
    s.exec(
        source,
        &ExecuteMsg::Send {
            contract: vault.to_string(),
            amount: u(shares),
            msg: to_json_binary(&hook).unwrap(),
        },
        &[],
    )
}

#[test]
fn a_slash_source_redeems_shares_at_once_without_cooldown() {
    for kind in BOTH {
        let (mut s, staking) = slash_source_suite(kind, false);
        let market_recipient = s.recipient.clone();
        let res = send_slashed(&mut s, &staking, 1_001, None).unwrap();
        let ev = backstop_types::fund_vault::SlashRedeemEvent::find(&res.events).unwrap();
        assert_eq!((ev.shares, ev.assets), (u(1_001), u(2_002)));
        assert_eq!(s.asset_balance(&market_recipient), 2_002);
        assert_eq!(
            (s.total_assets(), s.total_shares()),
            (22_000 - 2_002, 11_000 - 1_001)
        );
        assert_eq!(s.shares(&staking), 1_999);
    }
}

#[test]
fn a_slash_hook_covers_for_the_linked_claimant_in_the_same_execution() {
    let (mut s, staking) = slash_source_suite(AssetKind::Native, true);
    let recipient = s.recipient.clone();
    s.issue_ticket(5_000);
    let res = send_slashed(&mut s, &staking, 1_000, Some(5_000)).unwrap();
    let redeemed = backstop_types::fund_vault::SlashRedeemEvent::find(&res.events).unwrap();
    let covered = CoverShortfallEvent::find(&res.events).unwrap();
    assert_eq!((redeemed.shares, redeemed.assets), (u(1_000), u(2_000)));
    assert_eq!(
        (covered.claimant, covered.paid, covered.uncovered),
        (s.issuer.to_string(), u(5_000), u(0))
    );
    // redemption then cover, paid together in one transfer
    assert_eq!(s.asset_balance(&recipient), 7_000);
    assert_eq!(
        (s.total_assets(), s.total_shares()),
        (22_000 - 7_000, 11_000 - 1_000)
    );
    assert_eq!(covered.total_assets, u(15_000));
    // the draw counts against the claimant's limits like its own payout
    let issuer = s.issuer.clone();
    assert_eq!(s.claimant(&issuer).paid_total, u(5_000));
    // the ticket was for one draw: a second hook in the block cannot reuse it
    s.assert_rejected(
        ContractError::UnauthorizedDraw {
            claimant: issuer.to_string(),
            amount: u(5_000),
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_000)),
    );
    // nor can a hook draw more than the ticket says, or in a later block
    s.issue_ticket(5_000);
    s.assert_rejected(
        ContractError::UnauthorizedDraw {
            claimant: issuer.to_string(),
            amount: u(5_001),
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_001)),
    );
    s.advance(5);
    s.assert_rejected(
        ContractError::UnauthorizedDraw {
            claimant: issuer.to_string(),
            amount: u(5_000),
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_000)),
    );
}

#[test]
fn a_slash_hook_cannot_cover_without_a_registered_linked_claimant_or_while_payouts_are_paused() {
    let (mut s, staking) = slash_source_suite(AssetKind::Native, false);
    s.assert_rejected(
        ContractError::NoSlashClaimant {
            source_addr: staking.to_string(),
            amount: u(5_000),
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_000)),
    );
    // a linked address that issued no draw ticket cannot draw either
    let outsider = s.user(2);
    s.sudo(GovMsg::SetSlashSources {
        addresses: vec![staking.to_string()],
        claimant: Some(outsider.to_string()),
    })
    .unwrap();
    s.assert_rejected(
        ContractError::UnauthorizedDraw {
            claimant: outsider.to_string(),
            amount: u(5_000),
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_000)),
    );
    // nor one that issued a ticket but is not a registered claimant
    let issuer = s.issuer.clone();
    s.sudo(GovMsg::SetSlashSources {
        addresses: vec![staking.to_string()],
        claimant: Some(issuer.to_string()),
    })
    .unwrap();
    s.issue_ticket(5_000);
    s.assert_rejected(
        ContractError::UnknownClaimant {
            address: issuer.to_string(),
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_000)),
    );
    let (mut s, staking) = slash_source_suite(AssetKind::Native, true);
    s.sudo(GovMsg::SetPause(PauseUpdate {
        payouts: Some(true),
        ..Default::default()
    }))
    .unwrap();
    s.issue_ticket(5_000);
    s.assert_rejected(
        ContractError::Paused {
            operation: "payouts",
        },
        |s| send_slashed(s, &staking, 1_000, Some(5_000)),
    );
    // the payout pause stops the redemption alone too: the guardian's stop
    // holds for the slash-and-redeem path
    s.assert_rejected(
        ContractError::Paused {
            operation: "payouts",
        },
        |s| send_slashed(s, &staking, 1_000, None),
    );
    s.sudo(GovMsg::SetPause(PauseUpdate {
        payouts: Some(false),
        ..Default::default()
    }))
    .unwrap();
    let before = s.asset_balance(&s.recipient.clone());
    send_slashed(&mut s, &staking, 1_000, None).unwrap();
    assert_eq!(s.asset_balance(&s.recipient.clone()), before + 2_000);
}

#[test]
fn only_a_slash_source_may_send_shares_to_the_vault() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    let vault = s.vault.clone();
    let hook = to_json_binary(&backstop_types::fund_vault::ShareHookMsg::RedeemSlashed {
        recipient: alice.to_string(),
        cover: None,
    })
    .unwrap();
    s.assert_rejected(
        ContractError::SharesToVault {
            sender: alice.to_string(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::Send {
                    contract: vault.to_string(),
                    amount: u(10),
                    msg: hook.clone(),
                },
                &[],
            )
        },
    );
    s.assert_rejected(
        ContractError::Param(ParamError::AboveMax {
            name: "slash_sources",
            value: 6,
            max: 5,
        }),
        |s| {
            s.sudo(GovMsg::SetSlashSources {
                addresses: (0..6)
                    .map(|i| s.app.api().addr_make(&format!("s{i}")).to_string())
                    .collect(),
                claimant: None,
            })
        },
    );
    // a wallet is no slash source: it could redeem shares at once
    s.assert_rejected(
        ContractError::Param(ParamError::NotAContract {
            name: "slash_sources",
            address: alice.to_string(),
        }),
        |s| {
            s.sudo(GovMsg::SetSlashSources {
                addresses: vec![alice.to_string()],
                claimant: None,
            })
        },
    );
    // a registered source cannot redeem more than it holds
    let source = s.fake_token.clone();
    s.exec(
        &alice,
        &ExecuteMsg::Transfer {
            recipient: source.to_string(),
            amount: u(10_000),
        },
        &[],
    )
    .unwrap();
    s.sudo(GovMsg::SetSlashSources {
        addresses: vec![source.to_string()],
        claimant: None,
    })
    .unwrap();
    s.assert_rejected(
        ContractError::InsufficientShares {
            balance: u(10_000),
            requested: u(10_001),
        },
        |s| {
            s.exec(
                &source,
                &ExecuteMsg::Send {
                    contract: vault.to_string(),
                    amount: u(10_001),
                    msg: hook.clone(),
                },
                &[],
            )
        },
    );
}

#[test]
fn a_queued_change_is_cancelled_by_governance_and_cancelling_nothing_is_refused() {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    s.assert_rejected(ContractError::NothingPending, |s| {
        s.sudo(GovMsg::CancelPending { claimant: None })
    });
    s.sudo(GovMsg::UpdateParams(ParamsUpdate {
        max_payout_fraction: Some(Decimal::percent(90)),
        ..Default::default()
    }))
    .unwrap();
    assert!(s.params().pending.is_some());
    let res = s.sudo(GovMsg::CancelPending { claimant: None }).unwrap();
    let ev = backstop_types::governance::timelock::ChangeCancelledEvent::find(&res.events);
    assert_eq!(ev.unwrap().what, "params");
    s.advance(30 * DAY);
    let p = s.params();
    assert!(p.pending.is_none());
    assert_ne!(
        p.max_payout_fraction,
        Decimal::percent(90),
        "never in force"
    );
    let market = s.market.clone();
    s.assert_rejected(ContractError::NothingPending, |s| {
        s.sudo(GovMsg::CancelPending {
            claimant: Some(market.to_string()),
        })
    });
}
