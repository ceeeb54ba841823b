//! Deploys the suite on an engine and plays a scenario's timeline through
//! it. Every figure in the result comes from the contracts: the outcome of
//! each report is the socializer's own response data, the per-event state
//! is read from the contracts' storage, and the final state is their own
//! query answers.

use std::collections::BTreeMap;
use std::time::Instant;

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::fund_vault::{self, CoverShortfallResponse, DepositEvent, VaultState};
use backstop_types::socializer::{self, LayerKind, RecoveryEvent, ShortfallOutcome};
use backstop_types::staking::{self, compact::Compact, StakingState};
use cosmwasm_std::{coin, from_json, to_json_binary, to_json_vec, Binary, Coin, Decimal, Uint128};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::engine::{Code, Engine, EngineKind, Tx};
use crate::scenario::{AssetKind, EventSpec, GovSpec, PauseSpec, Profile, Role, Scenario};
use crate::units::{fmt_percent, fmt_tokens, Duration};

/// Every wallet's balance at the start unless the scenario sets one: a
/// trillion tokens, more than any scenario moves.
const PLENTY_TOKENS: u128 = 1_000_000_000_000;

/// One shortfall, layer by layer.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ShortfallRecord {
    /// The market.
    pub market: String,
    /// The report id sent (full profile).
    pub report_id: Option<u64>,
    /// Reported.
    pub reported: Uint128,
    /// Accepted: up to the market's declared exposure.
    pub accepted: Uint128,
    /// Above the declared exposure: not covered.
    pub unbacked: Uint128,
    /// Covered by slashing stakers.
    pub stakers: Uint128,
    /// Staked tokens (vault shares) slashed.
    pub slashed_tokens: Uint128,
    /// Covered by the vault.
    pub vault: Uint128,
    /// Covered by the trader haircut.
    pub traders: Uint128,
    /// The trader haircut ratio.
    pub trader_ratio: Decimal,
    /// Covered by the LP haircut.
    pub lps: Uint128,
    /// The LP haircut ratio.
    pub lp_ratio: Decimal,
    /// Left uncovered.
    pub residual: Uint128,
    /// The market's outstanding bad debt after.
    pub bad_debt: Uint128,
    /// The traders' profit the haircut applied to.
    pub traders_profit: Uint128,
    /// The LP pool the haircut applied to.
    pub lp_pool: Uint128,
    /// The socializer's response data, as it sent it (full profile; none
    /// for a duplicate report id).
    pub outcome: Option<ShortfallOutcome>,
}

/// One recovery.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RecoveryRecord {
    /// The market.
    pub market: String,
    /// Sent.
    pub amount: Uint128,
    /// Repaid bad debt.
    pub to_debt: Uint128,
    /// Repaid haircut traders.
    pub to_haircuts: Uint128,
    /// Repaid the market's liquidity pool (LP haircuts).
    pub to_lps: Uint128,
    /// Paid the vault as income (what it covered).
    pub to_vault: Uint128,
    /// Restored to the stakers' pool (what slashing covered).
    pub to_stakers: Uint128,
    /// Refunded to the sender.
    pub refunded: Uint128,
}

/// The suite's state after an event, read from the contracts' storage.
#[derive(Clone, Debug, Serialize, PartialEq, Default)]
pub struct Snapshot {
    /// The vault's assets.
    pub vault_assets: Uint128,
    /// All vault shares.
    pub vault_shares: Uint128,
    /// Assets per share (one while the vault is empty).
    pub share_price: Decimal,
    /// Staked tokens (vault shares), bonded and unbonding.
    pub staked_tokens: Uint128,
    /// Their value in the asset, rounded down.
    pub staked_value: Uint128,
    /// Trader haircuts so far, over all markets.
    pub trader_haircuts: Uint128,
    /// LP haircuts so far.
    pub lp_haircuts: Uint128,
    /// Outstanding bad debt, over all markets.
    pub bad_debt: Uint128,
    /// Covered by stakers so far.
    pub covered_by_stakers: Uint128,
    /// Covered by the vault so far.
    pub covered_by_vault: Uint128,
}

/// What one timeline event did.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EventRecord {
    /// 1-based, repeats counted.
    pub index: usize,
    /// Seconds from the start.
    pub time: u64,
    /// The action.
    pub action: String,
    /// What the table shows.
    pub label: String,
    /// The event's line in the scenario file.
    pub line: usize,
    /// Whether every transaction succeeded.
    pub ok: bool,
    /// The first failure: the contract's error, or why nothing was sent.
    pub error: Option<String>,
    /// Transactions sent.
    pub txs: u32,
    /// Contract executions.
    pub executions: u64,
    /// SDK gas of the executions (VM engine), without wasmd's fixed 60,000
    /// per execution.
    pub gas: Option<u64>,
    /// A shortfall's layers.
    pub shortfall: Option<ShortfallRecord>,
    /// A recovery's split.
    pub recovery: Option<RecoveryRecord>,
    /// The state after it.
    pub state: Snapshot,
    /// Wall-clock microseconds it took (not in the JSON: it varies).
    #[serde(skip)]
    pub wall_micros: u64,
}

/// One account's balances at the end.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AccountBalances {
    /// Its address on this engine.
    pub address: String,
    /// The asset it holds.
    pub asset: Uint128,
    /// Vault shares it holds.
    pub shares: Uint128,
}

/// One market at the end.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MarketFinal {
    /// The market id.
    pub id: String,
    /// The socializer's record, from its `Market` query (full profile).
    pub record: Option<socializer::Market>,
    /// Left uncovered by the vault (vault profiles).
    pub uncovered: Uint128,
    /// The traders' profit in its book now.
    pub traders_profit: Uint128,
    /// Its LP pool now.
    pub lp_pool: Uint128,
}

/// The state at the end, from the contracts' own queries.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FinalState {
    /// The vault's `SharePrice` query.
    pub vault: fund_vault::SharePriceResponse,
    /// The staking contract's `Totals` query.
    pub staking: Option<staking::TotalsResponse>,
    /// Every market.
    pub markets: Vec<MarketFinal>,
    /// Every account's balances, by role and name (`underwriter:funds`,
    /// `market:btc-perp`, `contract:vault`, …).
    pub balances: BTreeMap<String, AccountBalances>,
    /// Every staker's `Staker` query, by actor.
    pub stakers: BTreeMap<String, staking::StakerResponse>,
}

/// What a group of actors gained or lost.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorOutcome {
    /// `underwriters`, `stakers`, `traders`, `lps`, `market`, `fees`,
    /// `treasury`.
    pub group: String,
    /// The actor or market.
    pub name: String,
    /// What the percentage is of: capital deposited, the traders' profit or
    /// LP pool at the start, or the losses reported.
    pub base: Uint128,
    /// What `base` is.
    pub base_is: String,
    /// Gain (positive) or loss (negative), in base units.
    pub gain: String,
    /// `gain / base` in percent, when meaningful.
    pub percent: Option<f64>,
}

/// Sums over the run.
#[derive(Clone, Debug, Serialize, PartialEq, Default)]
pub struct Totals {
    /// Shortfalls reported.
    pub shortfalls: u64,
    /// Reported.
    pub reported: Uint128,
    /// Accepted.
    pub accepted: Uint128,
    /// Not accepted (above the declared exposure).
    pub unbacked: Uint128,
    /// Covered by stakers.
    pub stakers: Uint128,
    /// Covered by the vault.
    pub vault: Uint128,
    /// Covered by trader haircuts.
    pub traders: Uint128,
    /// Covered by LP haircuts.
    pub lps: Uint128,
    /// Left as bad debt.
    pub residual: Uint128,
    /// Recoveries that repaid bad debt.
    pub recovered_debt: Uint128,
    /// Recoveries that repaid haircut traders.
    pub recovered_haircuts: Uint128,
    /// Recoveries that repaid the LP pools.
    pub recovered_lps: Uint128,
    /// Recoveries paid to the vault.
    pub recovered_vault: Uint128,
    /// Recoveries restored to the stakers.
    pub recovered_stakers: Uint128,
    /// Transactions that failed.
    pub failed: u64,
    /// Contract executions (setup included).
    pub executions: u64,
    /// SDK gas (VM engine; setup included).
    pub gas: Option<u64>,
}

/// The whole result; `backstop simulate --json` writes it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SimResult {
    /// The scenario's name.
    pub scenario: String,
    /// Its description.
    pub description: String,
    /// The engine.
    pub engine: EngineKind,
    /// The profile.
    pub profile: Profile,
    /// The asset's symbol.
    pub symbol: String,
    /// Its decimals: every amount here is in base units.
    pub decimals: u32,
    /// The contracts' addresses on this engine.
    pub contracts: BTreeMap<String, String>,
    /// Deployment, wiring and the starting deposits.
    pub setup: EventRecord,
    /// The timeline.
    pub events: Vec<EventRecord>,
    /// The state at the end.
    pub final_state: FinalState,
    /// Gains and losses.
    pub actors: Vec<ActorOutcome>,
    /// Sums.
    pub totals: Totals,
    /// Wall-clock seconds of the timeline (setup excluded).
    pub wall_seconds: f64,
}

/// The deployment a run leaves behind, to query it further.
pub struct Deployment {
    /// The engine.
    pub engine: Box<dyn Engine>,
    /// Addresses by name: contracts (`vault`, `staking`, `socializer`,
    /// `token`), actors, and markets (`market:<id>`).
    pub addresses: BTreeMap<String, String>,
}

struct Actor {
    addr: String,
    role: Role,
    wallet_start: u128,
    deposited: u128,
    paid: u128,
}

struct MarketBook {
    addr: String,
    traders_profit: u128,
    lp_pool: u128,
    profit_start: u128,
    pool_start: u128,
    last_report_id: u64,
    uncovered: u128,
    reported: u128,
}

/// A run in progress.
struct Sim<'a> {
    s: &'a Scenario,
    engine: Box<dyn Engine>,
    decimals: u32,
    denom: Option<String>,
    token: Option<String>,
    gov: String,
    vault: String,
    staking: Option<String>,
    socializer: Option<String>,
    actors: BTreeMap<String, Actor>,
    markets: BTreeMap<String, MarketBook>,
    start: u64,
}

fn record(index: usize, time: u64, action: &str, label: String, line: usize) -> EventRecord {
    EventRecord {
        index,
        time,
        action: action.into(),
        label,
        line,
        ok: true,
        error: None,
        txs: 0,
        executions: 0,
        gas: None,
        shortfall: None,
        recovery: None,
        state: Snapshot::default(),
        wall_micros: 0,
    }
}

fn json<T: Serialize>(v: &T) -> Vec<u8> {
    to_json_vec(v).expect("messages serialize")
}

/// Runs `scenario` on `engine`. `progress` shows a progress bar on a
/// terminal.
pub fn simulate(
    scenario: &Scenario,
    engine: Box<dyn Engine>,
    progress: bool,
) -> Result<(SimResult, Deployment), String> {
    let mut sim = Sim::deploy(scenario, engine)?;
    let setup = sim.genesis()?;
    let started = Instant::now();
    let events = sim.play(progress);
    let wall_seconds = started.elapsed().as_secs_f64();
    let final_state = sim.final_state()?;
    let actors = sim.outcomes(&final_state)?;
    let totals = totals(&setup, &events);
    let mut contracts = BTreeMap::new();
    contracts.insert("vault".to_string(), sim.vault.clone());
    if let Some(s) = &sim.staking {
        contracts.insert("staking".into(), s.clone());
    }
    if let Some(s) = &sim.socializer {
        contracts.insert("socializer".into(), s.clone());
    }
    if let Some(t) = &sim.token {
        contracts.insert("token".into(), t.clone());
    }
    let result = SimResult {
        scenario: scenario.name.clone(),
        description: scenario.description.clone(),
        engine: sim.engine.kind(),
        profile: *scenario.profile.get_ref(),
        symbol: scenario.asset.symbol.clone(),
        decimals: sim.decimals,
        contracts: contracts.clone(),
        setup,
        events,
        final_state,
        actors,
        totals,
        wall_seconds,
    };
    let mut addresses = contracts;
    addresses.insert("gov".into(), sim.gov.clone());
    for (n, a) in &sim.actors {
        addresses.insert(n.clone(), a.addr.clone());
    }
    for (id, m) in &sim.markets {
        addresses.insert(format!("market:{id}"), m.addr.clone());
    }
    Ok((
        result,
        Deployment {
            engine: sim.engine,
            addresses,
        },
    ))
}

fn totals(setup: &EventRecord, events: &[EventRecord]) -> Totals {
    let mut t = Totals {
        executions: setup.executions,
        gas: setup.gas,
        ..Totals::default()
    };
    for e in events {
        t.executions += e.executions;
        t.gas = match (t.gas, e.gas) {
            (Some(a), Some(b)) => Some(a + b),
            (a, None) => a,
            (None, b) => b,
        };
        if !e.ok && e.txs > 0 {
            t.failed += 1;
        }
        if let Some(s) = &e.shortfall {
            t.shortfalls += 1;
            t.reported += s.reported;
            t.accepted += s.accepted;
            t.unbacked += s.unbacked;
            t.stakers += s.stakers;
            t.vault += s.vault;
            t.traders += s.traders;
            t.lps += s.lps;
            t.residual += s.residual;
        }
        if let Some(r) = &e.recovery {
            t.recovered_debt += r.to_debt;
            t.recovered_haircuts += r.to_haircuts;
            t.recovered_lps += r.to_lps;
            t.recovered_vault += r.to_vault;
            t.recovered_stakers += r.to_stakers;
        }
    }
    t
}

impl<'a> Sim<'a> {
    fn deploy(s: &'a Scenario, mut engine: Box<dyn Engine>) -> Result<Self, String> {
        let decimals = u32::from(s.asset.decimals);
        let gov = engine.account("gov");
        let mut actors = BTreeMap::new();
        let plenty = PLENTY_TOKENS * 10u128.pow(decimals);
        for (name, role) in s.actors() {
            let wallet = match role {
                Role::Underwriter => s
                    .underwriters
                    .iter()
                    .find(|u| u.name.get_ref() == &name)
                    .and_then(|u| u.wallet),
                Role::Staker => s
                    .stakers
                    .iter()
                    .find(|u| u.name.get_ref() == &name)
                    .and_then(|u| u.wallet),
                Role::Builtin => None,
            };
            let addr = if name == "gov" {
                gov.clone()
            } else {
                engine.account(&name)
            };
            actors.insert(
                name,
                Actor {
                    addr,
                    role,
                    wallet_start: wallet.map_or(plenty, |w| w.0),
                    deposited: 0,
                    paid: 0,
                },
            );
        }
        let mut markets = BTreeMap::new();
        for m in &s.markets {
            let id = m.id.get_ref().clone();
            markets.insert(
                id.clone(),
                MarketBook {
                    addr: engine.contract_account(&format!("market-{id}")),
                    traders_profit: m.traders_profit.0,
                    lp_pool: m.lp_pool.0,
                    profit_start: m.traders_profit.0,
                    pool_start: m.lp_pool.0,
                    last_report_id: 0,
                    uncovered: 0,
                    reported: 0,
                },
            );
        }
        let start = engine.block_time();
        let mut sim = Sim {
            s,
            engine,
            decimals,
            denom: None,
            token: None,
            gov,
            vault: String::new(),
            staking: None,
            socializer: None,
            actors,
            markets,
            start,
        };
        sim.instantiate_all()?;
        Ok(sim)
    }

    fn instantiate_all(&mut self) -> Result<(), String> {
        let s = self.s;
        let profile = *s.profile.get_ref();
        // the asset
        let asset = match s.asset.kind {
            AssetKind::Native => {
                let denom = s.asset.denom();
                for a in self.actors.values() {
                    if a.wallet_start > 0 {
                        self.engine.mint(&a.addr, coin(a.wallet_start, &denom));
                    }
                }
                self.denom = Some(denom.clone());
                AssetInfoUnchecked::Native { denom }
            }
            AssetKind::Cw20 => {
                let msg = cw20_base::msg::InstantiateMsg {
                    name: format!("{} token", s.asset.symbol),
                    symbol: s.asset.symbol.clone(),
                    decimals: s.asset.decimals,
                    initial_balances: self
                        .actors
                        .values()
                        .filter(|a| a.wallet_start > 0)
                        .map(|a| cw20::Cw20Coin {
                            address: a.addr.clone(),
                            amount: Uint128::new(a.wallet_start),
                        })
                        .collect(),
                    mint: None,
                    marketing: None,
                };
                let token = self
                    .engine
                    .instantiate(Code::Cw20, "asset-token", &self.gov, &json(&msg))
                    .map_err(|e| format!("the cw20 asset: {e}"))?;
                self.token = Some(token.clone());
                AssetInfoUnchecked::Cw20 { address: token }
            }
        };
        // the vault
        let v = &s.vault;
        let symbol = s.asset.symbol.clone();
        let mut share_symbol = v.share_symbol.clone().unwrap_or(format!("bs{symbol}"));
        share_symbol.truncate(12);
        let claimants = if profile.has_socializer() {
            vec![]
        } else {
            s.markets
                .iter()
                .map(|m| fund_vault::ClaimantMsg {
                    address: self.markets[m.id.get_ref()].addr.clone(),
                    limits: m.claimant.unwrap_or(v.claimant).limits(),
                })
                .collect()
        };
        let msg = fund_vault::InstantiateMsg {
            owner: self.gov.clone(),
            asset: asset.clone(),
            share_token: fund_vault::ShareTokenInfo {
                name: v.share_name.clone().unwrap_or(format!("Backstop {symbol}")),
                symbol: share_symbol,
                decimals: s.asset.decimals,
            },
            params: v.params_msg(),
            guardian: None,
            claimants,
            slash_sources: vec![],
            slash_claimant: None,
        };
        self.vault = self
            .engine
            .instantiate(Code::Vault, "fund-vault", &self.gov, &json(&msg))
            .map_err(|e| format!("the vault refused its parameters: {e}"))?;
        if profile.has_staking() {
            let st = s.staking_spec();
            let msg = staking::InstantiateMsg {
                owner: self.gov.clone(),
                staking_token: self.vault.clone(),
                params: st.params_msg(),
                reward_assets: vec![asset.clone()],
            };
            self.staking = Some(
                self.engine
                    .instantiate(Code::Staking, "staking-rewards", &self.gov, &json(&msg))
                    .map_err(|e| format!("the staking contract refused its parameters: {e}"))?,
            );
        }
        if profile.has_socializer() {
            let so = s.socializer_spec();
            let timelock = so.timelock.unwrap_or(s.staking_spec().unbonding).0;
            let msg = socializer::InstantiateMsg {
                owner: self.gov.clone(),
                vault: self.vault.clone(),
                staking: self.staking.clone(),
                layers: so.layers.iter().map(|l| l.layer()).collect(),
                timelock_seconds: timelock,
                limits: so.limits.limits(),
                markets: s
                    .markets
                    .iter()
                    .map(|m| socializer::MarketMsg {
                        id: m.id.get_ref().clone(),
                        reporter: self.markets[m.id.get_ref()].addr.clone(),
                        recipient: self.markets[m.id.get_ref()].addr.clone(),
                        exposure_ceiling: m
                            .exposure_ceiling
                            .map_or(Uint128::MAX, |a| Uint128::new(a.0)),
                        limits: m.limits.map(|l| l.limits()),
                    })
                    .collect(),
            };
            self.socializer = Some(
                self.engine
                    .instantiate(Code::Socializer, "loss-socializer", &self.gov, &json(&msg))
                    .map_err(|e| format!("the socializer refused its parameters: {e}"))?,
            );
        }
        Ok(())
    }

    /// Wiring, declared exposures and the starting deposits, as one
    /// record.
    fn genesis(&mut self) -> Result<EventRecord, String> {
        let s = self.s;
        let mut rec = record(0, 0, "setup", "deploy, wire, starting deposits".into(), 0);
        if let (Some(soc), Some(staking)) = (self.socializer.clone(), self.staking.clone()) {
            let v = &s.vault;
            let vault = self.vault.clone();
            self.sudo(
                &mut rec,
                &vault,
                &fund_vault::GovMsg::SetClaimant(fund_vault::ClaimantMsg {
                    address: soc.clone(),
                    limits: v.claimant.limits(),
                }),
            );
            self.sudo(
                &mut rec,
                &vault,
                &fund_vault::GovMsg::SetSlashSources {
                    addresses: vec![staking.clone()],
                    claimant: v.hook.then(|| soc.clone()),
                },
            );
            self.sudo(
                &mut rec,
                &staking,
                &staking::GovMsg::UpdateParams(staking::ParamsUpdate {
                    slashers: Some(vec![soc.clone()]),
                    ..Default::default()
                }),
            );
            for m in &s.markets {
                if let Some(e) = m.exposure {
                    let addr = self.markets[m.id.get_ref()].addr.clone();
                    self.exec(
                        &mut rec,
                        &addr,
                        &soc,
                        &socializer::ExecuteMsg::DeclareExposure {
                            amount: Uint128::new(e.0),
                        },
                        &[],
                    );
                }
            }
        }
        for u in &s.underwriters {
            if u.deposit.0 > 0 {
                self.deposit(&mut rec, u.name.get_ref(), u.deposit.0);
            }
        }
        for st in &s.stakers {
            if st.stake.0 > 0 {
                self.stake_amount(&mut rec, st.name.get_ref(), st.stake.0);
            }
        }
        if let Some(e) = &rec.error {
            return Err(format!("the starting state failed: {e}"));
        }
        rec.state = self.snapshot();
        Ok(rec)
    }

    fn play(&mut self, progress: bool) -> Vec<EventRecord> {
        let total = self.s.event_count();
        let bar = if progress {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {bar:40} {pos}/{len} events  {per_sec}  eta {eta}",
                )
                .expect("template"),
            );
            Some(bar)
        } else {
            None
        };
        let mut out = Vec::with_capacity(total);
        let mut now = 0u64;
        for (i, ev) in self.s.events.iter().enumerate() {
            let line = self.s.event_lines.get(i).copied().unwrap_or(0);
            let e = ev.get_ref();
            if let Some(at) = &e.at {
                now = now.max(at.get_ref().0);
            }
            let times = e.repeat.map_or(1, |r| r.times);
            for k in 0..times {
                if k > 0 {
                    now += e.repeat.map_or(0, |r| r.every.0);
                }
                let elapsed = self.engine.block_time() - self.start;
                if now > elapsed {
                    self.engine.advance(now - elapsed);
                }
                let index = out.len() + 1;
                let clock = Instant::now();
                let mut rec = self.event(e, index, now, line);
                rec.wall_micros = clock.elapsed().as_micros() as u64;
                if let Some(d) = e.advance {
                    now += d.0;
                }
                rec.state = self.snapshot();
                out.push(rec);
                if let Some(b) = &bar {
                    b.inc(1);
                }
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        out
    }

    fn tokens(&self, base: u128) -> String {
        fmt_tokens(base, self.decimals)
    }

    fn addr(&self, name: &str) -> String {
        self.actors[name].addr.clone()
    }

    /// Serializes and executes `msg`, adding the transaction to `rec`.
    /// Executes `msg` on the staking contract from the actor `by`.
    fn staker_exec(&mut self, rec: &mut EventRecord, by: &str, msg: &staking::ExecuteMsg) {
        let (addr, staking) = (self.addr(by), self.staking.clone().expect("staking"));
        self.exec(rec, &addr, &staking, msg, &[]);
    }

    fn exec<M: Serialize>(
        &mut self,
        rec: &mut EventRecord,
        sender: &str,
        contract: &str,
        msg: &M,
        funds: &[Coin],
    ) -> Option<Tx> {
        let result = self.engine.execute(sender, contract, &json(msg), funds);
        self.account_tx(rec, result)
    }

    fn sudo<M: Serialize>(&mut self, rec: &mut EventRecord, contract: &str, msg: &M) -> Option<Tx> {
        let result = self.engine.sudo(contract, &json(msg));
        self.account_tx(rec, result)
    }

    fn account_tx(&mut self, rec: &mut EventRecord, result: Result<Tx, String>) -> Option<Tx> {
        rec.txs += 1;
        match result {
            Ok(tx) => {
                rec.executions += tx.executions;
                rec.gas = match (rec.gas, tx.gas) {
                    (a, None) => a,
                    (None, b) => b,
                    (Some(a), Some(b)) => Some(a + b),
                };
                Some(tx)
            }
            Err(e) => {
                rec.ok = false;
                if rec.error.is_none() {
                    rec.error = Some(e);
                }
                None
            }
        }
    }

    fn skip(rec: &mut EventRecord, why: String) {
        rec.ok = false;
        if rec.error.is_none() {
            rec.error = Some(why);
        }
    }

    fn query<T: DeserializeOwned, M: Serialize>(
        &mut self,
        contract: &str,
        msg: &M,
    ) -> Result<T, String> {
        let bin = self.engine.query(contract, &json(msg))?;
        from_json(&bin).map_err(|e| e.to_string())
    }

    /// Sends `amount` of the asset to `contract` with `native_msg` (bank
    /// funds) or, for a cw20 asset, a `Send` carrying `hook`.
    fn send_asset<M: Serialize>(
        &mut self,
        rec: &mut EventRecord,
        from: &str,
        contract: &str,
        amount: u128,
        native_msg: &M,
        hook: Binary,
    ) -> Option<Tx> {
        match (&self.denom, &self.token) {
            (Some(denom), _) => {
                let funds = vec![coin(amount, denom)];
                self.exec(rec, from, contract, native_msg, &funds)
            }
            (None, Some(token)) => {
                let token = token.clone();
                let msg = cw20::Cw20ExecuteMsg::Send {
                    contract: contract.to_string(),
                    amount: Uint128::new(amount),
                    msg: hook,
                };
                self.exec(rec, from, &token, &msg, &[])
            }
            (None, None) => unreachable!("an asset is deployed"),
        }
    }

    fn asset_balance(&mut self, addr: &str) -> Result<u128, String> {
        match (&self.denom, &self.token) {
            (Some(denom), _) => {
                let denom = denom.clone();
                Ok(self.engine.bank_balance(addr, &denom))
            }
            (None, Some(token)) => {
                let token = token.clone();
                let r: cw20::BalanceResponse = self.query(
                    &token,
                    &cw20::Cw20QueryMsg::Balance {
                        address: addr.to_string(),
                    },
                )?;
                Ok(r.balance.u128())
            }
            (None, None) => unreachable!("an asset is deployed"),
        }
    }

    fn shares_of(&mut self, addr: &str) -> Result<u128, String> {
        let vault = self.vault.clone();
        let r: cw20::BalanceResponse = self.query(
            &vault,
            &fund_vault::QueryMsg::Balance {
                address: addr.to_string(),
            },
        )?;
        Ok(r.balance.u128())
    }

    fn deposit(&mut self, rec: &mut EventRecord, by: &str, amount: u128) -> Option<u128> {
        let (from, vault) = (self.addr(by), self.vault.clone());
        let hook = to_json_binary(&fund_vault::ReceiveMsg::Deposit {
            recipient: None,
            min_shares: None,
        })
        .expect("hook");
        let msg = fund_vault::ExecuteMsg::Deposit {
            recipient: None,
            min_shares: None,
        };
        let tx = self.send_asset(rec, &from, &vault, amount, &msg, hook)?;
        self.actors.get_mut(by).expect("actor").deposited += amount;
        DepositEvent::find(&tx.events).map(|e| e.shares.u128())
    }

    fn stake_shares(&mut self, rec: &mut EventRecord, by: &str, shares: u128) -> Option<Tx> {
        let (from, vault) = (self.addr(by), self.vault.clone());
        let staking = self.staking.clone().expect("staking deployed");
        let msg = fund_vault::ExecuteMsg::Send {
            contract: staking,
            amount: Uint128::new(shares),
            msg: to_json_binary(&staking::ReceiveMsg::Stake {}).expect("hook"),
        };
        self.exec(rec, &from, &vault, &msg, &[])
    }

    fn stake_amount(&mut self, rec: &mut EventRecord, by: &str, amount: u128) {
        if let Some(shares) = self.deposit(rec, by, amount) {
            self.stake_shares(rec, by, shares);
        }
    }

    fn event(&mut self, e: &EventSpec, index: usize, time: u64, line: usize) -> EventRecord {
        let action = e.actions()[0];
        let mut rec = record(index, time, action, String::new(), line);
        let label = self.run_action(e, &mut rec);
        rec.label = match &e.note {
            Some(n) => format!("{label} ({n})"),
            None => label,
        };
        rec
    }

    /// Runs the event's action; returns its label.
    fn run_action(&mut self, e: &EventSpec, rec: &mut EventRecord) -> String {
        if let Some(d) = &e.deposit {
            let by = d.by.get_ref();
            self.deposit(rec, by, d.amount.0);
            return format!("deposit {by} {}", self.tokens(d.amount.0));
        }
        if let Some(i) = &e.income {
            let by = i.by.as_ref().map_or("fees", |b| b.get_ref().as_str());
            let (from, vault) = (self.addr(by), self.vault.clone());
            let hook = to_json_binary(&fund_vault::ReceiveMsg::AddIncome {}).expect("hook");
            if self
                .send_asset(
                    rec,
                    &from,
                    &vault,
                    i.amount.0,
                    &fund_vault::ExecuteMsg::AddIncome {},
                    hook,
                )
                .is_some()
            {
                self.actors.get_mut(by).expect("actor").paid += i.amount.0;
            }
            return format!("fee income {}", self.tokens(i.amount.0));
        }
        if let Some(u) = &e.unlock {
            let by = u.by.get_ref();
            let fraction = u.fraction.map_or(Decimal::one(), |f| f.0);
            let label = format!("unlock {by} {}", fmt_percent(fraction));
            let addr = self.addr(by);
            match self.shares_of(&addr) {
                Ok(held) => {
                    let shares = Uint128::new(held).mul_floor(fraction);
                    if shares.is_zero() {
                        Self::skip(rec, format!("nothing to unlock: {by} holds no free shares"));
                    } else {
                        let vault = self.vault.clone();
                        self.exec(
                            rec,
                            &addr,
                            &vault,
                            &fund_vault::ExecuteMsg::Unlock { shares },
                            &[],
                        );
                    }
                }
                Err(err) => Self::skip(rec, err),
            }
            return label;
        }
        if let Some(w) = &e.withdraw {
            let by = w.by.get_ref();
            self.withdraw(rec, by);
            return format!("withdraw {by}");
        }
        if let Some(st) = &e.stake {
            let by = st.by.get_ref();
            if let Some(a) = st.amount {
                self.stake_amount(rec, by, a.0);
                return format!("stake {by} {}", self.tokens(a.0));
            }
            let fraction = st.fraction.map_or(Decimal::one(), |f| f.0);
            let addr = self.addr(by);
            match self.shares_of(&addr) {
                Ok(held) => {
                    let shares = Uint128::new(held).mul_floor(fraction).u128();
                    if shares == 0 {
                        Self::skip(rec, format!("nothing to stake: {by} holds no free shares"));
                    } else {
                        self.stake_shares(rec, by, shares);
                    }
                }
                Err(err) => Self::skip(rec, err),
            }
            return format!("stake {by} {} of shares", fmt_percent(fraction));
        }
        if let Some(u) = &e.unstake {
            let by = u.by.get_ref();
            let fraction = u.fraction.map_or(Decimal::one(), |f| f.0);
            let addr = self.addr(by);
            let staking = self.staking.clone().expect("staking deployed");
            let staker: Result<staking::StakerResponse, String> = self.query(
                &staking,
                &staking::QueryMsg::Staker {
                    address: addr.clone(),
                },
            );
            match staker {
                Ok(st) => {
                    let amount = st.staked_tokens.mul_floor(fraction);
                    if amount.is_zero() {
                        Self::skip(rec, format!("nothing to unstake: {by} has no bonded stake"));
                    } else {
                        self.exec(
                            rec,
                            &addr,
                            &staking,
                            &staking::ExecuteMsg::Unstake { amount },
                            &[],
                        );
                    }
                }
                Err(err) => Self::skip(rec, err),
            }
            return format!("unstake {by} {}", fmt_percent(fraction));
        }
        if let Some(c) = &e.claim {
            let by = c.by.get_ref();
            self.staker_exec(rec, by, &staking::ExecuteMsg::Claim { id: None });
            return format!("claim unbonded {by}");
        }
        if let Some(c) = &e.claim_rewards {
            let by = c.by.get_ref();
            self.staker_exec(rec, by, &staking::ExecuteMsg::ClaimRewards { asset: None });
            return format!("claim rewards {by}");
        }
        if let Some(f) = &e.fund_rewards {
            let by = f.by.as_ref().map_or("treasury", |b| b.get_ref().as_str());
            let mode = match f.stream {
                Some(Duration(period_seconds)) => staking::FundMode::Stream { period_seconds },
                None => staking::FundMode::Instant {},
            };
            let (from, staking) = (self.addr(by), self.staking.clone().expect("staking"));
            let hook = to_json_binary(&staking::ReceiveMsg::FundRewards { mode: mode.clone() })
                .expect("hook");
            if self
                .send_asset(
                    rec,
                    &from,
                    &staking,
                    f.amount.0,
                    &staking::ExecuteMsg::FundRewards { mode },
                    hook,
                )
                .is_some()
            {
                self.actors.get_mut(by).expect("actor").paid += f.amount.0;
            }
            return format!(
                "fund rewards {}{}",
                self.tokens(f.amount.0),
                f.stream
                    .map(|d| format!(" over {}", crate::units::fmt_duration(d.0)))
                    .unwrap_or_default()
            );
        }
        if let Some(sf) = &e.shortfall {
            let id = sf.market.get_ref().clone();
            self.shortfall(
                rec,
                &id,
                sf.amount.0,
                sf.traders_profit.map(|a| a.0),
                sf.lp_pool.map(|a| a.0),
                sf.report_id,
            );
            // the amount shows in its own column, unless nothing was covered
            return match rec.shortfall {
                Some(_) => format!("shortfall {id}"),
                None => format!("shortfall {id} {}", self.tokens(sf.amount.0)),
            };
        }
        if let Some(d) = &e.declare_exposure {
            let id = d.market.get_ref();
            let (addr, soc) = (
                self.markets[id].addr.clone(),
                self.socializer.clone().expect("socializer"),
            );
            self.exec(
                rec,
                &addr,
                &soc,
                &socializer::ExecuteMsg::DeclareExposure {
                    amount: Uint128::new(d.amount.0),
                },
                &[],
            );
            return format!("declare exposure {id} {}", self.tokens(d.amount.0));
        }
        if let Some(r) = &e.recover {
            let id = r.market.get_ref().clone();
            let by = r.by.as_ref().map_or("treasury", |b| b.get_ref().as_str());
            let (from, soc) = (self.addr(by), self.socializer.clone().expect("socializer"));
            let hook = to_json_binary(&socializer::ReceiveMsg::Recover {
                market_id: id.clone(),
            })
            .expect("hook");
            let msg = socializer::ExecuteMsg::Recover {
                market_id: id.clone(),
            };
            if let Some(tx) = self.send_asset(rec, &from, &soc, r.amount.0, &msg, hook) {
                match RecoveryEvent::find(&tx.events) {
                    Some(ev) => {
                        self.actors.get_mut(by).expect("actor").paid +=
                            r.amount.0 - ev.refunded.u128();
                        rec.recovery = Some(RecoveryRecord {
                            market: id.clone(),
                            amount: Uint128::new(r.amount.0),
                            to_debt: ev.to_debt,
                            to_haircuts: ev.to_haircuts,
                            to_lps: ev.to_lps,
                            to_vault: ev.to_vault,
                            to_stakers: ev.to_stakers,
                            refunded: ev.refunded,
                        });
                    }
                    None => Self::skip(rec, "the recovery emitted no recovery event".into()),
                }
            }
            return format!("recovery {id} {}", self.tokens(r.amount.0));
        }
        if let Some(b) = &e.book {
            let id = b.market.get_ref();
            let m = self.markets.get_mut(id).expect("market");
            if let Some(p) = b.traders_profit {
                m.traders_profit = p.0;
            }
            if let Some(p) = b.lp_pool {
                m.lp_pool = p.0;
            }
            let (p, l) = (m.traders_profit, m.lp_pool);
            return format!(
                "book {id}: traders' profit {}, LP pool {}",
                self.tokens(p),
                self.tokens(l)
            );
        }
        if let Some(g) = &e.gov {
            let (contract, name, msg) = match g {
                GovSpec::Vault(m) => (self.vault.clone(), "vault", serde_json::to_value(m)),
                GovSpec::Staking(m) => (
                    self.staking.clone().expect("staking"),
                    "staking",
                    serde_json::to_value(m),
                ),
                GovSpec::Socializer(m) => (
                    self.socializer.clone().expect("socializer"),
                    "socializer",
                    serde_json::to_value(m),
                ),
            };
            let mut msg = msg.expect("gov messages serialize");
            let what = msg
                .as_object()
                .and_then(|o| o.keys().next().cloned())
                .unwrap_or_default();
            match self.resolve(&mut msg) {
                Ok(()) => {
                    let result = self.engine.sudo(&contract, &json(&msg));
                    self.account_tx(rec, result);
                }
                Err(err) => Self::skip(rec, err),
            }
            return format!("gov {name} {what}");
        }
        if let Some(p) = &e.pause {
            let (contract, name, msg, switches) = match p {
                PauseSpec::Vault(u) => (
                    self.vault.clone(),
                    "vault",
                    json(&fund_vault::GovMsg::SetPause(u.clone())),
                    switches(&serde_json::to_value(u).expect("pause")),
                ),
                PauseSpec::Staking(u) => (
                    self.staking.clone().expect("staking"),
                    "staking",
                    json(&staking::GovMsg::SetPause(u.clone())),
                    switches(&serde_json::to_value(u).expect("pause")),
                ),
                PauseSpec::Socializer(u) => (
                    self.socializer.clone().expect("socializer"),
                    "socializer",
                    json(&socializer::GovMsg::SetPause(u.clone())),
                    switches(&serde_json::to_value(u).expect("pause")),
                ),
            };
            let result = self.engine.sudo(&contract, &msg);
            self.account_tx(rec, result);
            return format!("pause {name} {switches}");
        }
        if let Some(f) = &e.freeze {
            let id = f.market.get_ref();
            let (gov, soc) = (
                self.gov.clone(),
                self.socializer.clone().expect("socializer"),
            );
            self.exec(
                rec,
                &gov,
                &soc,
                &socializer::ExecuteMsg::FreezeMarket { id: id.clone() },
                &[],
            );
            return format!("freeze {id}");
        }
        if let Some(f) = &e.unfreeze {
            let id = f.market.get_ref();
            let soc = self.socializer.clone().expect("socializer");
            self.sudo(
                rec,
                &soc,
                &socializer::GovMsg::UnfreezeMarket { id: id.clone() },
            );
            return format!("unfreeze {id}");
        }
        if let Some(d) = &e.advance {
            self.engine.advance(d.0);
            return format!("time passes: {}", crate::units::fmt_duration(d.0));
        }
        unreachable!("a checked event has one action")
    }

    /// Replaces every string `"@name"` in `msg` with that name's address.
    fn resolve(&self, msg: &mut serde_json::Value) -> Result<(), String> {
        match msg {
            serde_json::Value::String(s) => {
                if let Some(name) = s.strip_prefix('@') {
                    let addr = match name {
                        "vault" => Some(self.vault.clone()),
                        "staking" => self.staking.clone(),
                        "socializer" => self.socializer.clone(),
                        "token" => self.token.clone(),
                        "gov" => Some(self.gov.clone()),
                        n => self
                            .actors
                            .get(n)
                            .map(|a| a.addr.clone())
                            .or_else(|| self.markets.get(n).map(|m| m.addr.clone())),
                    };
                    *s = addr.ok_or_else(|| format!("no actor, market or contract `{name}`"))?;
                }
                Ok(())
            }
            serde_json::Value::Array(a) => a.iter_mut().try_for_each(|v| self.resolve(v)),
            serde_json::Value::Object(o) => o.values_mut().try_for_each(|v| self.resolve(v)),
            _ => Ok(()),
        }
    }

    /// Every open unlock request of `owner`, page by page.
    fn unlock_requests(
        &mut self,
        owner: &str,
    ) -> Result<Vec<fund_vault::UnlockRequestView>, String> {
        let vault = self.vault.clone();
        let mut all = vec![];
        loop {
            let page: fund_vault::UnlockRequestsResponse = self.query(
                &vault,
                &fund_vault::QueryMsg::UnlockRequests {
                    owner: owner.to_string(),
                    start_after: all.last().map(|r: &fund_vault::UnlockRequestView| r.id),
                    limit: Some(30),
                },
            )?;
            let done = page.requests.len() < 30;
            all.extend(page.requests);
            if done {
                return Ok(all);
            }
        }
    }

    fn withdraw(&mut self, rec: &mut EventRecord, by: &str) {
        let (addr, vault) = (self.addr(by), self.vault.clone());
        let requests = match self.unlock_requests(&addr) {
            Ok(r) => r,
            Err(err) => return Self::skip(rec, err),
        };
        if requests.is_empty() {
            return Self::skip(
                rec,
                format!("nothing to withdraw: {by} has no unlock request"),
            );
        }
        let now = self.engine.block_time();
        let released: Vec<u64> = requests
            .iter()
            .filter(|r| r.release_at <= now)
            .map(|r| r.id)
            .collect();
        // none released yet: try the first, so that the vault says why not
        let ids = if released.is_empty() {
            vec![requests[0].id]
        } else {
            released
        };
        for id in ids {
            self.exec(
                rec,
                &addr,
                &vault,
                &fund_vault::ExecuteMsg::WithdrawUnlocked {
                    id,
                    recipient: None,
                },
                &[],
            );
        }
    }

    fn shortfall(
        &mut self,
        rec: &mut EventRecord,
        id: &str,
        amount: u128,
        traders_profit: Option<u128>,
        lp_pool: Option<u128>,
        report_id: Option<u64>,
    ) {
        let m = &self.markets[id];
        let (addr, profit, pool) = (
            m.addr.clone(),
            traders_profit.unwrap_or(m.traders_profit),
            lp_pool.unwrap_or(m.lp_pool),
        );
        let mut r = ShortfallRecord {
            market: id.to_string(),
            report_id: None,
            reported: Uint128::new(amount),
            accepted: Uint128::zero(),
            unbacked: Uint128::zero(),
            stakers: Uint128::zero(),
            slashed_tokens: Uint128::zero(),
            vault: Uint128::zero(),
            traders: Uint128::zero(),
            trader_ratio: Decimal::zero(),
            lps: Uint128::zero(),
            lp_ratio: Decimal::zero(),
            residual: Uint128::zero(),
            bad_debt: Uint128::zero(),
            traders_profit: Uint128::new(profit),
            lp_pool: Uint128::new(pool),
            outcome: None,
        };
        match self.socializer.clone() {
            Some(soc) => {
                let report_id = report_id.unwrap_or(m.last_report_id + 1);
                r.report_id = Some(report_id);
                let msg = socializer::ExecuteMsg::ReportShortfall {
                    report_id,
                    amount: Uint128::new(amount),
                    total_profit: Uint128::new(profit),
                    lp_pool_value: Uint128::new(pool),
                };
                let Some(tx) = self.exec(rec, &addr, &soc, &msg, &[]) else {
                    return;
                };
                let book = self.markets.get_mut(id).expect("market");
                book.last_report_id = book.last_report_id.max(report_id);
                let Some(data) = tx.data else {
                    Self::skip(
                        rec,
                        format!("duplicate report id {report_id}: the socializer changed nothing"),
                    );
                    return;
                };
                let o: ShortfallOutcome = match from_json(&data) {
                    Ok(o) => o,
                    Err(e) => return Self::skip(rec, format!("unreadable outcome: {e}")),
                };
                book.reported += amount;
                for l in &o.layers {
                    match l.layer {
                        LayerKind::StakerSlash => {
                            r.stakers += l.amount;
                            r.slashed_tokens += l.slashed_tokens;
                        }
                        LayerKind::Vault => r.vault += l.amount,
                        LayerKind::TraderProfitHaircut => r.traders += l.amount,
                        LayerKind::LpHaircut => r.lps += l.amount,
                    }
                }
                r.accepted = o.amount;
                r.unbacked = o.unbacked;
                r.trader_ratio = o.trader_haircut_ratio;
                r.lp_ratio = o.lp_haircut_ratio;
                r.residual = o.residual;
                r.bad_debt = o.bad_debt;
                // the haircuts come out of the books
                book.traders_profit = book.traders_profit.saturating_sub(r.traders.u128());
                book.lp_pool = book.lp_pool.saturating_sub(r.lps.u128());
                r.outcome = Some(o);
            }
            None => {
                // the market is the vault's claimant: what the vault does
                // not pay stays with the market
                let vault = self.vault.clone();
                let msg = fund_vault::ExecuteMsg::CoverShortfall {
                    amount: Uint128::new(amount),
                    recipient: addr.clone(),
                };
                let Some(tx) = self.exec(rec, &addr, &vault, &msg, &[]) else {
                    return;
                };
                let paid: CoverShortfallResponse = match tx.data.as_ref().map(from_json) {
                    Some(Ok(p)) => p,
                    _ => return Self::skip(rec, "the vault's payout sent no data".into()),
                };
                let book = self.markets.get_mut(id).expect("market");
                book.reported += amount;
                book.uncovered += paid.uncovered.u128();
                r.accepted = Uint128::new(amount);
                r.vault = paid.paid;
                r.residual = paid.uncovered;
                r.bad_debt = Uint128::new(book.uncovered);
            }
        }
        rec.shortfall = Some(r);
    }

    /// The state now, read raw from the contracts' storage.
    fn snapshot(&mut self) -> Snapshot {
        let mut s = Snapshot::default();
        let vault = self.vault.clone();
        if let Some(st) = self
            .engine
            .raw(&vault, fund_vault::STATE.as_slice())
            .and_then(|b| from_json::<VaultState>(&b).ok())
        {
            s.vault_assets = st.total_assets;
            s.vault_shares = st.total_shares;
        }
        s.share_price = if s.vault_shares.is_zero() {
            Decimal::one()
        } else {
            Decimal::from_ratio(s.vault_assets, s.vault_shares)
        };
        if let Some(staking) = self.staking.clone() {
            if let Some(st) = self
                .engine
                .raw(&staking, staking::STATE.as_slice())
                .and_then(|b| StakingState::decode(&b))
            {
                s.staked_tokens = st.total_tokens;
                s.staked_value = if s.vault_shares.is_zero() {
                    Uint128::zero()
                } else {
                    st.total_tokens
                        .multiply_ratio(s.vault_assets, s.vault_shares)
                };
            }
        }
        match self.socializer.clone() {
            Some(soc) => {
                let ids: Vec<String> = self.markets.keys().cloned().collect();
                for id in ids {
                    if let Some(m) = self
                        .engine
                        .raw(&soc, &socializer::MARKETS.key(&id))
                        .and_then(|b| from_json::<socializer::Market>(&b).ok())
                    {
                        s.trader_haircuts += m.totals.trader_haircut;
                        s.lp_haircuts += m.totals.lp_haircut;
                        s.bad_debt += m.bad_debt;
                        s.covered_by_stakers += m.totals.stakers;
                        s.covered_by_vault += m.totals.vault;
                    }
                }
            }
            None => {
                for m in self.markets.values() {
                    s.bad_debt += Uint128::new(m.uncovered);
                    s.covered_by_vault += Uint128::new(m.reported - m.uncovered);
                }
            }
        }
        s
    }

    fn final_state(&mut self) -> Result<FinalState, String> {
        let vault = self.vault.clone();
        let price: fund_vault::SharePriceResponse =
            self.query(&vault, &fund_vault::QueryMsg::SharePrice {})?;
        let staking = match self.staking.clone() {
            Some(st) => Some(self.query(&st, &staking::QueryMsg::Totals {})?),
            None => None,
        };
        let mut markets = vec![];
        let ids: Vec<String> = self.markets.keys().cloned().collect();
        for id in &ids {
            let record = match self.socializer.clone() {
                Some(soc) => {
                    Some(self.query(&soc, &socializer::QueryMsg::Market { id: id.clone() })?)
                }
                None => None,
            };
            let m = &self.markets[id];
            markets.push(MarketFinal {
                id: id.clone(),
                record,
                uncovered: Uint128::new(m.uncovered),
                traders_profit: Uint128::new(m.traders_profit),
                lp_pool: Uint128::new(m.lp_pool),
            });
        }
        let mut accounts: Vec<(String, String)> = vec![];
        for (n, a) in &self.actors {
            let role = match a.role {
                Role::Underwriter => "underwriter",
                Role::Staker => "staker",
                Role::Builtin => "builtin",
            };
            accounts.push((format!("{role}:{n}"), a.addr.clone()));
        }
        for (id, m) in &self.markets {
            accounts.push((format!("market:{id}"), m.addr.clone()));
        }
        accounts.push(("contract:vault".into(), vault.clone()));
        if let Some(s) = &self.staking {
            accounts.push(("contract:staking".into(), s.clone()));
        }
        if let Some(s) = &self.socializer {
            accounts.push(("contract:socializer".into(), s.clone()));
        }
        let mut balances = BTreeMap::new();
        for (key, addr) in accounts {
            let asset = Uint128::new(self.asset_balance(&addr)?);
            let shares = Uint128::new(self.shares_of(&addr)?);
            balances.insert(
                key,
                AccountBalances {
                    address: addr,
                    asset,
                    shares,
                },
            );
        }
        let mut stakers = BTreeMap::new();
        if let Some(st) = self.staking.clone() {
            let names: Vec<(String, String)> = self
                .actors
                .iter()
                .filter(|(_, a)| a.role != Role::Builtin)
                .map(|(n, a)| (n.clone(), a.addr.clone()))
                .collect();
            for (n, addr) in names {
                let r: staking::StakerResponse =
                    self.query(&st, &staking::QueryMsg::Staker { address: addr })?;
                if !r.shares.is_zero() || !r.unbonding_tokens.is_zero() || !r.unbondings.is_empty()
                {
                    stakers.insert(n, r);
                }
            }
        }
        Ok(FinalState {
            vault: price,
            staking,
            markets,
            balances,
            stakers,
        })
    }

    /// What an actor's positions are worth now, in the asset: free shares,
    /// unlock requests, stake and pending rewards.
    fn holdings(&mut self, name: &str, f: &FinalState) -> Result<u128, String> {
        let addr = self.addr(name);
        let to_assets = |shares: u128| -> u128 {
            if f.vault.total_shares.is_zero() {
                0
            } else {
                Uint128::new(shares)
                    .multiply_ratio(f.vault.total_assets, f.vault.total_shares)
                    .u128()
            }
        };
        let mut value = to_assets(self.shares_of(&addr)?);
        for r in self.unlock_requests(&addr)? {
            value += if r.lapsed {
                to_assets(r.shares.u128())
            } else {
                r.payable_now.u128()
            };
        }
        if let Some(st) = f.stakers.get(name) {
            value += to_assets(st.staked_tokens.u128() + st.unbonding_tokens.u128());
            value += st
                .pending_rewards
                .iter()
                .map(|p| p.amount.u128())
                .sum::<u128>();
        }
        Ok(value)
    }

    fn outcomes(&mut self, f: &FinalState) -> Result<Vec<ActorOutcome>, String> {
        let mut out = vec![];
        let names: Vec<String> = self.actors.keys().cloned().collect();
        let pct = |gain: i128, base: u128| (base > 0).then(|| gain as f64 / base as f64 * 100.0);
        for n in names {
            let (role, start, deposited, paid, addr) = {
                let a = &self.actors[&n];
                (a.role, a.wallet_start, a.deposited, a.paid, a.addr.clone())
            };
            if n == "gov" {
                continue;
            }
            let wallet = self.asset_balance(&addr)?;
            let holdings = self.holdings(&n, f)?;
            let gain = wallet as i128 + holdings as i128 - start as i128;
            match role {
                Role::Underwriter | Role::Staker => {
                    if deposited == 0 && gain == 0 {
                        continue;
                    }
                    out.push(ActorOutcome {
                        group: if role == Role::Underwriter {
                            "underwriters"
                        } else {
                            "stakers"
                        }
                        .into(),
                        name: n.clone(),
                        base: Uint128::new(deposited),
                        base_is: "deposited".into(),
                        gain: gain.to_string(),
                        percent: pct(gain, deposited),
                    })
                }
                Role::Builtin => {
                    if paid == 0 && gain == 0 && deposited == 0 {
                        continue;
                    }
                    out.push(ActorOutcome {
                        group: n.clone(),
                        name: n.clone(),
                        base: Uint128::new(paid + deposited),
                        base_is: "paid in".into(),
                        gain: gain.to_string(),
                        percent: None,
                    })
                }
            }
        }
        for m in &f.markets {
            let book = &self.markets[&m.id];
            let (traders, repaid, lps, market_loss) = match &m.record {
                Some(r) => (
                    r.totals.trader_haircut.u128(),
                    r.totals.haircut_repaid.u128(),
                    r.totals.lp_haircut.u128(),
                    r.bad_debt.u128() + r.totals.unbacked.u128(),
                ),
                None => (0, 0, 0, m.uncovered.u128()),
            };
            let t = -((traders - repaid.min(traders)) as i128);
            if book.profit_start > 0 || t != 0 {
                out.push(ActorOutcome {
                    group: "traders".into(),
                    name: m.id.clone(),
                    base: Uint128::new(book.profit_start),
                    base_is: "profit at start".into(),
                    gain: t.to_string(),
                    percent: pct(t, book.profit_start),
                });
            }
            let l = -(lps as i128);
            if book.pool_start > 0 || l != 0 {
                out.push(ActorOutcome {
                    group: "lps".into(),
                    name: m.id.clone(),
                    base: Uint128::new(book.pool_start),
                    base_is: "pool at start".into(),
                    gain: l.to_string(),
                    percent: pct(l, book.pool_start),
                });
            }
            let ml = -(market_loss as i128);
            if book.reported > 0 || ml != 0 {
                out.push(ActorOutcome {
                    group: "market".into(),
                    name: m.id.clone(),
                    base: Uint128::new(book.reported),
                    base_is: "losses reported".into(),
                    gain: ml.to_string(),
                    percent: pct(ml, book.reported),
                });
            }
        }
        Ok(out)
    }
}

/// `{"exits": true}` as `exits on`.
fn switches(v: &serde_json::Value) -> String {
    v.as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| {
                    v.as_bool()
                        .map(|b| format!("{k} {}", if b { "on" } else { "off" }))
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}
