//! The whole pipeline on cw-multi-test: asset (native or cw20-base), fund
//! vault, staking over vault shares, loss socializer and a test exchange.

#![allow(dead_code)]

use backstop_types::asset::{AssetInfo, AssetInfoUnchecked};
use backstop_types::fund_vault::{self, ClaimantLimits, ClaimantMsg};
use backstop_types::socializer::{self, Layer, MarketMsg, ShortfallEvent, ShortfallOutcome};
use backstop_types::staking;
use cosmwasm_std::{coin, to_json_binary, Addr, Decimal, Empty, Uint128};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
pub use test_support::{cw20_contract, instantiate_cw20};

pub const DENOM: &str = "uusdc";
pub const START: u128 = 1_000_000_000_000;
pub const WEEK: u64 = 7 * 24 * 3600;
pub const MARKET: &str = "btc-perp";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetKind {
    Native,
    Cw20,
}

fn vault_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            ::fund_vault::contract::execute,
            ::fund_vault::contract::instantiate,
            ::fund_vault::contract::query,
        )
        .with_sudo(::fund_vault::contract::sudo),
    )
}

pub fn staking_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            staking_rewards::contract::execute,
            staking_rewards::contract::instantiate,
            staking_rewards::contract::query,
        )
        .with_sudo(staking_rewards::contract::sudo),
    )
}

pub fn socializer_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            loss_socializer::contract::execute,
            loss_socializer::contract::instantiate,
            loss_socializer::contract::query,
        )
        .with_sudo(loss_socializer::contract::sudo),
    )
}

fn exchange_contract() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            test_exchange::execute,
            test_exchange::instantiate,
            test_exchange::query,
        )
        .with_reply(test_exchange::reply),
    )
}

pub fn default_layers() -> Vec<Layer> {
    vec![
        Layer::StakerSlash {
            max_ratio: Decimal::percent(50),
        },
        Layer::Vault {
            max_fraction: Decimal::percent(50),
        },
        Layer::TraderProfitHaircut {
            max_ratio: Decimal::percent(20),
        },
        Layer::LpHaircut {
            max_ratio: Decimal::percent(10),
        },
    ]
}

pub struct PipelineBuilder {
    pub kind: AssetKind,
    pub layers: Vec<Layer>,
    pub stakes: Vec<u128>,
    pub underwriting: u128,
    pub positions: Vec<u128>,
    pub lp_pool: u128,
    pub socializer_limits: ClaimantLimits,
    /// Whether the vault links the socializer as its slash claimant, so the
    /// vault layer rides on the slash hook.
    pub hook_covers: bool,
    /// Market budgets, windows and overall caps.
    pub limits: socializer::RiskLimits,
    /// Every market's exposure ceiling (and first declared exposure).
    pub exposure_ceiling: u128,
}

impl PipelineBuilder {
    pub fn new(kind: AssetKind) -> Self {
        Self {
            kind,
            layers: default_layers(),
            stakes: vec![10_000, 30_000],
            underwriting: 160_000,
            positions: vec![40_000, 60_000],
            lp_pool: 500_000,
            socializer_limits: ClaimantLimits {
                lifetime_cap: Uint128::MAX,
                window_cap: Uint128::MAX,
                window_seconds: 24 * 3600,
            },
            hook_covers: true,
            limits: socializer::RiskLimits::unlimited(),
            exposure_ceiling: u128::MAX,
        }
    }

    /// Market budgets, windows and overall caps.
    pub fn limits(mut self, limits: socializer::RiskLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Every market's exposure ceiling.
    pub fn exposure_ceiling(mut self, ceiling: u128) -> Self {
        self.exposure_ceiling = ceiling;
        self
    }

    /// The vault does not link the socializer to its slash hook: the vault
    /// layer is a separate `CoverShortfall`.
    pub fn without_hook_cover(mut self) -> Self {
        self.hook_covers = false;
        self
    }

    /// The socializer's claimant window at the vault: at most `cap` a day.
    pub fn window_cap(mut self, cap: u128) -> Self {
        self.socializer_limits.window_cap = Uint128::new(cap);
        self
    }

    pub fn layers(mut self, layers: Vec<Layer>) -> Self {
        self.layers = layers;
        self
    }

    pub fn stakes(mut self, stakes: Vec<u128>) -> Self {
        self.stakes = stakes;
        self
    }

    pub fn underwriting(mut self, amount: u128) -> Self {
        self.underwriting = amount;
        self
    }

    pub fn positions(mut self, profits: Vec<u128>) -> Self {
        self.positions = profits;
        self
    }

    pub fn lp_pool(mut self, value: u128) -> Self {
        self.lp_pool = value;
        self
    }

    pub fn build(self) -> Pipeline {
        let mut app = App::default();
        let api = *app.api();
        let gov = api.addr_make("gov");
        let lps: Vec<Addr> = (0..self.stakes.len())
            .map(|i| api.addr_make(&format!("lp{i}")))
            .collect();
        let traders: Vec<Addr> = (0..self.positions.len())
            .map(|i| api.addr_make(&format!("trader{i}")))
            .collect();
        let underwriter = api.addr_make("underwriter");
        let outsider = api.addr_make("outsider");
        let recoverer = api.addr_make("recoverer");
        let treasury = api.addr_make("treasury");
        let funded: Vec<Addr> = lps
            .iter()
            .chain([&underwriter, &outsider, &recoverer, &treasury])
            .cloned()
            .collect();
        app = test_support::funded_app(&funded, &[coin(START, DENOM), coin(START, "uother")]);

        let token = match self.kind {
            AssetKind::Native => None,
            AssetKind::Cw20 => {
                let code = app.store_code(cw20_contract());
                Some(instantiate_cw20(
                    &mut app, code, &gov, "USDC", &funded, START,
                ))
            }
        };
        let (asset, asset_msg) = match &token {
            None => (
                AssetInfo::Native {
                    denom: DENOM.into(),
                },
                AssetInfoUnchecked::Native {
                    denom: DENOM.into(),
                },
            ),
            Some(t) => (
                AssetInfo::Cw20 { address: t.clone() },
                AssetInfoUnchecked::Cw20 {
                    address: t.to_string(),
                },
            ),
        };

        let vault_code = app.store_code(vault_contract());
        let vault = app
            .instantiate_contract(
                vault_code,
                gov.clone(),
                &fund_vault::InstantiateMsg {
                    owner: gov.to_string(),
                    asset: asset_msg,
                    share_token: fund_vault::ShareTokenInfo {
                        name: "Backstop USDC".into(),
                        symbol: "bsUSDC".into(),
                        decimals: 6,
                    },
                    params: fund_vault::ParamsMsg {
                        cooldown_seconds: WEEK,
                        exit_window_seconds: 2 * 24 * 3600,
                        max_open_unlocks: 5,
                        max_payout_fraction: Decimal::one(),
                        min_reserve: Uint128::new(1_000),
                        notice_seconds: None,
                    },
                    guardian: None,
                    claimants: vec![],
                    slash_sources: vec![],
                    slash_claimant: None,
                },
                &[],
                "vault",
                None,
            )
            .unwrap();
        let staking_code = app.store_code(staking_contract());
        let staking_addr = app
            .instantiate_contract(
                staking_code,
                gov.clone(),
                &staking::InstantiateMsg {
                    owner: gov.to_string(),
                    staking_token: vault.to_string(),
                    params: staking::ParamsMsg {
                        unbonding_seconds: WEEK,
                        max_slash_ratio: Decimal::percent(50),
                        max_open_unbondings: 5,
                        exit_window_seconds: None,
                        slashers: vec![],
                        reward_funders: None,
                        guardian: None,
                        notice_seconds: None,
                    },
                    reward_assets: vec![],
                },
                &[],
                "staking",
                None,
            )
            .unwrap();
        let socializer_code = app.store_code(socializer_contract());
        let socializer = app
            .instantiate_contract(
                socializer_code,
                gov.clone(),
                &socializer::InstantiateMsg {
                    owner: gov.to_string(),
                    vault: vault.to_string(),
                    staking: Some(staking_addr.to_string()),
                    layers: self.layers,
                    timelock_seconds: WEEK,
                    limits: self.limits,
                    markets: vec![],
                },
                &[],
                "socializer",
                None,
            )
            .unwrap();
        let exchange_code = app.store_code(exchange_contract());
        let exchange = app
            .instantiate_contract(
                exchange_code,
                gov.clone(),
                &test_exchange::InstantiateMsg {
                    socializer: socializer.to_string(),
                    market_id: MARKET.into(),
                    asset: asset.clone(),
                },
                &[],
                "exchange",
                None,
            )
            .unwrap();

        // governance wires the pipeline
        app.wasm_sudo(
            socializer.clone(),
            &socializer::GovMsg::SetMarket(MarketMsg {
                id: MARKET.into(),
                reporter: exchange.to_string(),
                recipient: exchange.to_string(),
                exposure_ceiling: Uint128::new(self.exposure_ceiling),
                limits: None,
            }),
        )
        .unwrap();
        app.wasm_sudo(
            staking_addr.clone(),
            &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                slashers: Some(vec![socializer.to_string()]),
                ..Default::default()
            }),
        )
        .unwrap();
        app.wasm_sudo(
            vault.clone(),
            &fund_vault::GovMsg::SetClaimant(ClaimantMsg {
                address: socializer.to_string(),
                limits: self.socializer_limits,
            }),
        )
        .unwrap();
        app.wasm_sudo(
            vault.clone(),
            &fund_vault::GovMsg::SetSlashSources {
                addresses: vec![staking_addr.to_string()],
                claimant: self.hook_covers.then(|| socializer.to_string()),
            },
        )
        .unwrap();

        let mut p = Pipeline {
            app,
            kind: self.kind,
            token,
            vault,
            staking: staking_addr,
            socializer,
            exchange,
            gov,
            lps,
            traders,
            underwriter,
            outsider,
            recoverer,
            treasury,
            last_report_calls: vec![],
        };
        // underwriting first: its dead shares make the LPs' shares 1:1
        let underwriter = p.underwriter.clone();
        p.deposit(&underwriter, self.underwriting);
        for (lp, amount) in p.lps.clone().iter().zip(self.stakes) {
            p.deposit(lp, amount);
            p.stake(lp, amount);
        }
        let treasury = p.treasury.clone();
        let exchange = p.exchange.clone();
        p.transfer_asset(&treasury, &exchange, 10_000_000);
        for (t, profit) in p.traders.clone().iter().zip(self.positions) {
            p.exchange_exec(&test_exchange::ExecuteMsg::OpenPosition {
                trader: t.to_string(),
                profit: Uint128::new(profit),
            })
            .unwrap();
        }
        p.exchange_exec(&test_exchange::ExecuteMsg::SetLpPool {
            value: Uint128::new(self.lp_pool),
        })
        .unwrap();
        p
    }
}

pub struct Pipeline {
    pub app: App,
    pub kind: AssetKind,
    pub token: Option<Addr>,
    pub vault: Addr,
    pub staking: Addr,
    pub socializer: Addr,
    pub exchange: Addr,
    pub gov: Addr,
    pub lps: Vec<Addr>,
    pub traders: Vec<Addr>,
    pub underwriter: Addr,
    pub outsider: Addr,
    pub recoverer: Addr,
    pub treasury: Addr,
    /// The suite's contracts executed by the last report, in order.
    pub last_report_calls: Vec<&'static str>,
}

/// Every balance that can move, for conservation and "nothing moved" checks.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Balances {
    pub assets: Vec<(String, u128)>,
    pub shares: Vec<(String, u128)>,
    pub vault_assets: u128,
    pub vault_shares: u128,
    pub staked_tokens: u128,
}

impl Pipeline {
    pub fn advance(&mut self, seconds: u64) {
        test_support::advance(&mut self.app, seconds);
    }

    pub fn now(&self) -> u64 {
        test_support::now(&self.app)
    }

    pub fn deposit(&mut self, who: &Addr, amount: u128) {
        let msg = fund_vault::ExecuteMsg::Deposit {
            recipient: None,
            min_shares: None,
        };
        match &self.token {
            None => {
                self.app
                    .execute_contract(
                        who.clone(),
                        self.vault.clone(),
                        &msg,
                        &[coin(amount, DENOM)],
                    )
                    .unwrap();
            }
            Some(t) => {
                self.app
                    .execute_contract(
                        who.clone(),
                        t.clone(),
                        &Cw20ExecuteMsg::Send {
                            contract: self.vault.to_string(),
                            amount: Uint128::new(amount),
                            msg: to_json_binary(&fund_vault::ReceiveMsg::Deposit {
                                recipient: None,
                                min_shares: None,
                            })
                            .unwrap(),
                        },
                        &[],
                    )
                    .unwrap();
            }
        }
    }

    pub fn stake(&mut self, who: &Addr, shares: u128) {
        self.app
            .execute_contract(
                who.clone(),
                self.vault.clone(),
                &fund_vault::ExecuteMsg::Send {
                    contract: self.staking.to_string(),
                    amount: Uint128::new(shares),
                    msg: to_json_binary(&staking::ReceiveMsg::Stake {}).unwrap(),
                },
                &[],
            )
            .unwrap();
    }

    pub fn transfer_asset(&mut self, from: &Addr, to: &Addr, amount: u128) {
        match &self.token {
            None => {
                self.app
                    .send_tokens(from.clone(), to.clone(), &[coin(amount, DENOM)])
                    .unwrap();
            }
            Some(t) => {
                self.app
                    .execute_contract(
                        from.clone(),
                        t.clone(),
                        &Cw20ExecuteMsg::Transfer {
                            recipient: to.to_string(),
                            amount: Uint128::new(amount),
                        },
                        &[],
                    )
                    .unwrap();
            }
        }
    }

    pub fn exchange_exec(
        &mut self,
        msg: &test_exchange::ExecuteMsg,
    ) -> anyhow::Result<AppResponse> {
        let gov = self.gov.clone();
        self.app
            .execute_contract(gov, self.exchange.clone(), msg, &[])
    }

    /// Registers a second market, `id`, served by a new test exchange with
    /// the treasury's float; returns the exchange.
    pub fn add_market(&mut self, id: &str) -> Addr {
        let code = self.app.store_code(exchange_contract());
        let asset = match &self.token {
            None => AssetInfo::Native {
                denom: DENOM.into(),
            },
            Some(t) => AssetInfo::Cw20 { address: t.clone() },
        };
        let exchange = self
            .app
            .instantiate_contract(
                code,
                self.gov.clone(),
                &test_exchange::InstantiateMsg {
                    socializer: self.socializer.to_string(),
                    market_id: id.into(),
                    asset,
                },
                &[],
                id,
                None,
            )
            .unwrap();
        let exposure_ceiling = self.market().exposure_ceiling;
        self.sudo_socializer(socializer::GovMsg::SetMarket(MarketMsg {
            id: id.into(),
            reporter: exchange.to_string(),
            recipient: exchange.to_string(),
            exposure_ceiling,
            limits: None,
        }))
        .unwrap();
        let treasury = self.treasury.clone();
        self.transfer_asset(&treasury, &exchange, 1_000_000);
        exchange
    }

    /// `exchange` (any market's) reports a loss of `amount`.
    pub fn report_for(&mut self, exchange: &Addr, amount: u128) -> anyhow::Result<AppResponse> {
        let gov = self.gov.clone();
        self.app.execute_contract(
            gov,
            exchange.clone(),
            &test_exchange::ExecuteMsg::ReportLoss {
                amount: Uint128::new(amount),
                report_id: None,
            },
            &[],
        )
    }

    /// The exchange reports a loss; returns the outcome it read from the reply.
    pub fn try_report(
        &mut self,
        amount: u128,
    ) -> anyhow::Result<(ShortfallOutcome, ShortfallEvent)> {
        let res = self.exchange_exec(&test_exchange::ExecuteMsg::ReportLoss {
            amount: Uint128::new(amount),
            report_id: None,
        })?;
        let event = ShortfallEvent::find(&res.events).expect("one shortfall event");
        self.last_report_calls = self.backstop_executions(&res.events);
        let events = res
            .events
            .iter()
            .filter(|e| ShortfallEvent::try_from(*e).is_ok())
            .count();
        assert_eq!(events, 1, "exactly one structured event per shortfall");
        let outcome: Option<ShortfallOutcome> = self
            .app
            .wrap()
            .query_wasm_smart(&self.exchange, &test_exchange::QueryMsg::LastOutcome {})
            .unwrap();
        Ok((outcome.expect("the exchange read the outcome"), event))
    }

    /// Which of the socializer, staking contract and vault `events` show
    /// executing, in order (multi-test emits one `execute` event per
    /// contract execution).
    fn backstop_executions(&self, events: &[cosmwasm_std::Event]) -> Vec<&'static str> {
        events
            .iter()
            .filter(|e| e.ty == "execute")
            .filter_map(|e| {
                let addr = e.attributes.iter().find(|a| a.key == "_contract_address")?;
                [
                    (&self.socializer, "socializer"),
                    (&self.staking, "staking"),
                    (&self.vault, "vault"),
                ]
                .into_iter()
                .find(|(c, _)| c.as_str() == addr.value)
                .map(|(_, name)| name)
            })
            .collect()
    }

    pub fn report(&mut self, amount: u128) -> ShortfallOutcome {
        self.try_report(amount).unwrap().0
    }

    pub fn pool(&self) -> test_exchange::Pool {
        self.app
            .wrap()
            .query_wasm_smart(&self.exchange, &test_exchange::QueryMsg::Pool {})
            .unwrap()
    }

    pub fn simulate(&self, amount: u128) -> ShortfallOutcome {
        let pool = self.pool();
        self.app
            .wrap()
            .query_wasm_smart(
                &self.socializer,
                &socializer::QueryMsg::SimulateShortfall {
                    market_id: MARKET.into(),
                    amount: Uint128::new(amount),
                    total_profit: pool.total_profit,
                    lp_pool_value: pool.lp_pool_value,
                },
            )
            .unwrap()
    }

    pub fn market(&self) -> socializer::Market {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.socializer,
                &socializer::QueryMsg::Market { id: MARKET.into() },
            )
            .unwrap()
    }

    pub fn waterfall(&self) -> socializer::Waterfall {
        self.app
            .wrap()
            .query_wasm_smart(&self.socializer, &socializer::QueryMsg::Waterfall {})
            .unwrap()
    }

    pub fn position(&self, trader: &Addr) -> test_exchange::PositionView {
        self.app
            .wrap()
            .query_wasm_smart(
                &self.exchange,
                &test_exchange::QueryMsg::Position {
                    trader: trader.to_string(),
                },
            )
            .unwrap()
    }

    pub fn sudo_socializer(&mut self, msg: socializer::GovMsg) -> anyhow::Result<AppResponse> {
        self.app.wasm_sudo(self.socializer.clone(), &msg)
    }

    pub fn recover(&mut self, amount: u128) -> anyhow::Result<AppResponse> {
        let from = self.recoverer.clone();
        match &self.token {
            None => self.app.execute_contract(
                from,
                self.socializer.clone(),
                &socializer::ExecuteMsg::Recover {
                    market_id: MARKET.into(),
                },
                &[coin(amount, DENOM)],
            ),
            Some(t) => self.app.execute_contract(
                from,
                t.clone(),
                &Cw20ExecuteMsg::Send {
                    contract: self.socializer.to_string(),
                    amount: Uint128::new(amount),
                    msg: to_json_binary(&socializer::ReceiveMsg::Recover {
                        market_id: MARKET.into(),
                    })
                    .unwrap(),
                },
                &[],
            ),
        }
    }

    pub fn asset_balance(&self, addr: &Addr) -> u128 {
        match &self.token {
            None => self
                .app
                .wrap()
                .query_balance(addr, DENOM)
                .unwrap()
                .amount
                .u128(),
            Some(t) => self.cw20_balance(t, addr),
        }
    }

    pub fn cw20_balance(&self, token: &Addr, addr: &Addr) -> u128 {
        test_support::cw20_balance(&self.app, token, addr)
    }

    pub fn shares(&self, addr: &Addr) -> u128 {
        self.cw20_balance(&self.vault, addr)
    }

    pub fn vault_total_assets(&self) -> u128 {
        self.app
            .wrap()
            .query_wasm_smart::<Uint128>(&self.vault, &fund_vault::QueryMsg::TotalAssets {})
            .unwrap()
            .u128()
    }

    pub fn vault_total_shares(&self) -> u128 {
        self.app
            .wrap()
            .query_wasm_smart::<Uint128>(&self.vault, &fund_vault::QueryMsg::TotalShares {})
            .unwrap()
            .u128()
    }

    pub fn staking_totals(&self) -> staking::TotalsResponse {
        self.app
            .wrap()
            .query_wasm_smart(&self.staking, &staking::QueryMsg::Totals {})
            .unwrap()
    }

    /// Value in assets of `shares` vault shares now.
    pub fn share_value(&self, shares: u128) -> u128 {
        self.app
            .wrap()
            .query_wasm_smart::<Uint128>(
                &self.vault,
                &fund_vault::QueryMsg::ConvertToAssets {
                    amount: Uint128::new(shares),
                },
            )
            .unwrap()
            .u128()
    }

    pub fn accounts(&self) -> Vec<Addr> {
        let mut all: Vec<Addr> = vec![
            self.vault.clone(),
            self.staking.clone(),
            self.socializer.clone(),
            self.exchange.clone(),
            self.underwriter.clone(),
            self.outsider.clone(),
            self.recoverer.clone(),
            self.gov.clone(),
        ];
        all.extend(self.lps.iter().cloned());
        all.extend(self.traders.iter().cloned());
        all
    }

    pub fn balances(&self) -> Balances {
        let accounts = self.accounts();
        Balances {
            assets: accounts
                .iter()
                .map(|a| (a.to_string(), self.asset_balance(a)))
                .collect(),
            shares: accounts
                .iter()
                .map(|a| (a.to_string(), self.shares(a)))
                .collect(),
            vault_assets: self.vault_total_assets(),
            vault_shares: self.vault_total_shares(),
            staked_tokens: self.staking_totals().total_tokens.u128(),
        }
    }

    /// Asserts `action` fails with exactly `expected` (an error type of any
    /// contract) and that no balance moved.
    pub fn assert_rejected<E>(
        &mut self,
        expected: E,
        action: impl FnOnce(&mut Pipeline) -> anyhow::Result<AppResponse>,
    ) where
        E: std::fmt::Debug + std::fmt::Display + PartialEq + Send + Sync + 'static,
    {
        let before = self.balances();
        let err = action(self).expect_err("the action should have failed");
        let actual = err
            .downcast_ref::<E>()
            .unwrap_or_else(|| panic!("unexpected error: {err:?}"));
        assert_eq!(actual, &expected);
        assert_eq!(self.balances(), before, "a rejected action moved value");
    }
}
