//! The share token's full cw20 interface, driven by a real cw20 consumer:
//! the test-only `share-puller` contract pulls shares with `TransferFrom`
//! after an allowance and forwards them with `SendFrom`, speaking only the
//! standard `cw20` messages. Every refusal is typed and moves nothing: no
//! share, no asset, no allowance and no credit in the puller's ledger.

mod suite;

use backstop_types::fund_vault::{ExecuteMsg, QueryMsg};
use cosmwasm_std::{coins, to_json_binary, Addr, Binary, Uint128};
use cw20::{
    AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo, AllowanceResponse,
    Cw20ExecuteMsg, Cw20QueryMsg, Cw20ReceiveMsg, Expiration, MarketingInfoResponse,
    MinterResponse, SpenderAllowanceInfo, TokenInfoResponse,
};
use cw_multi_test::{AppResponse, Executor};
use cw_utils::PaymentError;
use fund_vault::ContractError;
use suite::{AssetKind, Suite, SuiteBuilder, DENOM};

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

/// A vault where alice holds 10,000 shares (her first deposit of 11,000
/// less the 1,000 dead shares) and a share puller.
fn setup() -> (Suite, Addr, Addr) {
    let mut s = SuiteBuilder::new(AssetKind::Native).build();
    let alice = s.user(0);
    s.deposit(&alice, 11_000);
    let puller = s.deploy_puller("puller");
    (s, alice, puller)
}

/// `owner` gives `spender` an allowance, with the cw20 message a wallet
/// sends.
fn approve(
    s: &mut Suite,
    owner: &Addr,
    spender: &Addr,
    amount: u128,
    expires: Option<Expiration>,
) -> anyhow::Result<AppResponse> {
    let vault = s.vault.clone();
    s.app.execute_contract(
        owner.clone(),
        vault,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: spender.to_string(),
            amount: u(amount),
            expires,
        },
        &[],
    )
}

fn allowance(s: &Suite, owner: &Addr, spender: &Addr) -> AllowanceResponse {
    s.query(&QueryMsg::Allowance {
        owner: owner.to_string(),
        spender: spender.to_string(),
    })
}

/// Has `puller` pull `amount` of `owner`'s shares (the whole allowance when
/// `None`).
fn pull(
    s: &mut Suite,
    puller: &Addr,
    owner: &Addr,
    amount: Option<u128>,
) -> anyhow::Result<AppResponse> {
    let caller = s.user(2);
    s.app.execute_contract(
        caller,
        puller.clone(),
        &share_puller::ExecuteMsg::Pull {
            owner: owner.to_string(),
            amount: amount.map(u),
        },
        &[],
    )
}

fn credit(s: &Suite, puller: &Addr, owner: &Addr) -> u128 {
    let credit: Uint128 = s
        .app
        .wrap()
        .query_wasm_smart(
            puller,
            &share_puller::QueryMsg::Credit {
                owner: owner.to_string(),
            },
        )
        .unwrap();
    credit.u128()
}

fn received(s: &Suite, puller: &Addr) -> Vec<Cw20ReceiveMsg> {
    s.app
        .wrap()
        .query_wasm_smart(puller, &share_puller::QueryMsg::Received {})
        .unwrap()
}

/// Runs `action`, asserts it fails with exactly `expected`, and that no
/// balance, share or total moved, nor the allowance `owner` gave `puller`,
/// nor the puller's credit for `owner`.
fn assert_pull_refused(
    s: &mut Suite,
    owner: &Addr,
    puller: &Addr,
    expected: ContractError,
    action: impl FnOnce(&mut Suite) -> anyhow::Result<AppResponse>,
) {
    let before = (allowance(s, owner, puller), credit(s, puller, owner));
    s.assert_rejected(expected, action);
    let after = (allowance(s, owner, puller), credit(s, puller, owner));
    assert_eq!(
        after, before,
        "a refused pull changed an allowance or a credit"
    );
}

// ---- pulling shares ------------------------------------------------------

#[test]
fn a_contract_pulls_shares_with_transfer_from_after_an_allowance() {
    let (mut s, alice, puller) = setup();
    approve(&mut s, &alice, &puller, 4_000, None).unwrap();
    let supply = s.total_shares();

    let res = pull(&mut s, &puller, &alice, Some(3_000)).unwrap();
    assert!(res.has_event(
        &cosmwasm_std::Event::new("wasm")
            .add_attribute("action", "transfer_from")
            .add_attribute("from", alice.as_str())
            .add_attribute("to", puller.as_str())
            .add_attribute("by", puller.as_str())
            .add_attribute("amount", "3000")
    ));
    assert_eq!((s.shares(&alice), s.shares(&puller)), (7_000, 3_000));
    assert_eq!(credit(&s, &puller, &alice), 3_000);
    assert_eq!(allowance(&s, &alice, &puller).allowance, u(1_000));
    assert_eq!(s.total_shares(), supply, "a pull mints or burns nothing");

    // the puller reads the rest of the allowance with the cw20 query
    pull(&mut s, &puller, &alice, None).unwrap();
    assert_eq!((s.shares(&alice), s.shares(&puller)), (6_000, 4_000));
    assert_eq!(credit(&s, &puller, &alice), 4_000);
    assert_eq!(allowance(&s, &alice, &puller).allowance, u(0));
}

#[test]
fn a_contract_forwards_shares_with_send_from_and_the_hook_names_the_spender() {
    let (mut s, alice, puller) = setup();
    let receiver = s.deploy_puller("receiver");
    approve(&mut s, &alice, &puller, 5_000, None).unwrap();
    let note = Binary::from(b"for the pool".to_vec());

    s.app
        .execute_contract(
            s.user(2),
            puller.clone(),
            &share_puller::ExecuteMsg::Forward {
                owner: alice.to_string(),
                contract: receiver.to_string(),
                amount: u(2_500),
                msg: note.clone(),
            },
            &[],
        )
        .unwrap();

    assert_eq!((s.shares(&alice), s.shares(&receiver)), (7_500, 2_500));
    assert_eq!(s.shares(&puller), 0, "SendFrom moves the owner's shares");
    assert_eq!(allowance(&s, &alice, &puller).allowance, u(2_500));
    assert_eq!(
        received(&s, &receiver),
        vec![Cw20ReceiveMsg {
            sender: puller.to_string(),
            amount: u(2_500),
            msg: note,
        }]
    );
    assert!(received(&s, &puller).is_empty());
}

#[test]
fn a_holder_can_send_shares_to_a_contract_that_checks_who_calls_its_hook() {
    let (mut s, alice, puller) = setup();
    s.exec(
        &alice,
        &ExecuteMsg::Send {
            contract: puller.to_string(),
            amount: u(1_000),
            msg: Binary::default(),
        },
        &[],
    )
    .unwrap();
    assert_eq!(s.shares(&puller), 1_000);
    assert_eq!(received(&s, &puller)[0].sender, alice.to_string());
    // a look-alike token calling the hook is refused by the puller
    let fake = s.fake_token.clone();
    let err = s
        .app
        .execute_contract(
            fake.clone(),
            puller.clone(),
            &share_puller::ExecuteMsg::Receive(Cw20ReceiveMsg {
                sender: alice.to_string(),
                amount: u(1),
                msg: Binary::default(),
            }),
            &[],
        )
        .unwrap_err();
    assert_eq!(
        err.downcast_ref::<share_puller::PullerError>(),
        Some(&share_puller::PullerError::WrongToken {
            sender: fake.to_string(),
            token: s.vault.to_string(),
        })
    );
}

// ---- refused pulls -------------------------------------------------------

#[test]
fn a_pull_without_an_allowance_is_refused_and_moves_nothing() {
    let (mut s, alice, puller) = setup();
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::NoAllowance {
            owner: alice.to_string(),
            spender: puller.to_string(),
        },
        |s| pull(s, &puller, &alice, Some(1)),
    );
    // an allowance to someone else is no allowance to the puller
    let bob = s.user(1);
    approve(&mut s, &alice, &bob, 5_000, None).unwrap();
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::NoAllowance {
            owner: alice.to_string(),
            spender: puller.to_string(),
        },
        |s| pull(s, &puller, &alice, Some(1)),
    );
}

#[test]
fn a_pull_after_the_allowance_expired_is_refused_and_moves_nothing() {
    let (mut s, alice, puller) = setup();
    let expires = Expiration::AtTime(s.app.block_info().time.plus_seconds(60));
    approve(&mut s, &alice, &puller, 5_000, Some(expires)).unwrap();
    // usable until it expires
    s.advance(59);
    pull(&mut s, &puller, &alice, Some(1_000)).unwrap();
    assert_eq!(s.shares(&puller), 1_000);

    s.advance(1);
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::AllowanceExpired {
            owner: alice.to_string(),
            spender: puller.to_string(),
            expires,
        },
        |s| pull(s, &puller, &alice, Some(1)),
    );
    // by height too, and for SendFrom as for TransferFrom
    let height = s.app.block_info().height;
    let receiver = s.deploy_puller("receiver");
    let by_height = Expiration::AtHeight(height + 1);
    let bob = s.user(1);
    s.deposit(&bob, 5_000);
    approve(&mut s, &bob, &puller, 5_000, Some(by_height)).unwrap();
    s.advance(5);
    assert_pull_refused(
        &mut s,
        &bob,
        &puller,
        ContractError::AllowanceExpired {
            owner: bob.to_string(),
            spender: puller.to_string(),
            expires: by_height,
        },
        |s| {
            s.app.execute_contract(
                s.user(2),
                puller.clone(),
                &share_puller::ExecuteMsg::Forward {
                    owner: bob.to_string(),
                    contract: receiver.to_string(),
                    amount: u(1),
                    msg: Binary::default(),
                },
                &[],
            )
        },
    );
    assert!(received(&s, &receiver).is_empty());
}

#[test]
fn a_pull_beyond_the_allowance_is_refused_and_moves_nothing() {
    let (mut s, alice, puller) = setup();
    approve(&mut s, &alice, &puller, 1_000, None).unwrap();
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::AllowanceExceeded {
            owner: alice.to_string(),
            spender: puller.to_string(),
            allowance: u(1_000),
            requested: u(1_001),
        },
        |s| pull(s, &puller, &alice, Some(1_001)),
    );
    pull(&mut s, &puller, &alice, Some(600)).unwrap();
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::AllowanceExceeded {
            owner: alice.to_string(),
            spender: puller.to_string(),
            allowance: u(400),
            requested: u(401),
        },
        |s| pull(s, &puller, &alice, Some(401)),
    );
    // a spent allowance stays at zero, and pulling "all of it" is refused
    pull(&mut s, &puller, &alice, Some(400)).unwrap();
    let err = pull(&mut s, &puller, &alice, None).unwrap_err();
    assert_eq!(
        err.downcast_ref::<share_puller::PullerError>(),
        Some(&share_puller::PullerError::NothingApproved {
            owner: alice.to_string()
        })
    );
    assert_eq!((s.shares(&alice), s.shares(&puller)), (9_000, 1_000));
}

#[test]
fn a_pull_beyond_the_owners_balance_is_refused_even_within_the_allowance() {
    let (mut s, alice, puller) = setup();
    approve(&mut s, &alice, &puller, 1_000_000, None).unwrap();
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::TransferExceedsBalance {
            balance: u(10_000),
            requested: u(10_001),
        },
        |s| pull(s, &puller, &alice, Some(10_001)),
    );
}

#[test]
fn escrowed_shares_cannot_be_pulled_by_allowance() {
    let (mut s, alice, puller) = setup();
    approve(&mut s, &alice, &puller, 10_000, None).unwrap();
    // half of alice's shares go into escrow, at the vault's address
    let request = s.unlock(&alice, 5_000);
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::TransferExceedsBalance {
            balance: u(5_000),
            requested: u(5_001),
        },
        |s| pull(s, &puller, &alice, Some(5_001)),
    );
    // and the vault's own shares never move by allowance, whoever asks
    let vault = s.vault.clone();
    assert_pull_refused(
        &mut s,
        &vault,
        &puller,
        ContractError::VaultSharesLocked {
            spender: puller.to_string(),
        },
        |s| pull(s, &puller, &vault, Some(1)),
    );
    // her request still pays out in full after the cooldown
    s.advance(request.release_at - s.now());
    let paid_before = s.asset_balance(&alice);
    s.try_withdraw(&alice, request.id).unwrap();
    assert_eq!(s.asset_balance(&alice), paid_before + 5_000);
    assert_eq!(s.shares(&s.vault), 1_000, "only the dead shares are left");
}

#[test]
fn shares_move_by_allowance_under_the_same_rules_as_by_their_holder() {
    let (mut s, alice, puller) = setup();
    let bob = s.user(1);
    approve(&mut s, &alice, &bob, 5_000, None).unwrap();
    let vault = s.vault.clone();
    // not to the vault, by TransferFrom or SendFrom
    s.assert_rejected(
        ContractError::SharesToVault {
            sender: bob.to_string(),
        },
        |s| {
            s.exec(
                &bob,
                &ExecuteMsg::TransferFrom {
                    owner: alice.to_string(),
                    recipient: vault.to_string(),
                    amount: u(1),
                },
                &[],
            )
        },
    );
    let hook = to_json_binary(&backstop_types::fund_vault::ShareHookMsg::RedeemSlashed {
        recipient: bob.to_string(),
        cover: None,
    })
    .unwrap();
    s.assert_rejected(
        ContractError::SharesToVault {
            sender: bob.to_string(),
        },
        |s| {
            s.exec(
                &bob,
                &ExecuteMsg::SendFrom {
                    owner: alice.to_string(),
                    contract: vault.to_string(),
                    amount: u(1),
                    msg: hook.clone(),
                },
                &[],
            )
        },
    );
    // not zero
    s.assert_rejected(
        ContractError::ZeroAmount {
            what: "share transfer",
        },
        |s| {
            s.exec(
                &bob,
                &ExecuteMsg::TransferFrom {
                    owner: alice.to_string(),
                    recipient: bob.to_string(),
                    amount: u(0),
                },
                &[],
            )
        },
    );
    // no funds
    s.assert_rejected(ContractError::Payment(PaymentError::NonPayable {}), |s| {
        s.exec(
            &bob,
            &ExecuteMsg::SendFrom {
                owner: alice.to_string(),
                contract: puller.to_string(),
                amount: u(1),
                msg: Binary::default(),
            },
            &coins(1, DENOM),
        )
    });
    s.assert_rejected(ContractError::Payment(PaymentError::NonPayable {}), |s| {
        s.exec(
            &alice,
            &ExecuteMsg::IncreaseAllowance {
                spender: bob.to_string(),
                amount: u(1),
                expires: None,
            },
            &coins(1, DENOM),
        )
    });
    assert_eq!(allowance(&s, &alice, &bob).allowance, u(5_000));
    // within the rules, bob moves alice's shares to himself
    s.exec(
        &bob,
        &ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: bob.to_string(),
            amount: u(5_000),
        },
        &[],
    )
    .unwrap();
    assert_eq!((s.shares(&alice), s.shares(&bob)), (5_000, 5_000));
}

// ---- managing allowances -------------------------------------------------

#[test]
fn allowances_are_raised_lowered_removed_and_listed_as_in_cw20() {
    let (mut s, alice, puller) = setup();
    let (bob, carol) = (s.user(1), s.user(2));
    let later = Expiration::AtHeight(s.app.block_info().height + 1_000);
    approve(&mut s, &alice, &bob, 300, None).unwrap();
    approve(&mut s, &alice, &bob, 200, Some(later)).unwrap();
    assert_eq!(
        allowance(&s, &alice, &bob),
        AllowanceResponse {
            allowance: u(500),
            expires: later,
        }
    );
    s.exec(
        &alice,
        &ExecuteMsg::DecreaseAllowance {
            spender: bob.to_string(),
            amount: u(100),
            expires: None,
        },
        &[],
    )
    .unwrap();
    assert_eq!(allowance(&s, &alice, &bob).allowance, u(400));
    approve(&mut s, &alice, &carol, 7, None).unwrap();
    approve(&mut s, &alice, &puller, 9, None).unwrap();
    approve(&mut s, &bob, &puller, 0, None).unwrap();

    let all: AllAllowancesResponse = s.query(&QueryMsg::AllAllowances {
        owner: alice.to_string(),
        start_after: None,
        limit: None,
    });
    let mut expected = vec![
        AllowanceInfo {
            spender: bob.to_string(),
            allowance: u(400),
            expires: later,
        },
        AllowanceInfo {
            spender: carol.to_string(),
            allowance: u(7),
            expires: Expiration::Never {},
        },
        AllowanceInfo {
            spender: puller.to_string(),
            allowance: u(9),
            expires: Expiration::Never {},
        },
    ];
    expected.sort_by(|a, b| a.spender.cmp(&b.spender));
    assert_eq!(all.allowances, expected);
    let page: AllAllowancesResponse = s.query(&QueryMsg::AllAllowances {
        owner: alice.to_string(),
        start_after: Some(expected[0].spender.clone()),
        limit: Some(1),
    });
    assert_eq!(page.allowances, expected[1..2].to_vec());

    let held: AllSpenderAllowancesResponse = s.query(&QueryMsg::AllSpenderAllowances {
        spender: puller.to_string(),
        start_after: None,
        limit: None,
    });
    let mut expected = vec![
        SpenderAllowanceInfo {
            owner: alice.to_string(),
            allowance: u(9),
            expires: Expiration::Never {},
        },
        SpenderAllowanceInfo {
            owner: bob.to_string(),
            allowance: u(0),
            expires: Expiration::Never {},
        },
    ];
    expected.sort_by(|a, b| a.owner.cmp(&b.owner));
    assert_eq!(held.allowances, expected);

    // lowering by at least the allowance removes it
    s.exec(
        &alice,
        &ExecuteMsg::DecreaseAllowance {
            spender: bob.to_string(),
            amount: u(1_000),
            expires: None,
        },
        &[],
    )
    .unwrap();
    assert_eq!(allowance(&s, &alice, &bob), AllowanceResponse::default());
    let all: AllAllowancesResponse = s.query(&QueryMsg::AllAllowances {
        owner: alice.to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(all.allowances.len(), 2);
}

#[test]
fn bad_allowance_changes_are_refused_with_what_was_wrong() {
    let (mut s, alice, puller) = setup();
    let past = Expiration::AtHeight(s.app.block_info().height);
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::AllowanceExpirationPassed {
            owner: alice.to_string(),
            spender: puller.to_string(),
            expires: past,
        },
        |s| approve(s, &alice, &puller, 10, Some(past)),
    );
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::AllowanceToSelf {
            owner: alice.to_string(),
        },
        |s| approve(s, &alice, &alice, 10, None),
    );
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::NoAllowance {
            owner: alice.to_string(),
            spender: puller.to_string(),
        },
        |s| {
            s.exec(
                &alice,
                &ExecuteMsg::DecreaseAllowance {
                    spender: puller.to_string(),
                    amount: u(1),
                    expires: None,
                },
                &[],
            )
        },
    );
    // an "unlimited" approval cannot be raised past the largest amount
    approve(&mut s, &alice, &puller, u128::MAX, None).unwrap();
    assert_pull_refused(
        &mut s,
        &alice,
        &puller,
        ContractError::AllowanceOverflow {
            owner: alice.to_string(),
            spender: puller.to_string(),
            allowance: Uint128::MAX,
            increase: u(1),
        },
        |s| approve(s, &alice, &puller, 1, None),
    );
    // and it still lets the puller take what alice holds, no more
    pull(&mut s, &puller, &alice, Some(10_000)).unwrap();
    assert_eq!(
        allowance(&s, &alice, &puller).allowance,
        Uint128::MAX - u(10_000)
    );
}

// ---- what wallets and explorers query -----------------------------------

#[test]
fn wallets_see_the_vault_as_the_uncapped_minter_with_empty_marketing_and_no_logo() {
    let (s, alice, _) = setup();
    let wrap = s.app.wrap();
    let minter: Option<MinterResponse> = wrap
        .query_wasm_smart(&s.vault, &Cw20QueryMsg::Minter {})
        .unwrap();
    assert_eq!(
        minter,
        Some(MinterResponse {
            minter: s.vault.to_string(),
            cap: None,
        })
    );
    let marketing: MarketingInfoResponse = wrap
        .query_wasm_smart(&s.vault, &Cw20QueryMsg::MarketingInfo {})
        .unwrap();
    assert_eq!(marketing, MarketingInfoResponse::default());
    let err = wrap
        .query_wasm_smart::<cw20::DownloadLogoResponse>(&s.vault, &Cw20QueryMsg::DownloadLogo {})
        .unwrap_err();
    let no_logo = ContractError::NoLogo {
        token: s.vault.to_string(),
    };
    assert!(err.to_string().contains(&no_logo.to_string()), "{err}");

    let info: TokenInfoResponse = wrap
        .query_wasm_smart(&s.vault, &Cw20QueryMsg::TokenInfo {})
        .unwrap();
    assert_eq!(info.total_supply, u(11_000));
    let balance: cw20::BalanceResponse = wrap
        .query_wasm_smart(
            &s.vault,
            &Cw20QueryMsg::Balance {
                address: alice.to_string(),
            },
        )
        .unwrap();
    assert_eq!(balance.balance, u(10_000));
}

#[test]
fn holders_cannot_mint_or_burn_shares_nor_change_the_tokens_marketing() {
    let (mut s, alice, puller) = setup();
    approve(&mut s, &alice, &puller, 1_000, None).unwrap();
    let refused = [
        Cw20ExecuteMsg::Burn { amount: u(1) },
        Cw20ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount: u(1),
        },
        Cw20ExecuteMsg::Mint {
            recipient: alice.to_string(),
            amount: u(1),
        },
        Cw20ExecuteMsg::UpdateMinter {
            new_minter: Some(alice.to_string()),
        },
        Cw20ExecuteMsg::UpdateMarketing {
            project: Some("x".into()),
            description: None,
            marketing: None,
        },
        Cw20ExecuteMsg::UploadLogo(cw20::Logo::Url("https://x".into())),
    ];
    let vault = s.vault.clone();
    for msg in refused {
        let sender = if matches!(msg, Cw20ExecuteMsg::BurnFrom { .. }) {
            puller.clone()
        } else {
            alice.clone()
        };
        let before = s.snapshot();
        let err = s
            .app
            .execute_contract(sender, vault.clone(), &msg, &[])
            .unwrap_err();
        assert!(
            format!("{err:#}").contains("unknown variant"),
            "{msg:?}: {err:#}"
        );
        assert_eq!(s.snapshot(), before, "{msg:?} moved value");
    }
    assert_eq!(s.total_shares(), 11_000);
    assert_eq!(allowance(&s, &alice, &puller).allowance, u(1_000));
}
