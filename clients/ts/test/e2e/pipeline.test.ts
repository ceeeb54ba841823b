// The whole pipeline on the real artifacts, driven through the package:
// a cw20-base token as the vault's asset, the fund vault, staking over the
// vault's shares, the loss socializer with one market.
//
// It mirrors testing/pipeline/tests/pipeline.rs, the cw20 case of
// `a_large_loss_runs_through_every_layer_and_leaves_bad_debt` (through
// `assert_the_large_loss_outcome`) and of
// `recoveries_repay_bad_debt_first_then_haircut_traders_pro_rata`, on the
// pipeline `PipelineBuilder::new(AssetKind::Cw20).build()` sets up
// (testing/pipeline/tests/suite/mod.rs), and asserts the same figures. The
// Rust suite's market is testing/test-exchange, which is not built as an
// artifact; here the market is an account that reports with the totals the
// test exchange would send (positions of 40,000 and 60,000 profit, a
// 500,000 LP pool) and receives the cover. On top of the Rust scenario it
// funds and claims rewards, unlocks and withdraws vault shares, adds
// income, unbonds and claims stake, and sends two refused messages;
// each of those is placed where it leaves the mirrored figures unchanged.

import { strict as assert } from "node:assert";
import { test } from "node:test";

import type { DeliverTxResponse } from "@cosmjs/stargate";

import {
  Cw20HookClient,
  decodeShortfallOutcome,
  decodeUnlockResponse,
  decodeUnstakeResponse,
  depositInstruction,
  executeResponseData,
  findEvent,
  findEvents,
  FundVaultClient,
  FundVaultMsgComposer,
  FundVaultTypes,
  LossSocializerMsgComposer,
  LossSocializerQueryClient,
  LossSocializerTypes,
  recommendedFee,
  socializerGovernance,
  StakingRewardsClient,
  StakingRewardsMsgComposer,
  StakingRewardsTypes,
  stakingGovernance,
  vaultGovernance,
  type Amount,
  type ShortfallOutcome,
} from "../../src";
import { addr, artifact, SimulatedChain, START_TIME } from "./sim";

const WEEK = 7 * 24 * 3600;
const EXIT_WINDOW = 2 * 24 * 3600;
const START = 1_000_000_000_000n; // each funded account's cw20 balance, as suite::START
const MARKET = "btc-perp";
const U128_MAX = ((1n << 128n) - 1n).toString();
const GAS_PRICE = "0.025inj";

const gov = addr("gov");
const lp0 = addr("lp0");
const lp1 = addr("lp1");
const underwriter = addr("underwriter");
const outsider = addr("outsider");
const recoverer = addr("recoverer");
const treasury = addr("treasury");
const market = addr("market"); // reporter and recipient of btc-perp

interface Pipeline {
  chain: SimulatedChain;
  token: string;
  vault: string;
  staking: string;
  socializer: string;
}

/**
 * The market's report: the one place that builds `ReportShortfall`, with
 * the market's increasing report id (a repeated id changes nothing).
 */
function reportShortfall(
  p: Pipeline,
  reporter: string,
  r: { reportId: number; amount: Amount; totalProfit: Amount; lpPoolValue: Amount },
): Promise<DeliverTxResponse> {
  const msg = new LossSocializerMsgComposer(reporter, p.socializer).reportShortfall({
    reportId: r.reportId,
    amount: r.amount.toString(),
    totalProfit: r.totalProfit.toString(),
    lpPoolValue: r.lpPoolValue.toString(),
  });
  return p.chain.signAndBroadcast(reporter, [msg], recommendedFee("socializerReportShortfall", GAS_PRICE));
}

/** The test exchange's totals in the Rust pipeline: positions of 40,000 and 60,000 profit, a 500,000 LP pool. */
const EXCHANGE_TOTALS = { totalProfit: 100_000n, lpPoolValue: 500_000n };

const ok = (tx: DeliverTxResponse): DeliverTxResponse => {
  assert.equal(tx.code, 0, tx.rawLog);
  return tx;
};

async function usdc(p: Pipeline, address: string): Promise<bigint> {
  const r = (await p.chain.queryContractSmart(p.token, { balance: { address } })) as { balance: string };
  return BigInt(r.balance);
}

async function shares(p: Pipeline, address: string): Promise<bigint> {
  return BigInt((await new FundVaultClient(p.chain, address, p.vault).balance({ address })).balance);
}

async function vaultTotals(p: Pipeline): Promise<[bigint, bigint]> {
  const v = new FundVaultClient(p.chain, gov, p.vault);
  return [BigInt(await v.totalAssets()), BigInt(await v.totalShares())];
}

async function stakedTokens(p: Pipeline): Promise<bigint> {
  return BigInt((await new StakingRewardsClient(p.chain, gov, p.staking).totals()).total_tokens);
}

/** Every balance the refused messages could have moved. */
async function snapshot(p: Pipeline) {
  const people = [lp0, lp1, underwriter, outsider, recoverer, treasury, market, p.vault, p.staking, p.socializer];
  return {
    usdc: await Promise.all(people.map((a) => usdc(p, a))),
    shares: await Promise.all(people.map((a) => shares(p, a))),
    vault: await vaultTotals(p),
    staked: await stakedTokens(p),
  };
}

/** Instantiates and wires the pipeline as `PipelineBuilder::new(AssetKind::Cw20).build()` does. */
async function build(): Promise<Pipeline> {
  const chain = new SimulatedChain();
  const upload = async (name: string) => (await chain.upload(gov, artifact(name), "auto")).codeId;
  const [cw20Code, vaultCode, stakingCode, socializerCode] = [
    await upload("peers/cw20_base"),
    await upload("fund_vault"),
    await upload("staking_rewards"),
    await upload("loss_socializer"),
  ];
  const funded = [lp0, lp1, underwriter, outsider, recoverer, treasury];
  const { contractAddress: token } = await chain.instantiate(
    gov,
    cw20Code,
    {
      name: "Token USDC",
      symbol: "USDC",
      decimals: 6,
      initial_balances: funded.map((address) => ({ address, amount: START.toString() })),
    },
    "USDC",
    "auto",
  );
  const vaultMsg: FundVaultTypes.InstantiateMsg = {
    owner: gov,
    asset: { cw20: { address: token } },
    share_token: { name: "Backstop USDC", symbol: "bsUSDC", decimals: 6 },
    params: {
      cooldown_seconds: WEEK,
      exit_window_seconds: EXIT_WINDOW,
      max_open_unlocks: 5,
      max_payout_fraction: "1",
      min_reserve: "1000",
    },
    guardian: null,
    claimants: [],
    slash_sources: [],
    slash_claimant: null,
  };
  const { contractAddress: vault } = await chain.instantiate(gov, vaultCode, vaultMsg, "vault", "auto");
  const stakingMsg: StakingRewardsTypes.InstantiateMsg = {
    owner: gov,
    staking_token: vault,
    params: {
      unbonding_seconds: WEEK,
      max_slash_ratio: "0.5",
      max_open_unbondings: 5,
      slashers: [],
      reward_funders: null,
      guardian: null,
    },
    reward_assets: [],
  };
  const { contractAddress: staking } = await chain.instantiate(gov, stakingCode, stakingMsg, "staking", "auto");
  const socializerMsg: LossSocializerTypes.InstantiateMsg = {
    owner: gov,
    vault,
    staking,
    layers: [
      { staker_slash: { max_ratio: "0.5" } },
      { vault: { max_fraction: "0.5" } },
      { trader_profit_haircut: { max_ratio: "0.2" } },
      { lp_haircut: { max_ratio: "0.1" } },
    ],
    timelock_seconds: WEEK,
    limits: { window_seconds: 24 * 3600, market_defaults: {}, overall: {} },
    markets: [],
  };
  const { contractAddress: socializer } = await chain.instantiate(gov, socializerCode, socializerMsg, "socializer", "auto");

  // governance wires the pipeline (the Rust suite sends the same GovMsgs by sudo)
  await socializerGovernance(chain, gov, socializer).execute({
    set_market: { id: MARKET, reporter: market, recipient: market, exposure_ceiling: U128_MAX },
  });
  await stakingGovernance(chain, gov, staking).execute({ update_params: { slashers: [socializer] } });
  const vaultGov = vaultGovernance(chain, gov, vault);
  await vaultGov.execute({
    set_claimant: { address: socializer, limits: { lifetime_cap: U128_MAX, window_cap: U128_MAX, window_seconds: 24 * 3600 } },
  });
  await vaultGov.execute({ set_slash_sources: { addresses: [staking], claimant: socializer } });
  // not in the Rust pipeline: the vault's asset as a reward asset, for the reward steps
  await stakingGovernance(chain, gov, staking).execute({ add_reward_asset: { asset: { cw20: { address: token } } } });
  return { chain, token, vault, staking, socializer };
}

test("the pipeline through @backstop/contracts on the real artifacts", async (t) => {
  const p = await build();
  const { chain } = p;
  const hooks = (sender: string) => new Cw20HookClient(chain, sender);
  let unlockId = -1;
  let unbondingId = -1;

  await t.test("governance wired every link", async () => {
    const wiring = await new LossSocializerQueryClient(chain, p.socializer).wiring();
    assert.ok(wiring.links.length > 0);
    assert.deepEqual(wiring.links.filter((l) => !l.ok), []);
  });

  await t.test("underwriting, then two LPs deposit by cw20 Send and stake their shares by Send", async () => {
    const res = await hooks(underwriter).deposit({ token: p.token, vault: p.vault, amount: 160_000n }, recommendedFee("vaultDepositCw20", GAS_PRICE));
    // the first deposit leaves 1,000 dead shares, so the LPs' shares are 1:1
    assert.deepEqual(findEvent(res.events, "backstop-vault-deposit"), {
      sender: underwriter,
      recipient: underwriter,
      assets: 160_000n,
      shares: 159_000n,
      total_assets: 160_000n,
      total_shares: 160_000n,
    });
    for (const [lp, amount] of [
      [lp0, 10_000n],
      [lp1, 30_000n],
    ] as const) {
      await hooks(lp).deposit({ token: p.token, vault: p.vault, amount });
      const staked = await hooks(lp).stake({ token: p.vault, staking: p.staking, amount }, recommendedFee("stakingStake", GAS_PRICE));
      assert.equal(findEvent(staked.events, "backstop-staking-stake")?.shares, amount);
    }
    assert.deepEqual(await vaultTotals(p), [200_000n, 200_000n]);
    assert.equal(await stakedTokens(p), 40_000n);
    assert.deepEqual([await shares(p, underwriter), await shares(p, lp0), await shares(p, p.staking)], [159_000n, 0n, 40_000n]);
  });

  await t.test("rewards funded by cw20 Send reach stakers pro rata", async () => {
    const funded = await hooks(treasury).fundRewards({ token: p.token, staking: p.staking, amount: 4_000n, mode: { instant: {} } });
    assert.equal(findEvent(funded.events, "backstop-staking-fund")?.amount, 4_000n);
    const before = await usdc(p, lp0);
    const claimed = await new StakingRewardsClient(chain, lp0, p.staking).claimRewards({}, recommendedFee("stakingClaimRewards", GAS_PRICE));
    assert.deepEqual(findEvents(claimed.events, "backstop-staking-reward-claim"), [{ staker: lp0, asset: `cw20:${p.token}`, amount: 1_000n }]);
    assert.equal((await usdc(p, lp0)) - before, 1_000n);
    const pending = (await new StakingRewardsClient(chain, lp1, p.staking).staker({ address: lp1 })).pending_rewards;
    assert.deepEqual(pending.map((r) => r.amount), ["3000"]);
  });

  await t.test("the underwriter unlocks 100,000 shares; the response data names the request", async () => {
    const msg = new FundVaultMsgComposer(underwriter, p.vault).unlock({ shares: "100000" });
    const tx = ok(await chain.signAndBroadcast(underwriter, [msg], recommendedFee("vaultUnlock", GAS_PRICE)));
    const unlock = decodeUnlockResponse(executeResponseData(tx));
    assert.deepEqual(unlock, { id: unlock.id, release_at: START_TIME + WEEK, expires_at: START_TIME + WEEK + EXIT_WINDOW });
    assert.deepEqual(findEvent(tx.events, "backstop-vault-unlock"), {
      owner: underwriter,
      id: unlock.id,
      shares: 100_000n,
      assets_at_request: 100_000n,
      release_at: START_TIME + WEEK,
      expires_at: START_TIME + WEEK + EXIT_WINDOW,
    });
    unlockId = unlock.id;
    // escrowed shares leave the balance but stay in the total: they still bear losses
    assert.equal(await shares(p, underwriter), 59_000n);
    assert.deepEqual(await vaultTotals(p), [200_000n, 200_000n]);
  });

  await t.test("an unknown field and an unregistered reporter are refused and move nothing", async () => {
    const before = await snapshot(p);
    // the typed helpers cannot spell it; a hand-written hook can, and the vault refuses it
    const typo = depositInstruction({ token: p.token, vault: p.vault, amount: 1_000n });
    const send = typo.msg as { send: { msg: string } };
    send.send.msg = Buffer.from('{"deposit":{"min_share":"999999999999"}}').toString("base64");
    await assert.rejects(chain.execute(underwriter, typo.contractAddress, typo.msg, "auto"), /unknown field `min_share`, expected `recipient` or `min_shares`/);
    const refused = await reportShortfall(p, outsider, { reportId: 1, amount: 1_000n, ...EXCHANGE_TOTALS });
    assert.equal(refused.code, 1);
    assert.match(refused.rawLog ?? "", new RegExp(`${outsider} is not a registered market reporter`));
    // a refused execution's writes must not come back with the next one (see SimulatedChain)
    await chain.execute(underwriter, p.token, { transfer: { recipient: underwriter, amount: "1" } }, "auto");
    assert.deepEqual(await snapshot(p), before, "a refused message moved value");
  });

  // mirrors a_large_loss_runs_through_every_layer_and_leaves_bad_debt (cw20) through assert_the_large_loss_outcome
  await t.test("a 200,000 loss runs through every layer and leaves 20,000 bad debt", async () => {
    const before = { market: await usdc(p, market), vault: await vaultTotals(p), staked: await stakedTokens(p) };
    const simulated: ShortfallOutcome = await new LossSocializerQueryClient(chain, p.socializer).simulateShortfall({
      marketId: MARKET,
      amount: "200000",
      totalProfit: EXCHANGE_TOTALS.totalProfit.toString(),
      lpPoolValue: EXCHANGE_TOTALS.lpPoolValue.toString(),
    });
    const tx = ok(await reportShortfall(p, market, { reportId: 1, amount: 200_000n, ...EXCHANGE_TOTALS }));
    const outcome = decodeShortfallOutcome(executeResponseData(tx));
    assert.deepEqual(simulated, outcome, "simulation equals execution");
    const layer = (kind: string) => outcome.layers.find((l) => l.layer === kind)?.amount;
    assert.deepEqual(
      ["staker_slash", "vault", "trader_profit_haircut", "lp_haircut"].map(layer),
      ["20000", "90000", "20000", "50000"],
    );
    assert.equal(outcome.layers[0]?.slashed_tokens, "20000");
    assert.deepEqual([outcome.trader_haircut_ratio, outcome.lp_haircut_ratio], ["0.2", "0.1"]);
    assert.deepEqual([outcome.residual, outcome.bad_debt], ["20000", "20000"]);
    // the factors keep 0.8 and 0.9 exactly, in a 36-digit mantissa
    assert.deepEqual(
      [outcome.seq, outcome.trader_factor, outcome.lp_factor],
      [1, { mantissa: "800000000000000000000000000000000000" }, { mantissa: "900000000000000000000000000000000000" }],
    );
    const event = findEvent(tx.events, "backstop-socializer-shortfall");
    assert.deepEqual(event && [event.stakers, event.vault, event.residual, event.seq], [20_000n, 90_000n, 20_000n, 1]);
    assert.equal(findEvents(tx.events, "backstop-socializer-shortfall").length, 1, "exactly one structured event per shortfall");

    // the vault layer rode on the slash hook: one execution per contract
    const names = new Map([
      [p.socializer, "socializer"],
      [p.staking, "staking"],
      [p.vault, "vault"],
    ]);
    const executed = tx.events
      .filter((e) => e.type === "execute")
      .map((e) => names.get(e.attributes.find((a) => a.key === "_contract_address")?.value ?? ""))
      .filter((n) => n !== undefined);
    assert.deepEqual(executed, ["socializer", "staking", "vault"]);

    // value is conserved: what left the vault is what the market received
    assert.equal((await usdc(p, market)) - before.market, 110_000n);
    const after = await vaultTotals(p);
    assert.equal(before.vault[0] - after[0], 110_000n);
    assert.deepEqual(after, [90_000n, 180_000n]);
    assert.equal(before.staked - (await stakedTokens(p)), 20_000n);
    const m = await new LossSocializerQueryClient(chain, p.socializer).market({ id: MARKET });
    assert.deepEqual([m.bad_debt, m.haircut_outstanding, m.seq], ["20000", "20000", 1]);
  });

  await t.test("lp1 unbonds the 15,000 its 30,000 staked shares are worth after the slash", async () => {
    const staker = await new StakingRewardsClient(chain, lp1, p.staking).staker({ address: lp1 });
    assert.equal(staker.staked_tokens, "15000");
    const msg = new StakingRewardsMsgComposer(lp1, p.staking).unstake({ amount: "15000" });
    const tx = ok(await chain.signAndBroadcast(lp1, [msg], recommendedFee("stakingUnstake", GAS_PRICE)));
    const unstake = decodeUnstakeResponse(executeResponseData(tx));
    assert.equal(unstake.release_at, START_TIME + WEEK);
    unbondingId = unstake.id;
  });

  // mirrors recoveries_repay_bad_debt_first_then_haircut_traders_pro_rata (cw20)
  await t.test("recoveries repay the bad debt first, then the haircut traders, then the LPs", async () => {
    const before = [await usdc(p, market), await usdc(p, recoverer)];
    const first = await hooks(recoverer).recover({ token: p.token, socializer: p.socializer, amount: 30_000n, marketId: MARKET });
    const ev1 = findEvent(first.events, "backstop-socializer-recovery");
    assert.deepEqual(ev1 && [ev1.to_debt, ev1.to_haircuts, ev1.refunded], [20_000n, 10_000n, 0n]);
    assert.equal((await usdc(p, market)) - before[0]!, 30_000n);
    assert.equal(before[1]! - (await usdc(p, recoverer)), 30_000n);

    // more than the traders are owed: their haircuts are repaid in full and
    // the rest goes on to the LPs (owed 50,000), through the market
    const second = await hooks(recoverer).recover({ token: p.token, socializer: p.socializer, amount: 50_000n, marketId: MARKET });
    const ev2 = findEvent(second.events, "backstop-socializer-recovery");
    assert.deepEqual(
      ev2 && [ev2.to_debt, ev2.to_haircuts, ev2.to_lps, ev2.refunded, ev2.bad_debt, ev2.haircut_outstanding],
      [0n, 10_000n, 40_000n, 0n, 0n, 0n],
    );
    assert.equal((await usdc(p, market)) - before[0]!, 80_000n);
    assert.equal(before[1]! - (await usdc(p, recoverer)), 80_000n);
  });

  await t.test("income raises the share price; the underwriter withdraws min(value at request, value now)", async () => {
    const income = await hooks(treasury).addIncome({ token: p.token, vault: p.vault, amount: 9_000n });
    assert.equal(findEvent(income.events, "backstop-vault-income")?.total_assets, 99_000n);
    chain.advance(WEEK);
    const before = await usdc(p, underwriter);
    const res = await new FundVaultClient(chain, underwriter, p.vault).withdrawUnlocked(
      { id: unlockId },
      recommendedFee("vaultWithdrawUnlocked", GAS_PRICE, { cw20Payouts: 1 }),
    );
    // 100,000 of 180,000 shares over 99,000 assets: 55,000, below the 100,000 at request
    assert.deepEqual(findEvent(res.events, "backstop-vault-withdraw"), {
      owner: underwriter,
      recipient: underwriter,
      id: unlockId,
      shares: 100_000n,
      assets: 55_000n,
    });
    assert.equal((await usdc(p, underwriter)) - before, 55_000n);
    assert.deepEqual(await vaultTotals(p), [44_000n, 80_000n]);
  });

  await t.test("lp1 claims its matured unbonding in vault shares", async () => {
    const res = await new StakingRewardsClient(chain, lp1, p.staking).claim({ id: unbondingId }, recommendedFee("stakingClaim", GAS_PRICE));
    assert.deepEqual(findEvent(res.events, "backstop-staking-claim"), { staker: lp1, entries: 1, amount: 15_000n });
    assert.equal(await shares(p, lp1), 15_000n);
  });

  await t.test("every balance, to the unit", async () => {
    const expected: [string, bigint, bigint][] = [
      // [account, USDC, vault shares]
      [underwriter, START - 160_000n + 55_000n, 59_000n],
      [lp0, START - 10_000n + 1_000n, 0n],
      [lp1, START - 30_000n, 15_000n],
      [treasury, START - 4_000n - 9_000n, 0n],
      [recoverer, START - 30_000n - 50_000n, 0n],
      [outsider, START, 0n],
      [market, 110_000n + 30_000n + 50_000n, 0n], // the LPs' 40,000 back too
      [p.vault, 44_000n, 1_000n], // the dead shares of the first deposit
      [p.staking, 3_000n, 5_000n], // lp1's unclaimed rewards; lp0's 10,000 shares less their half slashed
      [p.socializer, 0n, 0n],
    ];
    for (const [who, cash, held] of expected) {
      assert.deepEqual([await usdc(p, who), await shares(p, who)], [cash, held], who);
    }
    const total = (await Promise.all(expected.map(([who]) => usdc(p, who)))).reduce((a, b) => a + b, 0n);
    assert.equal(total, 6n * START, "no USDC made or lost");
    // every share is held: the underwriter's, lp1's, the staked rest and the dead shares
    assert.deepEqual(await vaultTotals(p), [44_000n, 59_000n + 15_000n + 5_000n + 1_000n]);
  });
});
