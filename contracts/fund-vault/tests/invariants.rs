//! Property test: random sequences of vault operations keep the accounting
//! exact.

mod suite;

use backstop_types::fund_vault::QueryMsg;
use cosmwasm_std::{Decimal, Uint128};
use proptest::prelude::*;
use suite::{AssetKind, SuiteBuilder};

#[derive(Debug, Clone)]
enum Op {
    Deposit {
        user: usize,
        amount: u128,
    },
    Income {
        amount: u128,
    },
    Unlock {
        user: usize,
        permille: u128,
    },
    Withdraw {
        user: usize,
    },
    Cover {
        amount: u128,
    },
    Transfer {
        from: usize,
        to: usize,
        permille: u128,
    },
    Advance {
        seconds: u64,
    },
    /// A payout of everything down to the floor.
    Drain,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 1u128..5_000_000).prop_map(|(user, amount)| Op::Deposit { user, amount }),
        Just(Op::Drain),
        (1u128..1_000_000).prop_map(|amount| Op::Income { amount }),
        (0..3usize, 1u128..=1_000).prop_map(|(user, permille)| Op::Unlock { user, permille }),
        (0..3usize).prop_map(|user| Op::Withdraw { user }),
        (1u128..3_000_000).prop_map(|amount| Op::Cover { amount }),
        (0..3usize, 0..3usize, 1u128..=1_000).prop_map(|(from, to, permille)| Op::Transfer {
            from,
            to,
            permille
        }),
        (1u64..200_000).prop_map(|seconds| Op::Advance { seconds }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_shares_and_assets_reconciled(ops in prop::collection::vec(op(), 1..40)) {
        let mut s = SuiteBuilder::new(AssetKind::Native)
            .cooldown(100_000)
            .max_payout_fraction(Decimal::percent(60))
            .min_reserve(500)
            .build();
        let vault = s.vault.clone();
        let mut paid_out = 0u128;
        for op in ops {
            match op {
                Op::Deposit { user, amount } => { let u = s.user(user); let _ = s.try_deposit(&u, amount); }
                Op::Income { amount } => { let u = s.user(2); let _ = s.try_add_income(&u, amount); }
                Op::Unlock { user, permille } => {
                    let u = s.user(user);
                    let shares = s.shares(&u) * permille / 1_000;
                    let _ = s.try_unlock(&u, shares);
                }
                Op::Withdraw { user } => {
                    let u = s.user(user);
                    if let Some(r) = s.unlocks(&u).requests.first() { let id = r.id; let _ = s.try_withdraw(&u, id); }
                }
                Op::Drain => {
                    // at this scale a payout of everything stops at 60% (or the floor)
                    let (m, before) = (s.market.clone(), s.total_assets());
                    if s.try_cover(&m, before).is_ok() {
                        paid_out += before - s.total_assets();
                    }
                }
                Op::Cover { amount } => {
                    let m = s.market.clone();
                    let before = s.total_assets();
                    if s.try_cover(&m, amount).is_ok() {
                        let paid = before - s.total_assets();
                        prop_assert!(paid <= amount);
                        paid_out += paid;
                    }
                }
                Op::Transfer { from, to, permille } => {
                    let (f, t) = (s.user(from), s.user(to));
                    let amount = s.shares(&f) * permille / 1_000;
                    let _ = s.exec(&f, &backstop_types::fund_vault::ExecuteMsg::Transfer { recipient: t.to_string(), amount: Uint128::new(amount) }, &[]);
                }
                Op::Advance { seconds } => s.advance(seconds),
            }

            // every share is in some balance: holders, escrow and dead shares
            let accounts: cw20::AllAccountsResponse = s.query(&QueryMsg::AllAccounts { start_after: None, limit: Some(30) });
            let sum: u128 = accounts.accounts.iter().map(|a| s.shares(&cosmwasm_std::Addr::unchecked(a))).sum();
            prop_assert_eq!(sum, s.total_shares());
            // the vault holds at least what it accounts for
            prop_assert!(s.asset_balance(&vault) >= s.total_assets());
            // the price never reaches zero while shares exist
            if s.total_shares() > 0 { prop_assert!(s.total_assets() > 0); }
            // escrow matches open requests
            let escrow: u128 = s.users.clone().iter().map(|u| s.unlocks(u).requests.iter().map(|r| r.shares.u128()).sum::<u128>()).sum();
            let dead = if s.total_shares() > 0 { 1_000 } else { 0 };
            prop_assert_eq!(s.shares(&vault), escrow + dead);
        }
        prop_assert_eq!(s.asset_balance(&s.recipient.clone()), paid_out);
    }
}

/// The same machine at 18-decimal scale, where payouts may take everything
/// down to the floor: share epochs open, and the accounting stays sound.
/// After a rollover the holders' under-one-share remainders stay in the
/// supply, so the balances sum to at most the supply, and to at least the
/// supply less one share per account and rollover.
fn deep_machine(ops: Vec<Op>) -> Result<(), TestCaseError> {
    const UNIT: u128 = 1_000_000_000_000_000_000;
    let mut s = SuiteBuilder::new(AssetKind::Native)
        .cooldown(100_000)
        .max_payout_fraction(Decimal::one())
        .min_reserve(1_000)
        .funds(10u128.pow(35))
        .build();
    let vault = s.vault.clone();
    let mut paid_out = 0u128;
    for op in ops {
        match op {
            Op::Deposit { user, amount } => {
                let u = s.user(user);
                let res = s.try_deposit(&u, amount * UNIT);
                prop_assert!(res.is_ok(), "deposit refused: {:?}", res.err());
            }
            Op::Income { amount } => {
                let u = s.user(2);
                let _ = s.try_add_income(&u, amount);
            }
            Op::Unlock { user, permille } => {
                let u = s.user(user);
                let shares = s.shares(&u) * permille / 1_000;
                let _ = s.try_unlock(&u, shares);
            }
            Op::Withdraw { user } => {
                let u = s.user(user);
                if let Some(r) = s.unlocks(&u).requests.first() {
                    let id = r.id;
                    let _ = s.try_withdraw(&u, id);
                }
            }
            Op::Cover { amount } => {
                let m = s.market.clone();
                let before = s.total_assets();
                if s.try_cover(&m, amount * UNIT).is_ok() {
                    paid_out += before - s.total_assets();
                }
            }
            Op::Drain => {
                let m = s.market.clone();
                let before = s.total_assets();
                if s.try_cover(&m, before).is_ok() {
                    paid_out += before - s.total_assets();
                }
                if s.total_assets() > 0 {
                    prop_assert!(s.total_shares() / s.total_assets() <= 10_000_000);
                }
            }
            Op::Transfer { from, to, permille } => {
                let (f, t) = (s.user(from), s.user(to));
                let amount = s.shares(&f) * permille / 1_000;
                let _ = s.exec(
                    &f,
                    &backstop_types::fund_vault::ExecuteMsg::Transfer {
                        recipient: t.to_string(),
                        amount: Uint128::new(amount),
                    },
                    &[],
                );
            }
            Op::Advance { seconds } => s.advance(seconds),
        }

        let state = backstop_types::fund_vault::STATE
            .query(&s.app.wrap(), vault.clone())
            .unwrap();
        let epochs = u128::from(state.share_epoch);
        let accounts: cw20::AllAccountsResponse = s.query(&QueryMsg::AllAccounts {
            start_after: None,
            limit: Some(30),
        });
        let n = accounts.accounts.len() as u128;
        let sum: u128 = accounts
            .accounts
            .iter()
            .map(|a| s.shares(&cosmwasm_std::Addr::unchecked(a)))
            .sum();
        prop_assert!(sum <= s.total_shares());
        prop_assert!(
            s.total_shares() - sum <= n * epochs,
            "{} unowned",
            s.total_shares() - sum
        );
        prop_assert!(s.asset_balance(&vault) >= s.total_assets());
        if s.total_shares() > 0 {
            prop_assert!(s.total_assets() > 0);
        }
        let escrow: u128 = s
            .users
            .clone()
            .iter()
            .map(|u| {
                s.unlocks(u)
                    .requests
                    .iter()
                    .map(|r| r.shares.u128())
                    .sum::<u128>()
            })
            .sum();
        prop_assert!(s.shares(&vault) >= escrow);
    }
    prop_assert_eq!(s.asset_balance(&s.recipient.clone()), paid_out);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_with_drains_to_the_floor_keep_the_accounting_sound(
        ops in prop::collection::vec(op(), 1..60)
    ) {
        deep_machine(ops)?;
    }
}
