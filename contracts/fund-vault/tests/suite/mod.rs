//! A multi-test harness for the vault: a builder, verbs, and assertions.

#![allow(dead_code)]

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::fund_vault::{
    ClaimantLimits, ClaimantMsg, ClaimantResponse, CoverShortfallResponse, ExecuteMsg, GovMsg,
    InstantiateMsg, Params, ParamsMsg, QueryMsg, ReceiveMsg, SharePriceResponse, ShareTokenInfo,
    UnlockRequestsResponse, UnlockResponse,
};
use cosmwasm_std::{coin, from_json, to_json_binary, Addr, Coin, Decimal, Empty, Uint128};
use cw20::{BalanceResponse, Cw20ExecuteMsg};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use fund_vault::ContractError;
pub use test_support::{cw20_contract, instantiate_cw20};

pub const DENOM: &str = "uusdc";
pub const START: u128 = 1_000_000_000;

pub fn vault_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            fund_vault::contract::execute,
            fund_vault::contract::instantiate,
            fund_vault::contract::query,
        )
        .with_sudo(fund_vault::contract::sudo)
        .with_migrate(fund_vault::contract::migrate),
    )
}

/// The test-only cw20 consumer that pulls shares with `TransferFrom`.
pub fn puller_contract() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        share_puller::execute,
        share_puller::instantiate,
        share_puller::query,
    ))
}

/// A stand-in for the loss socializer: it issues draw tickets, which the
/// vault reads raw from its storage before a slash hook may draw.
pub fn ticket_issuer_contract() -> Box<dyn Contract<Empty>> {
    use backstop_types::socializer::{DrawTicket, DRAW_TICKET};
    use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
    fn execute(deps: DepsMut, env: Env, _: MessageInfo, cover: Uint128) -> StdResult<Response> {
        let nonce = DRAW_TICKET.may_load(deps.storage)?.map_or(0, |t| t.nonce) + 1;
        let ticket = DrawTicket {
            nonce,
            cover,
            height: env.block.height,
        };
        DRAW_TICKET.save(deps.storage, &ticket)?;
        Ok(Response::new())
    }
    fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    fn query(_: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        Ok(Binary::default())
    }
    Box::new(ContractWrapper::new(execute, instantiate, query))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssetKind {
    Native,
    Cw20,
}

pub struct SuiteBuilder {
    kind: AssetKind,
    params: ParamsMsg,
    claimant_limits: ClaimantLimits,
    with_guardian: bool,
    funds: u128,
}

impl SuiteBuilder {
    pub fn new(kind: AssetKind) -> Self {
        Self {
            kind,
            params: ParamsMsg {
                cooldown_seconds: 7 * 24 * 3600,
                exit_window_seconds: 2 * 24 * 3600,
                max_open_unlocks: 3,
                max_payout_fraction: Decimal::percent(50),
                min_reserve: Uint128::new(1_000),
                notice_seconds: None,
            },
            claimant_limits: ClaimantLimits {
                lifetime_cap: Uint128::new(u128::MAX),
                window_cap: Uint128::new(u128::MAX),
                window_seconds: 24 * 3600,
            },
            with_guardian: true,
            funds: START,
        }
    }

    /// What every account starts with, in the asset (for 18-decimal scales).
    pub fn funds(mut self, funds: u128) -> Self {
        self.funds = funds;
        self
    }

    pub fn cooldown(mut self, seconds: u64) -> Self {
        self.params.cooldown_seconds = seconds;
        self
    }

    pub fn max_open_unlocks(mut self, n: u32) -> Self {
        self.params.max_open_unlocks = n;
        self
    }

    pub fn max_payout_fraction(mut self, f: Decimal) -> Self {
        self.params.max_payout_fraction = f;
        self
    }

    pub fn min_reserve(mut self, r: u128) -> Self {
        self.params.min_reserve = Uint128::new(r);
        self
    }

    pub fn claimant_limits(
        mut self,
        lifetime_cap: u128,
        window_cap: u128,
        window_seconds: u64,
    ) -> Self {
        self.claimant_limits = ClaimantLimits {
            lifetime_cap: Uint128::new(lifetime_cap),
            window_cap: Uint128::new(window_cap),
            window_seconds,
        };
        self
    }

    pub fn build(self) -> Suite {
        let mut app = App::default();
        let api = *app.api();
        let owner = api.addr_make("gov");
        let guardian = api.addr_make("guardian");
        let market = api.addr_make("market");
        let users: Vec<Addr> = ["alice", "bob", "carol"]
            .iter()
            .map(|n| api.addr_make(n))
            .collect();
        let outsider = api.addr_make("outsider");
        let recipient = api.addr_make("market-recipient");

        let funded: Vec<Addr> = users.iter().chain([&outsider, &market]).cloned().collect();
        let start = self.funds;
        app = test_support::funded_app(&funded, &[coin(start, DENOM), coin(start, "uother")]);

        let vault_code = app.store_code(vault_contract());
        let cw20_code = app.store_code(cw20_contract());
        let token = instantiate_cw20(&mut app, cw20_code, &owner, "TKN", &funded, start);
        let fake_token = instantiate_cw20(&mut app, cw20_code, &owner, "FAK", &funded, start);

        let asset = match self.kind {
            AssetKind::Native => AssetInfoUnchecked::Native {
                denom: DENOM.into(),
            },
            AssetKind::Cw20 => AssetInfoUnchecked::Cw20 {
                address: token.to_string(),
            },
        };
        let vault = app
            .instantiate_contract(
                vault_code,
                owner.clone(),
                &InstantiateMsg {
                    owner: owner.to_string(),
                    asset,
                    share_token: ShareTokenInfo {
                        name: "Backstop USDC shares".into(),
                        symbol: "bsUSDC".into(),
                        decimals: 6,
                    },
                    params: self.params,
                    guardian: self.with_guardian.then(|| guardian.to_string()),
                    claimants: vec![ClaimantMsg {
                        address: market.to_string(),
                        limits: self.claimant_limits,
                    }],
                    slash_sources: vec![],
                    slash_claimant: None,
                },
                &[],
                "vault",
                Some(owner.to_string()),
            )
            .unwrap();

        let issuer_code = app.store_code(ticket_issuer_contract());
        let issuer = app
            .instantiate_contract(issuer_code, owner.clone(), &Empty {}, &[], "issuer", None)
            .unwrap();
        Suite {
            app,
            issuer,
            kind: self.kind,
            vault,
            token,
            fake_token,
            owner,
            guardian,
            market,
            recipient,
            users,
            outsider,
            vault_code,
            watched: vec![],
        }
    }
}

pub struct Suite {
    pub app: App,
    pub kind: AssetKind,
    pub vault: Addr,
    pub token: Addr,
    pub fake_token: Addr,
    pub owner: Addr,
    pub guardian: Addr,
    pub market: Addr,
    pub recipient: Addr,
    pub users: Vec<Addr>,
    pub outsider: Addr,
    pub vault_code: u64,
    /// A socializer stand-in that issues draw tickets.
    pub issuer: Addr,
    /// More addresses whose balances snapshots include (the share pullers).
    pub watched: Vec<Addr>,
}

/// Everything that holds value, for "nothing moved" assertions.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    asset_balances: Vec<Uint128>,
    share_balances: Vec<Uint128>,
    total_assets: Uint128,
    total_shares: Uint128,
}

impl Suite {
    pub fn user(&self, i: usize) -> Addr {
        self.users[i].clone()
    }

    pub fn advance(&mut self, seconds: u64) {
        test_support::advance(&mut self.app, seconds);
    }

    pub fn now(&self) -> u64 {
        test_support::now(&self.app)
    }

    // ---- verbs -----------------------------------------------------------

    pub fn exec(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> anyhow::Result<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.vault.clone(), msg, funds)
    }

    /// Deposits in the vault's asset, through funds or the cw20 hook.
    pub fn try_deposit_with(
        &mut self,
        user: &Addr,
        amount: u128,
        min_shares: Option<u128>,
        recipient: Option<&Addr>,
    ) -> anyhow::Result<AppResponse> {
        let min_shares = min_shares.map(Uint128::new);
        let recipient = recipient.map(|r| r.to_string());
        match self.kind {
            AssetKind::Native => self.exec(
                user,
                &ExecuteMsg::Deposit {
                    recipient,
                    min_shares,
                },
                &[coin(amount, DENOM)],
            ),
            AssetKind::Cw20 => self.send_token(
                user,
                &self.token.clone(),
                amount,
                &ReceiveMsg::Deposit {
                    recipient,
                    min_shares,
                },
            ),
        }
    }

    pub fn try_deposit(&mut self, user: &Addr, amount: u128) -> anyhow::Result<AppResponse> {
        self.try_deposit_with(user, amount, None, None)
    }

    pub fn deposit(&mut self, user: &Addr, amount: u128) -> Uint128 {
        let res = self.try_deposit(user, amount).unwrap();
        // cw20 `Send` does not forward the hook's data, so read the event
        backstop_types::fund_vault::DepositEvent::find(&res.events)
            .expect("deposit event")
            .shares
    }

    pub fn try_add_income(&mut self, from: &Addr, amount: u128) -> anyhow::Result<AppResponse> {
        match self.kind {
            AssetKind::Native => self.exec(from, &ExecuteMsg::AddIncome {}, &[coin(amount, DENOM)]),
            AssetKind::Cw20 => {
                self.send_token(from, &self.token.clone(), amount, &ReceiveMsg::AddIncome {})
            }
        }
    }

    pub fn send_token(
        &mut self,
        from: &Addr,
        token: &Addr,
        amount: u128,
        msg: &ReceiveMsg,
    ) -> anyhow::Result<AppResponse> {
        self.app.execute_contract(
            from.clone(),
            token.clone(),
            &Cw20ExecuteMsg::Send {
                contract: self.vault.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(msg).unwrap(),
            },
            &[],
        )
    }

    /// Sends the asset to the vault's address outside any message.
    pub fn donate(&mut self, from: &Addr, amount: u128) {
        match self.kind {
            AssetKind::Native => {
                self.app
                    .send_tokens(from.clone(), self.vault.clone(), &[coin(amount, DENOM)])
                    .unwrap();
            }
            AssetKind::Cw20 => {
                self.app
                    .execute_contract(
                        from.clone(),
                        self.token.clone(),
                        &Cw20ExecuteMsg::Transfer {
                            recipient: self.vault.to_string(),
                            amount: Uint128::new(amount),
                        },
                        &[],
                    )
                    .unwrap();
            }
        }
    }

    pub fn try_unlock(&mut self, user: &Addr, shares: u128) -> anyhow::Result<AppResponse> {
        self.exec(
            user,
            &ExecuteMsg::Unlock {
                shares: Uint128::new(shares),
            },
            &[],
        )
    }

    pub fn unlock(&mut self, user: &Addr, shares: u128) -> UnlockResponse {
        from_json(self.try_unlock(user, shares).unwrap().data.unwrap()).unwrap()
    }

    pub fn try_withdraw(&mut self, user: &Addr, id: u64) -> anyhow::Result<AppResponse> {
        self.exec(
            user,
            &ExecuteMsg::WithdrawUnlocked {
                id,
                recipient: None,
            },
            &[],
        )
    }

    pub fn try_cover(&mut self, claimant: &Addr, amount: u128) -> anyhow::Result<AppResponse> {
        let recipient = self.recipient.to_string();
        self.exec(
            claimant,
            &ExecuteMsg::CoverShortfall {
                amount: Uint128::new(amount),
                recipient,
            },
            &[],
        )
    }

    pub fn cover(&mut self, amount: u128) -> CoverShortfallResponse {
        let market = self.market.clone();
        from_json(self.try_cover(&market, amount).unwrap().data.unwrap()).unwrap()
    }

    /// Has the socializer stand-in authorize a slash hook's draw of `cover`
    /// in this block.
    pub fn issue_ticket(&mut self, cover: u128) {
        let (owner, issuer) = (self.owner.clone(), self.issuer.clone());
        self.app
            .execute_contract(owner, issuer, &Uint128::new(cover), &[])
            .unwrap();
    }

    pub fn try_gov(&mut self, sender: &Addr, msg: GovMsg) -> anyhow::Result<AppResponse> {
        self.exec(sender, &ExecuteMsg::Owner(msg), &[])
    }

    /// Deploys a share puller (`testing/share-puller`) over the vault's
    /// shares, watched by every snapshot.
    pub fn deploy_puller(&mut self, label: &str) -> Addr {
        let code = self.app.store_code(puller_contract());
        let puller = self
            .app
            .instantiate_contract(
                code,
                self.owner.clone(),
                &share_puller::InstantiateMsg {
                    token: self.vault.to_string(),
                },
                &[],
                label,
                None,
            )
            .unwrap();
        self.watched.push(puller.clone());
        puller
    }

    pub fn sudo(&mut self, msg: GovMsg) -> anyhow::Result<AppResponse> {
        self.app.wasm_sudo(self.vault.clone(), &msg)
    }

    // ---- reads -----------------------------------------------------------

    pub fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app.wrap().query_wasm_smart(&self.vault, msg).unwrap()
    }

    pub fn asset_balance(&self, addr: &Addr) -> u128 {
        match self.kind {
            AssetKind::Native => self
                .app
                .wrap()
                .query_balance(addr, DENOM)
                .unwrap()
                .amount
                .u128(),
            AssetKind::Cw20 => self.cw20_balance(&self.token, addr),
        }
    }

    pub fn cw20_balance(&self, token: &Addr, addr: &Addr) -> u128 {
        test_support::cw20_balance(&self.app, token, addr)
    }

    pub fn shares(&self, addr: &Addr) -> u128 {
        let r: BalanceResponse = self.query(&QueryMsg::Balance {
            address: addr.to_string(),
        });
        r.balance.u128()
    }

    pub fn price(&self) -> SharePriceResponse {
        self.query(&QueryMsg::SharePrice {})
    }

    pub fn total_assets(&self) -> u128 {
        self.query::<Uint128>(&QueryMsg::TotalAssets {}).u128()
    }

    pub fn total_shares(&self) -> u128 {
        self.query::<Uint128>(&QueryMsg::TotalShares {}).u128()
    }

    pub fn params(&self) -> Params {
        self.query(&QueryMsg::Params {})
    }

    pub fn claimant(&self, addr: &Addr) -> ClaimantResponse {
        self.query(&QueryMsg::Claimant {
            address: addr.to_string(),
        })
    }

    pub fn unlocks(&self, owner: &Addr) -> UnlockRequestsResponse {
        self.query(&QueryMsg::UnlockRequests {
            owner: owner.to_string(),
            start_after: None,
            limit: None,
        })
    }

    fn holders(&self) -> Vec<Addr> {
        let mut all = self.users.clone();
        all.extend([
            self.outsider.clone(),
            self.market.clone(),
            self.recipient.clone(),
            self.vault.clone(),
            self.owner.clone(),
            self.guardian.clone(),
        ]);
        all.extend(self.watched.iter().cloned());
        all
    }

    pub fn snapshot(&self) -> Snapshot {
        let holders = self.holders();
        let mut asset_balances: Vec<Uint128> = holders
            .iter()
            .map(|a| Uint128::new(self.asset_balance(a)))
            .collect();
        asset_balances.extend(
            holders
                .iter()
                .map(|a| self.app.wrap().query_balance(a, "uother").unwrap().amount),
        );
        asset_balances.extend(
            holders
                .iter()
                .map(|a| Uint128::new(self.cw20_balance(&self.fake_token, a))),
        );
        Snapshot {
            asset_balances,
            share_balances: holders
                .iter()
                .map(|a| Uint128::new(self.shares(a)))
                .collect(),
            total_assets: Uint128::new(self.total_assets()),
            total_shares: Uint128::new(self.total_shares()),
        }
    }

    /// Runs `action`, asserts it fails with exactly `expected`, and that no
    /// balance, share or total moved.
    pub fn assert_rejected(
        &mut self,
        expected: ContractError,
        action: impl FnOnce(&mut Suite) -> anyhow::Result<AppResponse>,
    ) {
        let before = self.snapshot();
        let err = action(self).expect_err("the action should have failed");
        let actual = err
            .downcast_ref::<ContractError>()
            .unwrap_or_else(|| panic!("not a vault ContractError: {err:?}"));
        assert_eq!(actual, &expected);
        assert_eq!(self.snapshot(), before, "a rejected action moved value");
    }
}
