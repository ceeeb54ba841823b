import { strict as assert } from "node:assert";
import { test } from "node:test";

import type { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { fromUtf8 } from "@cosmjs/encoding";
import type { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";

import { ownerExecuteMsg, socializerGovernance, vaultGovernance } from "../../src";

test("a governance action goes as the owner's {\"owner\": action}", async () => {
  const calls: unknown[][] = [];
  const fake = { execute: async (...args: unknown[]) => (calls.push(args), {}) };
  const gov = socializerGovernance(fake as unknown as SigningCosmWasmClient, "gov", "soc");
  const action = { set_market: { id: "btc-perp", reporter: "market", recipient: "market", exposure_ceiling: "1000" } };
  await gov.execute(action);
  await gov.execute({ cancel_pending: {} }, 300_000, "why");
  assert.deepEqual(calls, [
    ["gov", "soc", { owner: action }, "auto", undefined],
    ["gov", "soc", { owner: { cancel_pending: {} } }, 300_000, "why"],
  ]);
  assert.deepEqual(gov.instruction(action), { contractAddress: "soc", msg: { owner: action } });
});

test("the same action as a MsgExecuteContract signed by the owner", () => {
  const gov = vaultGovernance({} as SigningCosmWasmClient, "gov", "vault");
  const o = gov.encodeObject({ remove_claimant: { address: "soc" } });
  const value = o.value as MsgExecuteContract;
  assert.equal(o.typeUrl, "/cosmwasm.wasm.v1.MsgExecuteContract");
  assert.equal(value.sender, "gov");
  assert.equal(value.contract, "vault");
  assert.equal(fromUtf8(value.msg), '{"owner":{"remove_claimant":{"address":"soc"}}}');
  assert.deepEqual(ownerExecuteMsg({ set_guardian: {} }), { owner: { set_guardian: {} } });
});
