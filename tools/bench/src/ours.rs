//! Our operations, measured at N existing depositors, stakers or positions.
//! State for N is written directly, always with the same totals, so any
//! difference between N values comes from N alone.

use backstop_types::asset::AssetInfoUnchecked;
use backstop_types::fund_vault::{self, ClaimantLimits, ClaimantMsg, VaultState};
use backstop_types::socializer::{self, Layer, MarketMsg};
use backstop_types::staking::compact::Compact;
use backstop_types::staking::{
    self, FundMode, RewardPool, Staker, StakingState, UserReward, MAX_OPEN_UNBONDINGS_LIMIT,
};
use cosmwasm_std::testing::message_info;
use cosmwasm_std::{coins, from_json, to_json_binary, to_json_vec, Addr, Decimal, Uint128};
use cw20::Cw20ReceiveMsg;
use vm_harness::chain::{Chain, Run};
use vm_harness::read_artifact;

use crate::Row;

/// Total shares or tokens held by the N prepared accounts.
const TOTAL: u128 = 100_000_000_000;
const UNBONDING: u64 = 86_400;
const COOLDOWN: u64 = 86_400;

/// A user's account: 20 bytes, as on chain. Depositors, stakers, the fee
/// collector and reward funder (module accounts or wallets) and governance
/// (the gov module account) are accounts.
pub fn wallet(name: &str) -> String {
    vm_harness::wallet_addr(name)
}

/// A contract: 32 bytes, as on chain. Besides our contracts and the tokens,
/// the roles usually held by a contract are contracts too: the claimant and
/// slasher (the socializer), the market that reports and receives cover.
pub fn contract(name: &str) -> String {
    vm_harness::contract_addr(name)
}

fn expect(run: Result<Run, String>, what: &str) -> Run {
    run.unwrap_or_else(|e| panic!("{what}: {e}"))
}

fn row(contract: &'static str, op: &str, n: u64, run: &Run) -> Row {
    crate::breakdown(op, run);
    Row {
        contract,
        op: op.to_string(),
        n,
        gas: run.gas(),
        executions: run.executions.len() as u64,
        smart_queries: run.smart_queries(),
    }
}

fn instantiate<M: serde::Serialize>(chain: &mut Chain, contract: &str, msg: &M) {
    let gov = wallet("gov");
    chain
        .contract(contract)
        .instantiate(&message_info(&Addr::unchecked(&gov), &[]), msg)
        .expect("instantiate")
        .result
        .into_result()
        .unwrap_or_else(|e| panic!("instantiate {contract}: {e}"));
}

fn vault_msg(
    asset: AssetInfoUnchecked,
    claimant: &str,
    slash_sources: Vec<String>,
) -> fund_vault::InstantiateMsg {
    fund_vault::InstantiateMsg {
        owner: wallet("gov"),
        asset,
        share_token: fund_vault::ShareTokenInfo {
            name: "Backstop USDC".into(),
            symbol: "bsUSDC".into(),
            decimals: 6,
        },
        params: fund_vault::ParamsMsg {
            cooldown_seconds: COOLDOWN,
            exit_window_seconds: COOLDOWN,
            max_open_unlocks: 10,
            max_payout_fraction: Decimal::percent(50),
            min_reserve: Uint128::new(1_000),
            notice_seconds: None,
        },
        guardian: None,
        claimants: vec![ClaimantMsg {
            address: claimant.to_string(),
            limits: ClaimantLimits {
                lifetime_cap: Uint128::MAX,
                window_cap: Uint128::MAX,
                window_seconds: 86_400,
            },
        }],
        // the socializer's cover rides on the staking contract's slash hook
        slash_claimant: (!slash_sources.is_empty()).then(|| claimant.to_string()),
        slash_sources,
    }
}

/// Writes `n` depositors holding `total` shares between them, plus `extra`
/// (holder, shares) entries, and a consistent vault state at price one.
fn prepare_vault(chain: &mut Chain, vault: &str, n: u64, extra: &[(String, u128)]) {
    let c = chain.contract(vault);
    let per = TOTAL / n as u128;
    for i in 0..n {
        let holder = Addr::unchecked(wallet(&format!("depositor{i:06}")));
        c.set_raw(
            &cw20_base::state::BALANCES.key(&holder),
            &to_json_vec(&Uint128::new(per)).unwrap(),
        );
    }
    let mut shares = per * n as u128 + 1_000;
    c.set_raw(
        &cw20_base::state::BALANCES.key(&Addr::unchecked(vault)),
        &to_json_vec(&Uint128::new(1_000)).unwrap(),
    );
    for (holder, amount) in extra {
        c.set_raw(
            &cw20_base::state::BALANCES.key(&Addr::unchecked(holder)),
            &to_json_vec(&Uint128::new(*amount)).unwrap(),
        );
        shares += amount;
    }
    let state = VaultState {
        total_assets: Uint128::new(shares),
        total_shares: Uint128::new(shares),
        ..Default::default()
    };
    c.set_raw(fund_vault::STATE.as_slice(), &to_json_vec(&state).unwrap());
}

/// Budgets as a production deployment sets them: every per-market and
/// overall cap in force (so a report does all of its budget work, and
/// writes the overall usage), each loose enough for the benchmark's loss
/// to reach all four layers.
fn bench_limits() -> socializer::RiskLimits {
    let big = Some(Uint128::new(100 * TOTAL));
    socializer::RiskLimits {
        window_seconds: 24 * 3600,
        market_defaults: socializer::MarketLimits {
            vault_lifetime: big,
            vault_per_window: big,
            slash_lifetime: big,
            slash_per_window: big,
            trader_haircut_per_window: Some(Decimal::percent(50)),
            lp_haircut_per_window: Some(Decimal::percent(50)),
        },
        overall: socializer::OverallLimits {
            slash_ratio_per_window: Some(Decimal::percent(80)),
            haircut_per_window: big,
        },
    }
}

/// Registers `n` markets, each with its own reporter, as governance would.
fn prepare_markets(chain: &mut Chain, soc: &str, n: u64) {
    let c = chain.contract(soc);
    for i in 0..n {
        let id = format!("market-{i:06}");
        let reporter = Addr::unchecked(contract(&format!("reporter{i:06}")));
        let risk = socializer::MarketRisk {
            exposure_ceiling: Uint128::new(TOTAL),
            limits: None,
        };
        let market = socializer::Market::new(reporter.clone(), reporter.clone(), risk);
        c.set_raw(
            &socializer::MARKETS.key(&id),
            &to_json_vec(&market).unwrap(),
        );
        c.set_raw(
            &socializer::REPORTERS.key(&reporter),
            &to_json_vec(&id).unwrap(),
        );
    }
}

/// Writes `n` stakers holding `TOTAL` shares between them, each with
/// `assets` reward checkpoints.
fn prepare_staking(chain: &mut Chain, contract: &str, n: u64, assets: usize) {
    let c = chain.contract(contract);
    let per = TOTAL / n as u128;
    for i in 0..n {
        let staker = Staker {
            shares: Uint128::new(per),
            rewards: vec![UserReward::default(); assets],
            ..Default::default()
        };
        let key =
            staking_rewards::state::STAKERS.key(&Addr::unchecked(wallet(&format!("staker{i:06}"))));
        c.set_raw(&key, &to_json_vec(&staker).unwrap());
    }
    let total = Uint128::new(per * n as u128);
    let state = StakingState {
        total_tokens: total,
        total_shares: total,
        ..Default::default()
    };
    c.set_raw(staking::STATE.as_slice(), &state.encode());
    // every share is bonded: rewards accrue over all of them
    let rewards = staking_rewards::state::REWARDS;
    let mut pool: RewardPool =
        from_json(c.get_raw(rewards.as_slice()).expect("reward pool")).unwrap();
    pool.bonded_shares = total;
    c.set_raw(rewards.as_slice(), &to_json_vec(&pool).unwrap());
}

pub fn vault(n: u64) -> Vec<Row> {
    let (vault, user, claimant, market) = (
        contract("vault"),
        wallet("bench-user"),
        contract("claimant"),
        contract("market"),
    );
    let mut chain = Chain::new();
    chain.add(&vault, read_artifact("fund_vault"));
    instantiate(
        &mut chain,
        &vault,
        &vault_msg(
            AssetInfoUnchecked::Native {
                denom: "uusdc".into(),
            },
            &claimant,
            vec![],
        ),
    );
    prepare_vault(&mut chain, &vault, n, &[]);

    let mut rows = vec![];
    let deposit = fund_vault::ExecuteMsg::Deposit {
        recipient: None,
        min_shares: None,
    };
    let run = expect(
        chain.execute(&vault, &user, &coins(5_000_000, "uusdc"), &deposit),
        "deposit",
    );
    rows.push(row("fund-vault", "deposit (native)", n, &run));
    let run = expect(
        chain.execute(
            &vault,
            &wallet("fees"),
            &coins(1_000_000, "uusdc"),
            &fund_vault::ExecuteMsg::AddIncome {},
        ),
        "income",
    );
    rows.push(row("fund-vault", "add income", n, &run));
    let unlock = fund_vault::ExecuteMsg::Unlock {
        shares: Uint128::new(1_000_000),
    };
    let run = expect(chain.execute(&vault, &user, &[], &unlock), "unlock");
    rows.push(row("fund-vault", "unlock", n, &run));
    chain.advance(COOLDOWN);
    let withdraw = fund_vault::ExecuteMsg::WithdrawUnlocked {
        id: 0,
        recipient: None,
    };
    let run = expect(chain.execute(&vault, &user, &[], &withdraw), "withdraw");
    rows.push(row("fund-vault", "withdraw unlocked", n, &run));
    let cover = fund_vault::ExecuteMsg::CoverShortfall {
        amount: Uint128::new(1_000_000),
        recipient: market,
    };
    let run = expect(chain.execute(&vault, &claimant, &[], &cover), "cover");
    rows.push(row("fund-vault", "cover shortfall", n, &run));

    // the cw20 asset arrives through the hook
    let token = contract("usdc-token");
    let mut chain = Chain::new();
    chain.add(&vault, read_artifact("fund_vault"));
    instantiate(
        &mut chain,
        &vault,
        &vault_msg(
            AssetInfoUnchecked::Cw20 {
                address: token.clone(),
            },
            &claimant,
            vec![],
        ),
    );
    prepare_vault(&mut chain, &vault, n, &[]);
    let hook = fund_vault::ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: user,
        amount: Uint128::new(5_000_000),
        msg: to_json_binary(&fund_vault::ReceiveMsg::Deposit {
            recipient: None,
            min_shares: None,
        })
        .unwrap(),
    });
    let run = expect(chain.execute(&vault, &token, &[], &hook), "cw20 deposit");
    rows.push(row("fund-vault", "deposit (cw20 hook)", n, &run));
    rows
}

fn staking_chain(n: u64, assets: usize) -> (Chain, String) {
    staking_chain_at(n, assets, Decimal::percent(30))
}

fn staking_chain_at(n: u64, assets: usize, max_slash_ratio: Decimal) -> (Chain, String) {
    let staking_addr = contract("staking");
    let mut chain = Chain::new();
    chain.add(&staking_addr, read_artifact("staking_rewards"));
    instantiate(
        &mut chain,
        &staking_addr,
        &staking::InstantiateMsg {
            owner: wallet("gov"),
            staking_token: contract("stake-token"),
            params: staking::ParamsMsg {
                unbonding_seconds: UNBONDING,
                max_slash_ratio,
                max_open_unbondings: MAX_OPEN_UNBONDINGS_LIMIT,
                exit_window_seconds: None,
                slashers: vec![contract("slasher")],
                reward_funders: None,
                guardian: None,
                notice_seconds: None,
            },
            reward_assets: (0..assets)
                .map(|i| AssetInfoUnchecked::Native {
                    denom: format!("ur{i}"),
                })
                .collect(),
        },
    );
    prepare_staking(&mut chain, &staking_addr, n, assets);
    for i in 0..assets {
        let fund = staking::ExecuteMsg::FundRewards {
            mode: FundMode::Stream {
                period_seconds: 30 * UNBONDING,
            },
        };
        expect(
            chain.execute(
                &staking_addr,
                &wallet("funder"),
                &coins(1_000_000_000_000, format!("ur{i}")),
                &fund,
            ),
            "fund",
        );
    }
    chain.advance(60);
    (chain, staking_addr)
}

fn stake_msg(user: &str, amount: u128) -> staking::ExecuteMsg {
    staking::ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: user.to_string(),
        amount: Uint128::new(amount),
        msg: to_json_binary(&staking::ReceiveMsg::Stake {}).unwrap(),
    })
}

pub fn staking(n: u64) -> Vec<Row> {
    let (user, token) = (wallet("bench-user"), contract("stake-token"));
    let (mut chain, s) = staking_chain(n, 1);
    let mut rows = vec![];
    let run = expect(
        chain.execute(&s, &token, &[], &stake_msg(&user, 5_000_000)),
        "stake",
    );
    rows.push(row(
        "staking-rewards",
        "stake (1 reward asset accruing)",
        n,
        &run,
    ));
    chain.advance(60);
    let fund = staking::ExecuteMsg::FundRewards {
        mode: FundMode::Instant {},
    };
    let run = expect(
        chain.execute(&s, &wallet("funder"), &coins(1_000_000, "ur0"), &fund),
        "fund instant",
    );
    rows.push(row("staking-rewards", "fund rewards (instant)", n, &run));
    let fund = staking::ExecuteMsg::FundRewards {
        mode: FundMode::Stream {
            period_seconds: UNBONDING,
        },
    };
    let run = expect(
        chain.execute(&s, &wallet("funder"), &coins(1_000_000, "ur0"), &fund),
        "fund stream",
    );
    rows.push(row("staking-rewards", "fund rewards (stream)", n, &run));
    chain.advance(60);
    let claim = staking::ExecuteMsg::ClaimRewards { asset: None };
    let run = expect(chain.execute(&s, &user, &[], &claim), "claim rewards");
    rows.push(row("staking-rewards", "claim rewards (1 asset)", n, &run));
    let unstake = staking::ExecuteMsg::Unstake {
        amount: Uint128::new(2_000_000),
    };
    let run = expect(chain.execute(&s, &user, &[], &unstake), "unstake");
    rows.push(row("staking-rewards", "unstake", n, &run));
    chain.advance(UNBONDING);
    let run = expect(
        chain.execute(&s, &user, &[], &staking::ExecuteMsg::Claim { id: None }),
        "claim",
    );
    rows.push(row("staking-rewards", "claim unbonded", n, &run));
    let slash = staking::ExecuteMsg::Slash {
        amount: Uint128::new(1_000_000),
        recipient: contract("market"),
        msg: None,
    };
    let run = expect(
        chain.execute(&s, &contract("slasher"), &[], &slash),
        "slash",
    );
    rows.push(row("staking-rewards", "slash", n, &run));

    let max = backstop_types::staking::MAX_REWARD_ASSETS;
    for (assets, op) in [
        (5, "claim rewards (5 assets)".to_string()),
        (max, format!("claim rewards ({max} assets, the maximum)")),
    ] {
        let run = claim_in_every_asset(n, assets, &token, &user);
        rows.push(row("staking-rewards", &op, n, &run));
    }
    rows
}

/// A reward claim, a minute after staking, with `assets` reward assets
/// streaming.
fn claim_in_every_asset(n: u64, assets: usize, token: &str, user: &str) -> Run {
    let (mut chain, s) = staking_chain(n, assets);
    expect(
        chain.execute(&s, token, &[], &stake_msg(user, 5_000_000)),
        "stake",
    );
    chain.advance(60);
    let claim = staking::ExecuteMsg::ClaimRewards { asset: None };
    expect(chain.execute(&s, user, &[], &claim), "claim every asset")
}

/// The rare paths of share epochs: a slash deep enough to open a new epoch
/// (the N stakers' shares become one cohort: nothing is done per staker),
/// then a reward claim and a claim of unbondings by a staker whose record
/// and entry convert from the closed epoch (one cohort read and write).
pub fn staking_epochs(n: u64) -> Vec<Row> {
    let (user, token) = (wallet("bench-user"), contract("stake-token"));
    let most = Decimal::from_atomics(999_999_999_999_999_999u128, 18).expect("ratio");
    let (mut chain, s) = staking_chain_at(n, 1, most);
    let mut rows = vec![];
    expect(
        chain.execute(&s, &token, &[], &stake_msg(&user, 5_000_000)),
        "stake",
    );
    let unstake = staking::ExecuteMsg::Unstake {
        amount: Uint128::new(2_000_000),
    };
    expect(chain.execute(&s, &user, &[], &unstake), "unstake");
    chain.advance(60);
    let totals = StakingState::decode(
        &chain
            .contract(&s)
            .get_raw(staking::STATE.as_slice())
            .expect("state"),
    )
    .expect("state");
    // take all but a millionth of a millionth (or one unit): over 10⁷
    // shares per token
    let t = totals.total_tokens.u128();
    let amount = t - (t / 1_000_000_000_000).max(1);
    let slash = staking::ExecuteMsg::Slash {
        amount: Uint128::new(amount),
        recipient: contract("market"),
        msg: None,
    };
    let run = expect(
        chain.execute(&s, &contract("slasher"), &[], &slash),
        "slash opening an epoch",
    );
    rows.push(row(
        "staking-rewards",
        "slash opening a share epoch",
        n,
        &run,
    ));
    chain.advance(60);
    let claim = staking::ExecuteMsg::ClaimRewards { asset: None };
    let run = expect(chain.execute(&s, &user, &[], &claim), "claim rewards");
    rows.push(row(
        "staking-rewards",
        "claim rewards (1 asset), converting from the closed epoch",
        n,
        &run,
    ));
    chain.advance(UNBONDING);
    let run = expect(
        chain.execute(&s, &user, &[], &staking::ExecuteMsg::Claim { id: None }),
        "claim",
    );
    rows.push(row(
        "staking-rewards",
        "claim unbonded, converting from the closed epoch",
        n,
        &run,
    ));
    rows
}

/// Unlocks and a withdrawal by a holder with the most open unlock requests
/// governance may allow ([`fund_vault::MAX_OPEN_UNLOCKS_LIMIT`]), every one
/// made by a real `Unlock`.
pub fn vault_unlocks(n: u64) -> Vec<Row> {
    let max = fund_vault::MAX_OPEN_UNLOCKS_LIMIT;
    let (vault, user) = (contract("vault"), wallet("unlock-user"));
    let mut chain = Chain::new();
    chain.add(&vault, read_artifact("fund_vault"));
    let mut msg = vault_msg(
        AssetInfoUnchecked::Native {
            denom: "uusdc".into(),
        },
        &contract("claimant"),
        vec![],
    );
    msg.params.max_open_unlocks = max;
    instantiate(&mut chain, &vault, &msg);
    prepare_vault(&mut chain, &vault, n, &[(user.clone(), 1_000_000_000)]);
    let unlock = fund_vault::ExecuteMsg::Unlock {
        shares: Uint128::new(1_000_000),
    };
    let mut rows = vec![];
    for open in 0..max {
        let run = expect(chain.execute(&vault, &user, &[], &unlock), "unlock");
        if open == max - 1 {
            let op = format!("unlock ({open} open before, the most that allows one more)");
            rows.push(row("fund-vault", &op, n, &run));
        }
    }
    chain.advance(COOLDOWN);
    let withdraw = fund_vault::ExecuteMsg::WithdrawUnlocked {
        id: u64::from(max - 1),
        recipient: None,
    };
    let run = expect(chain.execute(&vault, &user, &[], &withdraw), "withdraw");
    let op = format!("withdraw unlocked ({max} open unlocks, the maximum)");
    rows.push(row("fund-vault", &op, n, &run));
    rows
}

/// Unstakes and claims by users who hold open unbonding entries: an unstake
/// counts the user's open entries (a range over them, capped at the
/// maximum) and a claim reads and removes every matured one, so the user
/// pays per entry. The contract allows [`MAX_OPEN_UNBONDINGS_LIMIT`] open
/// entries, the most governance may configure. Every entry is made by a
/// real `Unstake`, a minute apart while rewards accrue.
pub fn unbondings(n: u64) -> Vec<Row> {
    let max = MAX_OPEN_UNBONDINGS_LIMIT as usize;
    let token = contract("stake-token");
    let (mut chain, s) = staking_chain(n, 1);
    let unstake = staking::ExecuteMsg::Unstake {
        amount: Uint128::new(1_000_000),
    };
    let mut rows = vec![];
    let mut users = vec![];
    for entries in [10, max] {
        let user = wallet(&format!("unbonding-user{entries}"));
        expect(
            chain.execute(&s, &token, &[], &stake_msg(&user, 100_000_000)),
            "stake",
        );
        for open in 0..entries {
            chain.advance(60);
            let run = expect(chain.execute(&s, &user, &[], &unstake), "unstake");
            if entries == max && (open == 1 || open == 10 || open == max - 1) {
                let op = match open {
                    1 => "unstake (1 open unbonding before)".to_string(),
                    o if o == max - 1 => {
                        format!(
                            "unstake ({o} open unbondings before, the most that allows one more)"
                        )
                    }
                    o => format!("unstake ({o} open unbondings before)"),
                };
                rows.push(row("staking-rewards", &op, n, &run));
            }
        }
        users.push((entries, user));
    }
    chain.advance(UNBONDING);
    for (entries, user) in users {
        let run = expect(
            chain.execute(&s, &user, &[], &staking::ExecuteMsg::Claim { id: None }),
            "claim",
        );
        let claimed: u32 = run
            .events
            .iter()
            .flat_map(|e| &e.attributes)
            .find(|a| a.key == "entries")
            .map(|a| a.value.parse().expect("entries"))
            .expect("claim event");
        assert_eq!(claimed as usize, entries, "every entry matured");
        let op = if entries == max {
            format!("claim unbonded ({entries} matured entries, the maximum)")
        } else {
            format!("claim unbonded ({entries} matured entries)")
        };
        rows.push(row("staking-rewards", &op, n, &run));
    }
    rows
}

pub fn socializer(n: u64) -> Vec<Row> {
    let (vault, staking_addr, soc, exchange) = (
        contract("vault"),
        contract("staking"),
        contract("socializer"),
        contract("exchange"),
    );
    let mut chain = Chain::new();
    chain.add(&vault, read_artifact("fund_vault"));
    chain.add(&staking_addr, read_artifact("staking_rewards"));
    chain.add(&soc, read_artifact("loss_socializer"));
    instantiate(
        &mut chain,
        &vault,
        &vault_msg(
            AssetInfoUnchecked::Native {
                denom: "uusdc".into(),
            },
            &soc,
            vec![staking_addr.clone()],
        ),
    );
    instantiate(
        &mut chain,
        &staking_addr,
        &staking::InstantiateMsg {
            owner: wallet("gov"),
            staking_token: vault.clone(),
            params: staking::ParamsMsg {
                unbonding_seconds: UNBONDING,
                max_slash_ratio: Decimal::percent(30),
                max_open_unbondings: 10,
                exit_window_seconds: None,
                slashers: vec![soc.clone()],
                reward_funders: None,
                guardian: None,
                notice_seconds: None,
            },
            reward_assets: vec![],
        },
    );
    instantiate(
        &mut chain,
        &soc,
        &socializer::InstantiateMsg {
            owner: wallet("gov"),
            vault: vault.clone(),
            staking: Some(staking_addr.clone()),
            layers: vec![
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
            ],
            timelock_seconds: UNBONDING,
            limits: bench_limits(),
            markets: vec![MarketMsg {
                id: "btc-perp".into(),
                reporter: exchange.clone(),
                recipient: exchange.clone(),
                exposure_ceiling: Uint128::new(100 * TOTAL),
                limits: None,
            }],
        },
    );
    // N other markets registered beside it
    prepare_markets(&mut chain, &soc, n);
    // N depositors in the vault, N stakers in the staking contract, whose
    // stake is vault shares held by the staking contract
    prepare_vault(&mut chain, &vault, n, &[(staking_addr.clone(), TOTAL)]);
    prepare_staking(&mut chain, &staking_addr, n, 0);

    let (amount, total_profit, lp_pool_value) = (
        Uint128::new(2 * TOTAL),
        Uint128::new(TOTAL / 10),
        Uint128::new(TOTAL),
    );
    let mut rows = vec![];
    let sim = chain
        .contract(&soc)
        .query(&socializer::QueryMsg::SimulateShortfall {
            market_id: "btc-perp".into(),
            amount,
            total_profit,
            lp_pool_value,
        })
        .expect("simulate");
    assert_eq!(sim.smart_queries, 0, "simulation must use raw queries only");
    rows.push(Row {
        contract: "loss-socializer",
        op: "simulate shortfall (query)".into(),
        n,
        gas: sim.sdk.total(),
        executions: 1,
        smart_queries: sim.smart_queries,
    });
    let report = socializer::ExecuteMsg::ReportShortfall {
        report_id: 1,
        amount,
        total_profit,
        lp_pool_value,
    };
    let run = expect(chain.execute(&soc, &exchange, &[], &report), "report");
    let outcome: socializer::ShortfallOutcome =
        cosmwasm_std::from_json(run.data.clone().expect("outcome")).unwrap();
    assert!(
        outcome.layers.iter().all(|l| !l.amount.is_zero()),
        "the benchmark loss must reach all four layers: {outcome:?}"
    );
    rows.push(row(
        "loss-socializer",
        "report shortfall (four layers, every call, every budget)",
        n,
        &run,
    ));

    // the coverage-health view of a page of 10 of the N + 1 markets (the
    // same page at every N)
    let health = chain
        .contract(&soc)
        .query(&socializer::QueryMsg::Health {
            start_after: None,
            limit: Some(10),
        })
        .expect("health");
    assert_eq!(health.smart_queries, 0, "health must read raw only");
    rows.push(Row {
        contract: "loss-socializer",
        op: "coverage health (query, a page of 10 markets)".into(),
        n,
        gas: health.sdk.total(),
        executions: 1,
        smart_queries: health.smart_queries,
    });

    // a recovery of the whole loss: it reaches every layer that paid (bad
    // debt, trader and LP haircuts to the market, the vault as income, the
    // stakers restored to their pool through a deposit and a share Send)
    let run = expect(
        chain.execute(
            &soc,
            &wallet("recoverer"),
            &coins(amount.u128(), "uusdc"),
            &socializer::ExecuteMsg::Recover {
                market_id: "btc-perp".into(),
            },
        ),
        "recover",
    );
    let event = run
        .events
        .iter()
        .find(|e| e.ty == "backstop-socializer-recovery")
        .expect("recovery event");
    let part = |k: &str| {
        event
            .attributes
            .iter()
            .find(|a| a.key == k)
            .map(|a| a.value.clone())
            .unwrap_or_default()
    };
    assert!(
        ["to_debt", "to_haircuts", "to_lps", "to_vault", "to_stakers"]
            .iter()
            .all(|k| part(k) != "0"),
        "the benchmark recovery must reach every layer: {event:?}"
    );
    rows.push(row(
        "loss-socializer",
        "recover through every layer",
        n,
        &run,
    ));
    rows
}
