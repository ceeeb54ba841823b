//! A multi-test harness for the staking contract: builder, verbs, assertions.

#![allow(dead_code)]

use backstop_types::asset::{AssetInfo, AssetInfoUnchecked};
use backstop_types::staking::{
    ExecuteMsg, FundMode, GovMsg, InstantiateMsg, ParamsMsg, QueryMsg, ReceiveMsg,
    RewardAssetsResponse, StakerResponse, TotalsResponse, UnstakeResponse,
};
use cosmwasm_std::{
    coin, to_json_binary, Addr, Binary, Coin, Decimal, Deps, DepsMut, Empty, Env, MessageInfo,
    Response, StdResult, Uint128,
};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use cw_storage_plus::Item;
use staking_rewards::ContractError;
pub use test_support::{cw20_contract, instantiate_cw20};

pub const FEE: &str = "ufee";
pub const START: u128 = 1_000_000_000_000;
pub const UNBONDING: u64 = 14 * 24 * 3600;

pub fn staking_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            staking_rewards::contract::execute,
            staking_rewards::contract::instantiate,
            staking_rewards::contract::query,
        )
        .with_sudo(staking_rewards::contract::sudo)
        .with_migrate(staking_rewards::contract::migrate),
    )
}

/// A contract that records the last cw20 hook it received.
const LAST_HOOK: Item<Cw20ReceiveMsg> = Item::new("last_hook");

pub fn receiver_contract() -> Box<dyn Contract<Empty>> {
    fn execute(
        deps: DepsMut,
        _: Env,
        _: MessageInfo,
        msg: cw20::Cw20ReceiveMsg,
    ) -> StdResult<Response> {
        LAST_HOOK.save(deps.storage, &msg)?;
        Ok(Response::new())
    }
    fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
        Ok(Response::new())
    }
    fn query(deps: Deps, _: Env, _: Empty) -> StdResult<Binary> {
        to_json_binary(&LAST_HOOK.may_load(deps.storage)?)
    }
    #[cosmwasm_schema::cw_serde]
    enum Hook {
        Receive(cw20::Cw20ReceiveMsg),
    }
    Box::new(ContractWrapper::new(
        |d, e, i, m: Hook| match m {
            Hook::Receive(r) => execute(d, e, i, r),
        },
        instantiate,
        query,
    ))
}

pub struct SuiteBuilder {
    params: ParamsMsg,
    stakers: usize,
    restricted_funders: bool,
    balance: u128,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    pub fn new() -> Self {
        Self {
            params: ParamsMsg {
                unbonding_seconds: UNBONDING,
                max_slash_ratio: Decimal::percent(30),
                max_open_unbondings: 5,
                slashers: vec![],
                reward_funders: None,
                guardian: None,
                notice_seconds: None,
                exit_window_seconds: None,
            },
            stakers: 3,
            restricted_funders: false,
            balance: START,
        }
    }

    pub fn stakers(mut self, n: usize) -> Self {
        self.stakers = n;
        self
    }

    pub fn max_slash_ratio(mut self, r: Decimal) -> Self {
        self.params.max_slash_ratio = r;
        self
    }

    pub fn max_open_unbondings(mut self, n: u32) -> Self {
        self.params.max_open_unbondings = n;
        self
    }

    /// What every account holds of each token and coin (default [`START`]).
    pub fn balance(mut self, amount: u128) -> Self {
        self.balance = amount;
        self
    }

    pub fn restricted_funders(mut self) -> Self {
        self.restricted_funders = true;
        self
    }

    pub fn build(mut self) -> Suite {
        let mut app = App::default();
        let api = *app.api();
        let owner = api.addr_make("gov");
        let slasher = api.addr_make("socializer");
        let funder = api.addr_make("fee-collector");
        let guardian = api.addr_make("guardian");
        let outsider = api.addr_make("outsider");
        let users: Vec<Addr> = (0..self.stakers)
            .map(|i| api.addr_make(&format!("staker{i}")))
            .collect();
        let funded: Vec<Addr> = users
            .iter()
            .chain([&funder, &outsider, &owner])
            .cloned()
            .collect();
        app = test_support::funded_app(
            &funded,
            &[coin(self.balance, FEE), coin(self.balance, "uother")],
        );
        let cw20_code = app.store_code(cw20_contract());
        let balance = self.balance;
        let token = |app: &mut App, symbol: &str| {
            instantiate_cw20(app, cw20_code, &owner, symbol, &funded, balance)
        };
        let stake_token = token(&mut app, "BSV");
        let reward_token = token(&mut app, "RWD");
        let fake_token = token(&mut app, "FAK");

        self.params.slashers = vec![slasher.to_string()];
        self.params.guardian = Some(guardian.to_string());
        if self.restricted_funders {
            self.params.reward_funders = Some(vec![funder.to_string()]);
        }
        let code = app.store_code(staking_contract());
        let staking = app
            .instantiate_contract(
                code,
                owner.clone(),
                &InstantiateMsg {
                    owner: owner.to_string(),
                    staking_token: stake_token.to_string(),
                    params: self.params,
                    reward_assets: vec![
                        AssetInfoUnchecked::Native { denom: FEE.into() },
                        AssetInfoUnchecked::Cw20 {
                            address: reward_token.to_string(),
                        },
                    ],
                },
                &[],
                "staking",
                Some(owner.to_string()),
            )
            .unwrap();
        let receiver_code = app.store_code(receiver_contract());
        let receiver = app
            .instantiate_contract(
                receiver_code,
                owner.clone(),
                &Empty {},
                &[],
                "receiver",
                None,
            )
            .unwrap();
        Suite {
            app,
            staking,
            stake_token,
            reward_token,
            fake_token,
            owner,
            slasher,
            funder,
            guardian,
            outsider,
            users,
            receiver,
            code,
        }
    }
}

pub struct Suite {
    pub app: App,
    pub staking: Addr,
    pub stake_token: Addr,
    pub reward_token: Addr,
    pub fake_token: Addr,
    pub owner: Addr,
    pub slasher: Addr,
    pub funder: Addr,
    pub guardian: Addr,
    pub outsider: Addr,
    pub users: Vec<Addr>,
    pub receiver: Addr,
    pub code: u64,
}

/// Every balance the contract can move, plus its totals.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    balances: Vec<u128>,
    totals: TotalsResponse,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reward {
    Native,
    Cw20,
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

    pub fn exec(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> anyhow::Result<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.staking.clone(), msg, funds)
    }

    pub fn send_cw20(
        &mut self,
        token: &Addr,
        from: &Addr,
        amount: u128,
        msg: &ReceiveMsg,
    ) -> anyhow::Result<AppResponse> {
        self.app.execute_contract(
            from.clone(),
            token.clone(),
            &Cw20ExecuteMsg::Send {
                contract: self.staking.to_string(),
                amount: Uint128::new(amount),
                msg: to_json_binary(msg).unwrap(),
            },
            &[],
        )
    }

    pub fn try_stake(&mut self, user: &Addr, amount: u128) -> anyhow::Result<AppResponse> {
        let token = self.stake_token.clone();
        self.send_cw20(&token, user, amount, &ReceiveMsg::Stake {})
    }

    pub fn stake(&mut self, user: &Addr, amount: u128) {
        self.try_stake(user, amount).unwrap();
    }

    pub fn try_unstake(&mut self, user: &Addr, amount: u128) -> anyhow::Result<AppResponse> {
        self.exec(
            user,
            &ExecuteMsg::Unstake {
                amount: Uint128::new(amount),
            },
            &[],
        )
    }

    pub fn unstake(&mut self, user: &Addr, amount: u128) -> UnstakeResponse {
        cosmwasm_std::from_json(self.try_unstake(user, amount).unwrap().data.unwrap()).unwrap()
    }

    pub fn try_claim(&mut self, user: &Addr, id: Option<u64>) -> anyhow::Result<AppResponse> {
        self.exec(user, &ExecuteMsg::Claim { id }, &[])
    }

    pub fn try_claim_rewards(
        &mut self,
        user: &Addr,
        asset: Option<Reward>,
    ) -> anyhow::Result<AppResponse> {
        let asset = asset.map(|r| self.reward_asset(r).into());
        self.exec(user, &ExecuteMsg::ClaimRewards { asset }, &[])
    }

    pub fn reward_asset(&self, r: Reward) -> AssetInfo {
        match r {
            Reward::Native => AssetInfo::Native { denom: FEE.into() },
            Reward::Cw20 => AssetInfo::Cw20 {
                address: self.reward_token.clone(),
            },
        }
    }

    pub fn try_fund(
        &mut self,
        r: Reward,
        amount: u128,
        mode: FundMode,
    ) -> anyhow::Result<AppResponse> {
        let funder = self.funder.clone();
        self.try_fund_from(&funder, r, amount, mode)
    }

    pub fn try_fund_from(
        &mut self,
        funder: &Addr,
        r: Reward,
        amount: u128,
        mode: FundMode,
    ) -> anyhow::Result<AppResponse> {
        match r {
            Reward::Native => self.exec(
                funder,
                &ExecuteMsg::FundRewards { mode },
                &[coin(amount, FEE)],
            ),
            Reward::Cw20 => {
                let token = self.reward_token.clone();
                self.send_cw20(&token, funder, amount, &ReceiveMsg::FundRewards { mode })
            }
        }
    }

    pub fn try_slash(
        &mut self,
        sender: &Addr,
        amount: u128,
        msg: Option<Binary>,
    ) -> anyhow::Result<AppResponse> {
        let recipient = self.receiver.to_string();
        self.exec(
            sender,
            &ExecuteMsg::Slash {
                amount: Uint128::new(amount),
                recipient,
                msg,
            },
            &[],
        )
    }

    pub fn sudo(&mut self, msg: GovMsg) -> anyhow::Result<AppResponse> {
        self.app.wasm_sudo(self.staking.clone(), &msg)
    }

    // ---- reads -----------------------------------------------------------

    pub fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> T {
        self.app
            .wrap()
            .query_wasm_smart(&self.staking, msg)
            .unwrap()
    }

    pub fn staker(&self, user: &Addr) -> StakerResponse {
        self.query(&QueryMsg::Staker {
            address: user.to_string(),
        })
    }

    pub fn pending(&self, user: &Addr, r: Reward) -> u128 {
        let asset = self.reward_asset(r);
        self.staker(user)
            .pending_rewards
            .iter()
            .find(|p| p.asset == asset)
            .map(|p| p.amount.u128())
            .unwrap_or_default()
    }

    pub fn totals(&self) -> TotalsResponse {
        self.query(&QueryMsg::Totals {})
    }

    pub fn reward_assets(&self) -> RewardAssetsResponse {
        self.query(&QueryMsg::RewardAssets {})
    }

    pub fn cw20_balance(&self, token: &Addr, addr: &Addr) -> u128 {
        test_support::cw20_balance(&self.app, token, addr)
    }

    pub fn native_balance(&self, addr: &Addr, denom: &str) -> u128 {
        self.app
            .wrap()
            .query_balance(addr, denom)
            .unwrap()
            .amount
            .u128()
    }

    pub fn reward_balance(&self, r: Reward, addr: &Addr) -> u128 {
        match r {
            Reward::Native => self.native_balance(addr, FEE),
            Reward::Cw20 => self.cw20_balance(&self.reward_token, addr),
        }
    }

    fn holders(&self) -> Vec<Addr> {
        let mut all = self.users.clone();
        all.extend([
            self.staking.clone(),
            self.funder.clone(),
            self.outsider.clone(),
            self.slasher.clone(),
            self.receiver.clone(),
            self.owner.clone(),
        ]);
        all
    }

    pub fn snapshot(&self) -> Snapshot {
        let mut balances = vec![];
        for a in self.holders() {
            balances.push(self.cw20_balance(&self.stake_token, &a));
            balances.push(self.cw20_balance(&self.reward_token, &a));
            balances.push(self.cw20_balance(&self.fake_token, &a));
            balances.push(self.native_balance(&a, FEE));
            balances.push(self.native_balance(&a, "uother"));
        }
        Snapshot {
            balances,
            totals: self.totals(),
        }
    }

    /// Runs `action`, asserts it fails with exactly `expected`, and that no
    /// balance or total moved.
    pub fn assert_rejected(
        &mut self,
        expected: ContractError,
        action: impl FnOnce(&mut Suite) -> anyhow::Result<AppResponse>,
    ) {
        let before = self.snapshot();
        let err = action(self).expect_err("the action should have failed");
        let actual = err
            .downcast_ref::<ContractError>()
            .unwrap_or_else(|| panic!("not a staking ContractError: {err:?}"));
        assert_eq!(actual, &expected);
        assert_eq!(self.snapshot(), before, "a rejected action moved value");
    }

    pub fn last_hook(&self) -> Option<Cw20ReceiveMsg> {
        self.app
            .wrap()
            .query_wasm_smart(&self.receiver, &Empty {})
            .unwrap()
    }
}
