//! One invariant state machine over the whole pipeline: the vault, staking
//! over its shares, the socializer and two test exchanges, on a native or a
//! cw20 asset, driven by a seeded random sequence of every user, market,
//! governance and hostile message, with time jumps onto cooldown and window
//! boundaries and magnitudes from one unit up. After every step:
//!
//! 1. every unit of the asset is conserved across all accounts and
//!    contracts, exactly;
//! 2. the vault's ledger never exceeds what it holds, nor the staking
//!    contract's ledger the shares it holds, and the socializer holds
//!    nothing;
//! 3. every share is accounted for: the vault's total is the sum of every
//!    holder's balance, its escrow and the dead shares;
//! 4. a refused message moves nothing, and an outsider's privileged message
//!    is always refused;
//! 5. a report does exactly what its simulation said, in the same block;
//! 6. no contract panics (a panic fails the test).
//!
//! `BACKSTOP_INVARIANT_OPS` sets the operations per run (default 10,000 in
//! all, over the seeds below and fresh ones); `BACKSTOP_INVARIANT_SEED`
//! replays one seed. A failing seed is printed: add it to
//! [`REGRESSION_SEEDS`].

mod suite;

use backstop_types::socializer::{self, ShortfallOutcome};
use backstop_types::{fund_vault, staking};
use cosmwasm_std::{to_json_binary, Addr, Uint128};
use cw20::Cw20ExecuteMsg;
use cw_multi_test::{AppResponse, Executor};
use suite::{AssetKind, Pipeline, PipelineBuilder, WEEK};

/// The socializer's daily draw cap at the vault, so that reports run into it.
const WINDOW_CAP: u128 = 50_000_000_000;

/// Each user's LP tokens at the start.
const LP_START: u128 = 1_000_000_000;

/// Bonded and unbonding stake lost the same fraction between `before` and
/// `after`, each side rounded down by at most a unit or two.
fn check_fractions(before: &staking::TotalsResponse, after: &staking::TotalsResponse) {
    let (b0, u0) = (before.bonded_tokens.u128(), before.unbonding_tokens.u128());
    let (b1, u1) = (after.bonded_tokens.u128(), after.unbonding_tokens.u128());
    if b0 > 0 && u0 > 0 && after.total_tokens < before.total_tokens {
        let gap = (b1 * u0).abs_diff(u1 * b0);
        assert!(
            gap <= 2 * (b0 + u0),
            "bonded {b0} -> {b1} and unbonding {u0} -> {u1} lost different fractions"
        );
    }
}

/// `addr`'s balance of the second reward denom.
fn other_balance(p: &Pipeline, addr: &Addr) -> u128 {
    p.app
        .wrap()
        .query_balance(addr, OTHER)
        .map(|c| c.amount.u128())
        .unwrap_or(0)
}

/// Seeds that once failed, replayed first on every run.
const REGRESSION_SEEDS: &[u64] = &[];

const DAY: u64 = 24 * 3600;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// An amount from one unit to `max`, spread over every magnitude.
    fn amount(&mut self, max: u128) -> u128 {
        let digits = self.below(13) as u32;
        let top = 10u128.pow(digits).min(max).max(1);
        1 + (u128::from(self.next()) % top)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Machine {
    p: Pipeline,
    second: Addr,
    /// Every account that can hold the asset or shares.
    holders: Vec<Addr>,
    total_asset: u128,
    /// The second reward asset (a native denom), in all accounts.
    total_other: u128,
    /// The users whose positions must not fall through another's action.
    users: Vec<Addr>,
    /// Who acted in the step just played, when a user did.
    actor: Option<Addr>,
    ops: u64,
    refused: u64,
    /// Accepted and refused steps by kind.
    kinds: Kinds,
    /// A second staking pool, over its own cw20 (not vault shares).
    lp: LpPool,
}

/// A staking contract over a plain cw20, slashed by the treasury.
struct LpPool {
    token: Addr,
    staking: Addr,
    /// The token's supply, held by the users, the pool and the treasury.
    supply: u128,
}

/// Accepted and refused steps by kind.
type Kinds = std::collections::BTreeMap<String, (u64, u64)>;

/// The second reward asset.
const OTHER: &str = "uother";

/// What one user holds and is owed, for the non-interference check.
#[derive(Debug, Clone, PartialEq)]
struct Position {
    shares: u128,
    share_value: u128,
    staked_shares: u128,
    staked_tokens: u128,
    unbonding_tokens: u128,
    pending: Vec<u128>,
    /// The same in the LP pool.
    lp_staked: u128,
    lp_unbonding: u128,
    lp_pending: u128,
    lp_tokens: u128,
}

/// Steps that may lower another user's position: losses, and governance.
const MAY_HURT: &[&str] = &["report", "vault pause", "staking cap", "lp slash"];

impl LpPool {
    fn new(p: &mut Pipeline) -> Self {
        let mut users = vec![p.underwriter.clone(), p.outsider.clone()];
        users.extend(p.lps.iter().cloned());
        let cw20 = p.app.store_code(test_support::cw20_contract());
        let token =
            test_support::instantiate_cw20(&mut p.app, cw20, &p.gov, "LPT", &users, LP_START);
        let code = p.app.store_code(suite::staking_contract());
        let staking = p
            .app
            .instantiate_contract(
                code,
                p.gov.clone(),
                &staking::InstantiateMsg {
                    owner: p.gov.to_string(),
                    staking_token: token.to_string(),
                    params: staking::ParamsMsg {
                        unbonding_seconds: WEEK,
                        max_slash_ratio: cosmwasm_std::Decimal::percent(50),
                        max_open_unbondings: 5,
                        exit_window_seconds: None,
                        slashers: vec![p.treasury.to_string()],
                        reward_funders: None,
                        guardian: None,
                        notice_seconds: None,
                    },
                    reward_assets: vec![backstop_types::asset::AssetInfoUnchecked::Native {
                        denom: OTHER.into(),
                    }],
                },
                &[],
                "lp-staking",
                None,
            )
            .unwrap();
        LpPool {
            token,
            staking,
            supply: LP_START * users.len() as u128,
        }
    }

    fn balance(&self, p: &Pipeline, who: &Addr) -> u128 {
        p.cw20_balance(&self.token, who)
    }

    fn totals(&self, p: &Pipeline) -> staking::TotalsResponse {
        p.app
            .wrap()
            .query_wasm_smart(&self.staking, &staking::QueryMsg::Totals {})
            .unwrap()
    }
}

impl Machine {
    fn new(kind: AssetKind) -> Self {
        let mut p = PipelineBuilder::new(kind).window_cap(WINDOW_CAP).build();
        let second = p.add_market("eth-perp");
        let mut holders = p.accounts();
        holders.push(p.treasury.clone());
        holders.push(second.clone());
        let total_asset = holders.iter().map(|a| p.asset_balance(a)).sum();
        // rewards in a second native denom and in the vault's own asset
        let main = match &p.token {
            None => backstop_types::asset::AssetInfoUnchecked::Native {
                denom: suite::DENOM.into(),
            },
            Some(t) => backstop_types::asset::AssetInfoUnchecked::Cw20 {
                address: t.to_string(),
            },
        };
        let other = backstop_types::asset::AssetInfoUnchecked::Native {
            denom: OTHER.into(),
        };
        for asset in [other, main] {
            p.app
                .wasm_sudo(
                    p.staking.clone(),
                    &staking::GovMsg::AddRewardAsset { asset },
                )
                .unwrap();
        }
        let lp = LpPool::new(&mut p);
        holders.push(lp.staking.clone());
        let total_other = holders.iter().map(|a| other_balance(&p, a)).sum();
        let users = vec![
            p.underwriter.clone(),
            p.lps[0].clone(),
            p.lps[1].clone(),
            p.outsider.clone(),
        ];
        Machine {
            p,
            second,
            holders,
            total_asset,
            total_other,
            users,
            actor: None,
            ops: 0,
            refused: 0,
            kinds: Kinds::new(),
            lp,
        }
    }

    fn position(&self, user: &Addr) -> Position {
        let p = &self.p;
        let shares = p.shares(user);
        let staker_of = |pool: &Addr| -> staking::StakerResponse {
            p.app
                .wrap()
                .query_wasm_smart(
                    pool,
                    &staking::QueryMsg::Staker {
                        address: user.to_string(),
                    },
                )
                .unwrap()
        };
        let staker = staker_of(&p.staking);
        let lp = staker_of(&self.lp.staking);
        Position {
            shares,
            share_value: p.share_value(shares),
            staked_shares: staker.shares.u128(),
            staked_tokens: staker.staked_tokens.u128(),
            unbonding_tokens: staker.unbonding_tokens.u128(),
            pending: staker
                .pending_rewards
                .iter()
                .map(|r| r.amount.u128())
                .collect(),
            lp_staked: lp.staked_tokens.u128(),
            lp_unbonding: lp.unbonding_tokens.u128(),
            lp_pending: lp.pending_rewards.first().map_or(0, |r| r.amount.u128()),
            lp_tokens: self.lp.balance(p, user),
        }
    }

    /// A lapse bonds exactly the lapsed entries' shares again, and the
    /// claim pays only for the entries still inside their window.
    fn check_lapse(
        &self,
        result: &anyhow::Result<AppResponse>,
        before: &[Position],
        after: &[Position],
    ) {
        let res = result.as_ref().expect("a lapse is an accepted claim");
        let lapse = lapse_event(res).expect("the lapse event");
        let at = self
            .users
            .iter()
            .position(|u| Some(u) == self.actor.as_ref())
            .expect("the claimer is a user");
        assert_eq!(
            after[at].staked_shares,
            before[at].staked_shares + lapse.shares.u128(),
            "a lapse bonds the entries' shares again"
        );
        let paid = staking::ClaimEvent::find(&res.events).map_or(0, |e| e.amount.u128());
        // (two units of slack: the claim's rounding favours the pool, so the
        // remaining entries' and the stake's value may each round up by one)
        // the lapsed entries' value moved from unbonding to bonded stake
        let rebonded = after[at]
            .staked_tokens
            .saturating_sub(before[at].staked_tokens);
        assert!(
            after[at].unbonding_tokens + paid + rebonded <= before[at].unbonding_tokens + 2,
            "a lapse paid for its entries"
        );
    }

    /// Nobody's position fell through another user's action.
    fn check_non_interference(&self, step: &str, before: &[Position], after: &[Position]) {
        if MAY_HURT.contains(&step) {
            return;
        }
        for ((user, was), now) in self.users.iter().zip(before).zip(after) {
            if self.actor.as_ref() == Some(user) {
                continue;
            }
            let fell = now.shares < was.shares
                || now.share_value < was.share_value
                || now.staked_shares < was.staked_shares
                || now.staked_tokens < was.staked_tokens
                || now.unbonding_tokens < was.unbonding_tokens
                || now.pending.iter().zip(&was.pending).any(|(n, w)| n < w)
                || now.lp_staked < was.lp_staked
                || now.lp_unbonding < was.lp_unbonding
                || now.lp_pending < was.lp_pending
                || now.lp_tokens < was.lp_tokens;
            assert!(
                !fell,
                "{step} by {:?} lowered {user}'s position: {was:?} -> {now:?}",
                self.actor
            );
        }
    }

    /// The reward ledger of every asset: what was funded and not yet
    /// claimed is exactly what the contract holds of it (for the
    /// second denom, which nothing else moves), and covers every user's
    /// pending rewards and the stream's rest, with no more than rounding
    /// dust (one unit per staker) between them.
    fn check_rewards(&self, step: &str, now: &[Position]) {
        self.check_ledger(step, &self.p.staking, now, |p| p.pending.clone());
        self.check_ledger(step, &self.lp.staking, now, |p| vec![p.lp_pending]);
    }

    /// One pool's reward ledgers; `pending` reads a user's pending rewards
    /// by asset. Asset 0 is the second denom, which nothing else moves.
    fn check_ledger(
        &self,
        step: &str,
        pool: &Addr,
        now: &[Position],
        pending: impl Fn(&Position) -> Vec<u128>,
    ) {
        let p = &self.p;
        let assets: staking::RewardAssetsResponse = p
            .app
            .wrap()
            .query_wasm_smart(pool, &staking::QueryMsg::RewardAssets {})
            .unwrap();
        let positions: Vec<Vec<u128>> = now.iter().map(pending).collect();
        for (i, a) in assets.assets.iter().enumerate() {
            let owed = a.funded.u128() - a.claimed.u128();
            if i == 0 {
                assert_eq!(
                    other_balance(p, pool),
                    owed,
                    "{step}: {pool}'s {OTHER} differs from funded - claimed"
                );
            }
            let pending: u128 = positions
                .iter()
                .map(|v| v.get(i).copied().unwrap_or(0))
                .sum();
            let accounted = pending + a.undistributed.u128();
            assert!(
                accounted <= owed,
                "{step}: {pool} asset {i} owes {accounted} but holds {owed}"
            );
            assert!(
                owed - accounted <= self.users.len() as u128 + 1,
                "{step}: {pool} asset {i} lost {} units (owed {owed}, pending {pending}, stream {})",
                owed - accounted,
                a.undistributed
            );
        }
    }

    fn snapshot(&self) -> Vec<(u128, u128)> {
        let mut s: Vec<(u128, u128)> = self
            .holders
            .iter()
            .map(|a| (self.p.asset_balance(a), self.p.shares(a)))
            .collect();
        s.push((self.p.vault_total_assets(), self.p.vault_total_shares()));
        s.push((self.p.staking_totals().total_tokens.u128(), 0));
        for a in &self.holders {
            s.push((self.lp.balance(&self.p, a), other_balance(&self.p, a)));
        }
        s.push((self.lp.totals(&self.p).total_tokens.u128(), 0));
        s
    }

    fn check(&self, step: &str, now: &[Position]) {
        let p = &self.p;
        let held: u128 = self.holders.iter().map(|a| p.asset_balance(a)).sum();
        assert_eq!(held, self.total_asset, "{step}: the asset is not conserved");
        let other: u128 = self.holders.iter().map(|a| other_balance(p, a)).sum();
        assert_eq!(other, self.total_other, "{step}: {OTHER} is not conserved");
        self.check_rewards(step, now);
        let lp_held: u128 = self.holders.iter().map(|a| self.lp.balance(p, a)).sum();
        assert_eq!(
            lp_held, self.lp.supply,
            "{step}: the LP token is not conserved"
        );
        assert!(
            self.lp.totals(p).total_tokens.u128() <= self.lp.balance(p, &self.lp.staking),
            "{step}: the LP pool's ledger exceeds the tokens it holds"
        );
        let claimant: fund_vault::ClaimantResponse = p
            .app
            .wrap()
            .query_wasm_smart(
                &p.vault,
                &fund_vault::QueryMsg::Claimant {
                    address: p.socializer.to_string(),
                },
            )
            .unwrap();
        assert!(
            claimant.window_used <= claimant.limits.window_cap
                && claimant.paid_total <= claimant.limits.lifetime_cap,
            "{step}: the socializer drew past its caps: {claimant:?}"
        );
        assert!(
            p.vault_total_assets() <= p.asset_balance(&p.vault),
            "{step}: the vault's ledger exceeds what it holds"
        );
        let staked = p.staking_totals().total_tokens.u128();
        assert!(
            staked <= p.shares(&p.staking),
            "{step}: the staking ledger exceeds the shares it holds"
        );
        assert_eq!(
            p.asset_balance(&p.socializer),
            0,
            "{step}: the socializer kept funds"
        );
        let shares: u128 = self.holders.iter().map(|a| p.shares(a)).sum();
        assert_eq!(
            shares,
            p.vault_total_shares(),
            "{step}: shares are not all accounted for"
        );
    }

    fn run(&mut self, rng: &mut Rng, steps: u64) {
        for _ in 0..steps {
            let before = self.snapshot();
            let positions: Vec<Position> = self.users.iter().map(|u| self.position(u)).collect();
            self.actor = None;
            let (name, result) = self.step(rng);
            self.ops += 1;
            let kind = self.kinds.entry(name.clone()).or_default();
            match result.is_ok() {
                true => kind.0 += 1,
                false => kind.1 += 1,
            }
            if result.is_err() {
                self.refused += 1;
                assert_eq!(
                    self.snapshot(),
                    before,
                    "{name}: a refused message moved value"
                );
            }
            let now: Vec<Position> = self.users.iter().map(|u| self.position(u)).collect();
            self.check(&name, &now);
            self.check_non_interference(&name, &positions, &now);
            if name == "claim (lapse)" {
                self.check_lapse(&result, &positions, &now);
            }
        }
    }

    fn exec<M: serde::Serialize + std::fmt::Debug>(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &M,
        funds: u128,
    ) -> anyhow::Result<AppResponse> {
        let funds = match (self.p.kind, funds) {
            (AssetKind::Native, n) if n > 0 => vec![cosmwasm_std::coin(n, suite::DENOM)],
            _ => vec![],
        };
        self.p
            .app
            .execute_contract(sender.clone(), contract.clone(), msg, &funds)
    }

    /// Sends `amount` of the asset to `contract` with `hook`: native funds
    /// with `native`, or a cw20 `Send` carrying `hook`.
    fn pay<M: serde::Serialize + std::fmt::Debug, H: serde::Serialize>(
        &mut self,
        from: &Addr,
        contract: &Addr,
        amount: u128,
        native: &M,
        hook: &H,
    ) -> anyhow::Result<AppResponse> {
        match self.p.token.clone() {
            None => self.exec(from, contract, native, amount),
            Some(t) => {
                let send = Cw20ExecuteMsg::Send {
                    contract: contract.to_string(),
                    amount: Uint128::new(amount),
                    msg: to_json_binary(hook).unwrap(),
                };
                self.exec(from, &t, &send, 0)
            }
        }
    }

    fn step(&mut self, rng: &mut Rng) -> (String, anyhow::Result<AppResponse>) {
        let p = &self.p;
        let users = [
            p.underwriter.clone(),
            p.lps[0].clone(),
            p.lps[1].clone(),
            p.outsider.clone(),
        ];
        let user = rng.pick(&users).clone();
        let markets = [p.exchange.clone(), self.second.clone()];
        let market = rng.pick(&markets).clone();
        let gov = p.gov.clone();
        let outsider = p.outsider.clone();
        let (mut name, result) = self.pick_step(rng, user.clone(), market, gov, outsider.clone());
        // a claim that found entries past their exit window is its own kind
        let lapsed = result.as_ref().ok().and_then(lapse_event);
        if let (Some(_), "claim" | "lp claim") = (&lapsed, name.as_str()) {
            name.push_str(" (lapse)");
        }
        self.actor = match name.as_str() {
            "deposit" | "stake" | "unlock" | "withdraw" | "unstake" | "claim" | "claim (lapse)"
            | "transfer shares" | "claim rewards" | "lp stake" | "lp unstake" | "lp claim"
            | "lp claim (lapse)" | "lp claim rewards" => Some(user),
            "hostile" => Some(outsider),
            _ => None,
        };
        (name, result)
    }

    fn pick_step(
        &mut self,
        rng: &mut Rng,
        user: Addr,
        market: Addr,
        gov: Addr,
        outsider: Addr,
    ) -> (String, anyhow::Result<AppResponse>) {
        let p = &self.p;
        let users = self.users.clone();
        let (vault, staking_addr, soc) = (p.vault.clone(), p.staking.clone(), p.socializer.clone());
        match rng.below(21) {
            0 | 1 => {
                let amount = rng.amount(1_000_000_000);
                let msg = fund_vault::ExecuteMsg::Deposit {
                    recipient: None,
                    min_shares: None,
                };
                let hook = fund_vault::ReceiveMsg::Deposit {
                    recipient: None,
                    min_shares: None,
                };
                (
                    "deposit".into(),
                    self.pay(&user, &vault, amount, &msg, &hook),
                )
            }
            2 => {
                let shares = rng.amount(self.p.shares(&user).max(1));
                let msg = fund_vault::ExecuteMsg::Send {
                    contract: staking_addr.to_string(),
                    amount: Uint128::new(shares),
                    msg: to_json_binary(&staking::ReceiveMsg::Stake {}).unwrap(),
                };
                ("stake".into(), self.exec(&user, &vault, &msg, 0))
            }
            3 => {
                let shares = rng.amount(self.p.shares(&user).max(1));
                let msg = fund_vault::ExecuteMsg::Unlock {
                    shares: Uint128::new(shares),
                };
                ("unlock".into(), self.exec(&user, &vault, &msg, 0))
            }
            4 => {
                let id = rng.below(12);
                let msg = fund_vault::ExecuteMsg::WithdrawUnlocked {
                    id,
                    recipient: None,
                };
                ("withdraw".into(), self.exec(&user, &vault, &msg, 0))
            }
            5 => {
                let amount = rng.amount(1_000_000_000);
                let msg = staking::ExecuteMsg::Unstake {
                    amount: Uint128::new(amount),
                };
                ("unstake".into(), self.exec(&user, &staking_addr, &msg, 0))
            }
            6 => {
                let msg = staking::ExecuteMsg::Claim { id: None };
                ("claim".into(), self.exec(&user, &staking_addr, &msg, 0))
            }
            7 | 8 => self.report(rng, &market),
            9 => {
                let amount = rng.amount(1_000_000_000);
                let market_id = if market == self.p.exchange {
                    suite::MARKET
                } else {
                    "eth-perp"
                };
                let msg = socializer::ExecuteMsg::Recover {
                    market_id: market_id.into(),
                };
                let hook = socializer::ReceiveMsg::Recover {
                    market_id: market_id.into(),
                };
                let from = self.p.recoverer.clone();
                ("recover".into(), self.pay(&from, &soc, amount, &msg, &hook))
            }
            10 => {
                let amount = rng.amount(10_000_000);
                let from = self.p.treasury.clone();
                let msg = fund_vault::ExecuteMsg::AddIncome {};
                let hook = fund_vault::ReceiveMsg::AddIncome {};
                (
                    "income".into(),
                    self.pay(&from, &vault, amount, &msg, &hook),
                )
            }
            11 => {
                let secs = *rng.pick(&[1, 60, DAY, 2 * DAY, WEEK, WEEK + 1, WEEK + 2 * DAY]);
                self.p.advance(secs);
                ("advance".into(), Ok(AppResponse::default()))
            }
            12 => self.hostile(rng, &outsider),
            13 => {
                let on = rng.below(2) == 0;
                let update = fund_vault::PauseUpdate {
                    payouts: Some(on),
                    ..Default::default()
                };
                let r = self
                    .p
                    .app
                    .wasm_sudo(vault, &fund_vault::GovMsg::SetPause(update));
                ("vault pause".into(), r)
            }
            14 => {
                let ratio = cosmwasm_std::Decimal::percent(1 + rng.below(99));
                let update = staking::ParamsUpdate {
                    max_slash_ratio: Some(ratio),
                    ..Default::default()
                };
                let was = self.staking_params().max_slash_ratio;
                let r = self
                    .p
                    .app
                    .wasm_sudo(staking_addr.clone(), &staking::GovMsg::UpdateParams(update));
                if r.is_ok() && ratio > was {
                    // a raise waits out the timelock
                    assert_eq!(self.staking_params().max_slash_ratio, was);
                }
                ("staking cap".into(), r)
            }
            16 => self.fund_rewards(rng),
            18..=20 => self.lp_step(rng, &user),
            17 => {
                let msg = staking::ExecuteMsg::ClaimRewards { asset: None };
                (
                    "claim rewards".into(),
                    self.exec(&user, &staking_addr, &msg, 0),
                )
            }
            _ => {
                let amount = rng.amount(1_000_000_000);
                let msg = fund_vault::ExecuteMsg::Transfer {
                    recipient: rng.pick(&users).to_string(),
                    amount: Uint128::new(amount),
                };
                let _ = (gov, soc);
                ("transfer shares".into(), self.exec(&user, &vault, &msg, 0))
            }
        }
    }

    /// A step on the LP pool: a user's stake, unstake or claims, anyone's
    /// reward funding, or the treasury's slash.
    fn lp_step(&mut self, rng: &mut Rng, user: &Addr) -> (String, anyhow::Result<AppResponse>) {
        let (token, pool) = (self.lp.token.clone(), self.lp.staking.clone());
        let app = &mut self.p.app;
        match rng.below(7) {
            0 | 1 => {
                let send = Cw20ExecuteMsg::Send {
                    contract: pool.to_string(),
                    amount: Uint128::new(rng.amount(LP_START)),
                    msg: to_json_binary(&staking::ReceiveMsg::Stake {}).unwrap(),
                };
                (
                    "lp stake".into(),
                    app.execute_contract(user.clone(), token, &send, &[]),
                )
            }
            2 => {
                let msg = staking::ExecuteMsg::Unstake {
                    amount: Uint128::new(rng.amount(LP_START)),
                };
                (
                    "lp unstake".into(),
                    app.execute_contract(user.clone(), pool, &msg, &[]),
                )
            }
            3 => {
                let msg = staking::ExecuteMsg::Claim { id: None };
                (
                    "lp claim".into(),
                    app.execute_contract(user.clone(), pool, &msg, &[]),
                )
            }
            4 => {
                let msg = staking::ExecuteMsg::ClaimRewards { asset: None };
                let r = app.execute_contract(user.clone(), pool, &msg, &[]);
                ("lp claim rewards".into(), r)
            }
            5 => {
                let funder = rng
                    .pick(&[self.p.treasury.clone(), self.p.outsider.clone()])
                    .clone();
                let mode = match rng.below(2) {
                    0 => staking::FundMode::Instant {},
                    _ => staking::FundMode::Stream {
                        period_seconds: *rng.pick(&[1, DAY, WEEK]),
                    },
                };
                let msg = staking::ExecuteMsg::FundRewards { mode };
                let funds = [cosmwasm_std::coin(rng.amount(10_000_000), OTHER)];
                let r = self.p.app.execute_contract(funder, pool, &msg, &funds);
                ("lp fund rewards".into(), r)
            }
            _ => {
                let before = self.lp.totals(&self.p);
                let msg = staking::ExecuteMsg::Slash {
                    amount: Uint128::new(rng.amount(LP_START)),
                    recipient: self.p.treasury.to_string(),
                    msg: None,
                };
                let treasury = self.p.treasury.clone();
                let r = self.p.app.execute_contract(treasury, pool, &msg, &[]);
                if r.is_ok() {
                    check_fractions(&before, &self.lp.totals(&self.p));
                }
                ("lp slash".into(), r)
            }
        }
    }

    fn staking_params(&self) -> staking::Params {
        self.p
            .app
            .wrap()
            .query_wasm_smart(&self.p.staking, &staking::QueryMsg::Params {})
            .unwrap()
    }

    /// Reward funding by the treasury or an outsider (funding is open), in
    /// the second denom or the vault's asset, at once or streamed over any
    /// period.
    fn fund_rewards(&mut self, rng: &mut Rng) -> (String, anyhow::Result<AppResponse>) {
        let funder = rng
            .pick(&[self.p.treasury.clone(), self.p.outsider.clone()])
            .clone();
        let amount = rng.amount(10_000_000);
        let mode = match rng.below(3) {
            0 => staking::FundMode::Instant {},
            _ => staking::FundMode::Stream {
                period_seconds: *rng.pick(&[1, 60, DAY, WEEK, 30 * DAY]),
            },
        };
        let staking_addr = self.p.staking.clone();
        let msg = staking::ExecuteMsg::FundRewards { mode: mode.clone() };
        let res = match rng.below(2) {
            0 => self.p.app.execute_contract(
                funder,
                staking_addr,
                &msg,
                &[cosmwasm_std::coin(amount, OTHER)],
            ),
            _ => {
                let hook = staking::ReceiveMsg::FundRewards { mode };
                self.pay(&funder, &staking_addr, amount, &msg, &hook)
            }
        };
        ("fund rewards".into(), res)
    }

    /// A market's report, checked against its simulation in the same block.
    fn report(&mut self, rng: &mut Rng, market: &Addr) -> (String, anyhow::Result<AppResponse>) {
        let amount = rng.amount(1_000_000_000_000);
        let market_id = if *market == self.p.exchange {
            suite::MARKET
        } else {
            "eth-perp"
        };
        let pool: test_exchange::Pool = self
            .p
            .app
            .wrap()
            .query_wasm_smart(market, &test_exchange::QueryMsg::Pool {})
            .unwrap();
        let simulated: Result<ShortfallOutcome, _> = self.p.app.wrap().query_wasm_smart(
            &self.p.socializer,
            &socializer::QueryMsg::SimulateShortfall {
                market_id: market_id.into(),
                amount: Uint128::new(amount),
                total_profit: pool.total_profit,
                lp_pool_value: pool.lp_pool_value,
            },
        );
        let gov = self.p.gov.clone();
        let staked_before = self.p.staking_totals();
        let cap = self.staking_params().max_slash_ratio;
        let res = self.p.app.execute_contract(
            gov,
            market.clone(),
            &test_exchange::ExecuteMsg::Liquidate {
                bad_debt: Uint128::new(amount),
            },
            &[],
        );
        if res.is_ok() {
            let outcome: Option<ShortfallOutcome> = self
                .p
                .app
                .wrap()
                .query_wasm_smart(market, &test_exchange::QueryMsg::LastOutcome {})
                .unwrap();
            let (outcome, simulated) = (outcome.unwrap(), simulated.unwrap());
            assert_eq!(
                outcome.layers, simulated.layers,
                "simulation equals execution"
            );
            assert_eq!(outcome.residual, simulated.residual);
            self.check_slash(&staked_before, cap);
        }
        ("report".into(), res)
    }

    /// A report's slash took at most the staking cap, and bonded and
    /// unbonding stake lost the same fraction, within rounding.
    fn check_slash(&self, before: &staking::TotalsResponse, cap: cosmwasm_std::Decimal) {
        let after = self.p.staking_totals();
        let (t0, t1) = (before.total_tokens.u128(), after.total_tokens.u128());
        let taken = t0.saturating_sub(t1);
        let most = cap
            .checked_mul(cosmwasm_std::Decimal::from_ratio(t0, 1u128))
            .map_or(u128::MAX, |d| d.to_uint_ceil().u128());
        assert!(
            taken <= most + 1,
            "a slash took {taken} of {t0}, over the cap {cap}"
        );
        check_fractions(before, &after);
    }

    /// An outsider's privileged message: always refused.
    fn hostile(&mut self, rng: &mut Rng, outsider: &Addr) -> (String, anyhow::Result<AppResponse>) {
        let p = &self.p;
        let (vault, staking_addr, soc) = (p.vault.clone(), p.staking.clone(), p.socializer.clone());
        let amount = Uint128::new(rng.amount(1_000_000));
        let res = match rng.below(5) {
            0 => self.exec(
                outsider,
                &soc,
                &socializer::ExecuteMsg::ReportShortfall {
                    report_id: 1,
                    amount,
                    total_profit: amount,
                    lp_pool_value: amount,
                },
                0,
            ),
            1 => self.exec(
                outsider,
                &vault,
                &fund_vault::ExecuteMsg::CoverShortfall {
                    amount,
                    recipient: outsider.to_string(),
                },
                0,
            ),
            2 => self.exec(
                outsider,
                &staking_addr,
                &staking::ExecuteMsg::Slash {
                    amount,
                    recipient: outsider.to_string(),
                    msg: None,
                },
                0,
            ),
            3 => self.exec(
                outsider,
                &soc,
                &socializer::ExecuteMsg::Owner(Box::new(socializer::GovMsg::SetPause(
                    socializer::PauseUpdate {
                        reports: Some(true),
                        recoveries: None,
                    },
                ))),
                0,
            ),
            _ => self.exec(
                outsider,
                &vault,
                &fund_vault::ExecuteMsg::Owner(fund_vault::GovMsg::SetPause(
                    fund_vault::PauseUpdate {
                        payouts: Some(true),
                        ..Default::default()
                    },
                )),
                0,
            ),
        };
        assert!(
            res.is_err(),
            "an outsider's privileged message went through"
        );
        ("hostile".into(), res)
    }
}

fn ops_per_run() -> u64 {
    std::env::var("BACKSTOP_INVARIANT_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn lapse_event(res: &AppResponse) -> Option<staking::UnbondingLapsedEvent> {
    staking::UnbondingLapsedEvent::find(&res.events)
}

fn run_seed(seed: u64, ops: u64) -> (u64, u64, Kinds) {
    // a bit of the seed picks the asset: half the runs native, half cw20
    let kind = if (seed >> 7) & 1 == 0 {
        AssetKind::Native
    } else {
        AssetKind::Cw20
    };
    let mut m = Machine::new(kind);
    let mut rng = Rng(seed.max(1));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        m.run(&mut rng, ops);
        (m.ops, m.refused, std::mem::take(&mut m.kinds))
    }));
    match outcome {
        Ok(counts) => counts,
        Err(e) => {
            eprintln!(
                "invariant machine failed with seed {seed} ({kind:?}): add it to REGRESSION_SEEDS"
            );
            std::panic::resume_unwind(e)
        }
    }
}

/// `kind accepted/refused, ...`.
fn kinds_line(kinds: &Kinds) -> String {
    let parts: Vec<String> = kinds
        .iter()
        .map(|(name, (a, r))| format!("{name} {a}/{r}"))
        .collect();
    format!("accepted/refused by kind: {}", parts.join(", "))
}

#[test]
fn the_pipeline_keeps_every_invariant_over_random_operations() {
    let start = std::time::Instant::now();
    let total = ops_per_run();
    if let Some(seed) = std::env::var("BACKSTOP_INVARIANT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        let (ops, refused, kinds) = run_seed(seed, total);
        println!("invariant machine: seed {seed}, {ops} operations ({refused} refused)");
        println!("{}", kinds_line(&kinds));
        return;
    }
    for seed in REGRESSION_SEEDS {
        let _ = run_seed(*seed, 500);
    }
    // runs of 500 operations from fresh deployments, seeds from the clock
    let base = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let (mut ops, mut refused, mut runs) = (0, 0, 0);
    let mut kinds = Kinds::new();
    while ops < total {
        let seed = base.wrapping_add(runs).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let (o, r, k) = run_seed(seed, 500.min(total - ops));
        ops += o;
        refused += r;
        runs += 1;
        for (name, (a, b)) in k {
            let e = kinds.entry(name).or_default();
            e.0 += a;
            e.1 += b;
        }
    }
    println!(
        "invariant machine: {ops} operations in {runs} runs ({refused} refused), {:.1}s",
        start.elapsed().as_secs_f64()
    );
    println!("{}", kinds_line(&kinds));
    // every kind of step but the hostile one was accepted at least once
    if total >= 10_000 {
        assert!(
            kinds.contains_key("claim (lapse)"),
            "no unbonding ever lapsed"
        );
        for (name, (accepted, _)) in &kinds {
            match name.as_str() {
                "hostile" => assert_eq!(*accepted, 0, "a hostile step was accepted"),
                _ => assert!(*accepted > 0, "no {name} step was ever accepted"),
            }
        }
    }
}
