//! Multi-test helpers that the vault, staking and pipeline suites share: a
//! real cw20-base token and the block clock. Each suite keeps its own
//! contract wrappers and verbs; only what is the same everywhere lives here.
//! Test code only: no contract depends on this crate.

use cosmwasm_std::{Addr, Coin, Empty, Uint128};
use cw20::{BalanceResponse, Cw20Coin, Cw20QueryMsg};
use cw_multi_test::{App, AppBuilder, Contract, ContractWrapper, Executor};

/// An app in which each of `accounts` holds `coins` in the bank.
pub fn funded_app(accounts: &[Addr], coins: &[Coin]) -> App {
    AppBuilder::new().build(|router, _, storage| {
        for a in accounts {
            router
                .bank
                .init_balance(storage, a, coins.to_vec())
                .expect("bank balance");
        }
    })
}

/// cw20-base 2.0, as the multi-test contract the suites store.
pub fn cw20_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        cw20_base::contract::execute,
        cw20_base::contract::instantiate,
        cw20_base::contract::query,
    ))
}

/// Instantiates a cw20-base token from `code_id` (6 decimals, no minter)
/// that gives each of `holders` `amount` tokens.
pub fn instantiate_cw20(
    app: &mut App,
    code_id: u64,
    admin: &Addr,
    symbol: &str,
    holders: &[Addr],
    amount: u128,
) -> Addr {
    app.instantiate_contract(
        code_id,
        admin.clone(),
        &cw20_base::msg::InstantiateMsg {
            name: format!("Token {symbol}"),
            symbol: symbol.into(),
            decimals: 6,
            initial_balances: holders
                .iter()
                .map(|a| Cw20Coin {
                    address: a.to_string(),
                    amount: Uint128::new(amount),
                })
                .collect(),
            mint: None,
            marketing: None,
        },
        &[],
        symbol,
        None,
    )
    .expect("cw20-base instantiates")
}

/// `holder`'s balance of the cw20 token (or cw20-compatible share token)
/// at `token`.
pub fn cw20_balance(app: &App, token: &Addr, holder: &Addr) -> u128 {
    let r: BalanceResponse = app
        .wrap()
        .query_wasm_smart(
            token,
            &Cw20QueryMsg::Balance {
                address: holder.to_string(),
            },
        )
        .expect("cw20 balance query");
    r.balance.u128()
}

/// Moves the block clock `seconds` forward, and the height with it.
pub fn advance(app: &mut App, seconds: u64) {
    app.update_block(|b| {
        b.time = b.time.plus_seconds(seconds);
        b.height += seconds / 5 + 1;
    });
}

/// The block time, in seconds.
pub fn now(app: &App) -> u64 {
    app.block_info().time.seconds()
}
