import { strict as assert } from "node:assert";
import { test } from "node:test";

import type { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { fromBase64, fromUtf8 } from "@cosmjs/encoding";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";

import {
  addIncomeInstruction,
  Cw20HookClient,
  type Cw20SendMsg,
  depositInstruction,
  encodeHook,
  fundRewardsInstruction,
  recoverInstruction,
  stakeInstruction,
  toEncodeObject,
} from "../../src";

/** The cw20 Send inside an instruction, with its hook decoded to JSON text. */
function unpack(instruction: { contractAddress: string; msg: unknown }) {
  const { send } = instruction.msg as Cw20SendMsg;
  return { token: instruction.contractAddress, to: send.contract, amount: send.amount, hook: fromUtf8(fromBase64(send.msg)) };
}

test("a stake is a Send of the staking token carrying {\"stake\":{}}", () => {
  assert.deepEqual(unpack(stakeInstruction({ token: "vault", staking: "staking", amount: 40_000n })), {
    token: "vault",
    to: "staking",
    amount: "40000",
    hook: '{"stake":{}}',
  });
});

test("reward funding carries its mode", () => {
  const i = fundRewardsInstruction({ token: "usdc", staking: "staking", amount: "4000", mode: { stream: { period_seconds: 604800 } } });
  assert.deepEqual(unpack(i), { token: "usdc", to: "staking", amount: "4000", hook: '{"fund_rewards":{"mode":{"stream":{"period_seconds":604800}}}}' });
});

test("a deposit carries only the options given, min_shares as a Uint128", () => {
  assert.equal(unpack(depositInstruction({ token: "usdc", vault: "vault", amount: "10" })).hook, '{"deposit":{}}');
  const full = depositInstruction({ token: "usdc", vault: "vault", amount: "10", recipient: "bob", minShares: 9n });
  assert.deepEqual(unpack(full), { token: "usdc", to: "vault", amount: "10", hook: '{"deposit":{"recipient":"bob","min_shares":"9"}}' });
  assert.throws(() => depositInstruction({ token: "usdc", vault: "vault", amount: "10", minShares: "-1" }), RangeError);
});

test("income and recoveries go to the vault and the socializer", () => {
  assert.deepEqual(unpack(addIncomeInstruction({ token: "usdc", vault: "vault", amount: "9000" })), {
    token: "usdc",
    to: "vault",
    amount: "9000",
    hook: '{"add_income":{}}',
  });
  assert.deepEqual(unpack(recoverInstruction({ token: "usdc", socializer: "soc", amount: "30000", marketId: "btc-perp" })), {
    token: "usdc",
    to: "soc",
    amount: "30000",
    hook: '{"recover":{"market_id":"btc-perp"}}',
  });
});

test("encodeHook takes the vault's share hook too, for a slash's msg", () => {
  assert.equal(fromUtf8(fromBase64(encodeHook({ redeem_slashed: { recipient: "market", cover: "90000" } }))), '{"redeem_slashed":{"recipient":"market","cover":"90000"}}');
});

test("an amount that is not a Uint128 is refused before anything is sent", () => {
  assert.throws(() => stakeInstruction({ token: "vault", staking: "staking", amount: "1.5" }), /not a Uint128 amount/);
});

test("toEncodeObject makes the MsgExecuteContract of an instruction", () => {
  const i = recoverInstruction({ token: "usdc", socializer: "soc", amount: "5", marketId: "m" });
  const o = toEncodeObject("alice", { ...i, funds: [{ denom: "uinj", amount: "1" }] });
  assert.equal(o.typeUrl, "/cosmwasm.wasm.v1.MsgExecuteContract");
  const round = MsgExecuteContract.decode(MsgExecuteContract.encode(o.value as MsgExecuteContract).finish());
  assert.equal(round.sender, "alice");
  assert.equal(round.contract, "usdc");
  assert.deepEqual(JSON.parse(fromUtf8(round.msg)), i.msg);
  assert.deepEqual(round.funds, [{ denom: "uinj", amount: "1" }]);
});

test("Cw20HookClient executes the Send on the token as its sender, with the fee given", async () => {
  const calls: unknown[][] = [];
  const fake = { execute: async (...args: unknown[]) => (calls.push(args), { transactionHash: "h" }) };
  const hooks = new Cw20HookClient(fake as unknown as SigningCosmWasmClient, "lp0");
  await hooks.stake({ token: "vault", staking: "staking", amount: "10000" });
  await hooks.recover({ token: "usdc", socializer: "soc", amount: "1", marketId: "m" }, 250_000, "memo");
  assert.deepEqual(calls, [
    ["lp0", "vault", stakeInstruction({ token: "vault", staking: "staking", amount: "10000" }).msg, "auto", undefined],
    ["lp0", "usdc", recoverInstruction({ token: "usdc", socializer: "soc", amount: "1", marketId: "m" }).msg, 250_000, "memo"],
  ]);
});
