import { strict as assert } from "node:assert";
import { test } from "node:test";

import { toBase64, toUtf8 } from "@cosmjs/encoding";
import { MsgExecuteContractResponse } from "cosmjs-types/cosmwasm/wasm/v1/tx";

import {
  DataDecodeError,
  decodeCoverShortfallResponse,
  decodeDepositResponse,
  decodeShortfallOutcome,
  decodeSlashResponse,
  decodeUnlockResponse,
  decodeUnstakeResponse,
  executeResponseData,
  unwrapExecuteResponse,
} from "../../src";

const b64 = (value: unknown) => toBase64(toUtf8(JSON.stringify(value)));

const outcome = {
  market_id: "btc-perp",
  seq: 1,
  report_id: 1,
  amount: "200000",
  unbacked: "0",
  layers: [
    { layer: "staker_slash", amount: "20000", slashed_tokens: "20000", ratio: "0" },
    { layer: "trader_profit_haircut", amount: "20000", slashed_tokens: "0", ratio: "0.2" },
  ],
  trader_haircut_ratio: "0.2",
  lp_haircut_ratio: "0.1",
  residual: "20000",
  bad_debt: "20000",
  trader_factor: { mantissa: "800000000000000000000000000000000000" },
  lp_factor: { mantissa: "900000000000000000000000000000000000" },
};

test("the unlock response the vault returned decodes to its id, release and expiry", () => {
  // response data of an unlock, as cw-simulate returned it from the real artifact
  const data = "eyJpZCI6MCwicmVsZWFzZV9hdCI6MTc5NjY2MjMyMywiZXhwaXJlc19hdCI6MTc5NjgzNTEyM30=";
  assert.deepEqual(decodeUnlockResponse(data), { id: 0, release_at: 1796662323, expires_at: 1796835123 });
});

test("every response type decodes from base64 or bytes", () => {
  assert.deepEqual(decodeDepositResponse(b64({ shares: "159000" })), { shares: "159000" });
  assert.deepEqual(decodeCoverShortfallResponse(toUtf8('{"paid":"5","uncovered":"0"}')), { paid: "5", uncovered: "0" });
  assert.deepEqual(decodeUnstakeResponse(b64({ id: 3, release_at: 10 })), { id: 3, release_at: 10 });
  assert.deepEqual(decodeSlashResponse(b64({ slashed: "20000", total_tokens: "20000" })), { slashed: "20000", total_tokens: "20000" });
  assert.deepEqual(decodeShortfallOutcome(b64(outcome)), outcome);
});

test("a field a newer contract adds is kept, not refused", () => {
  assert.deepEqual(decodeUnstakeResponse(b64({ id: 3, release_at: 10, note: "x" })), { id: 3, release_at: 10, note: "x" });
});

test("missing, mistyped or malformed fields are refused, naming the field", () => {
  const cases: [() => unknown, RegExp][] = [
    [() => decodeUnlockResponse(b64({ id: 0, release_at: 1 })), /UnlockResponse: missing field expires_at/],
    [() => decodeUnlockResponse(b64({ id: "0", release_at: 1, expires_at: 2 })), /UnlockResponse\.id: expected integer, got "0"/],
    [() => decodeUnlockResponse(b64({ id: -1, release_at: 1, expires_at: 2 })), /UnlockResponse\.id: expected integer, got -1/],
    [() => decodeUnstakeResponse(b64({ id: 1.5, release_at: 1 })), /\.id: expected integer/],
    [() => decodeDepositResponse(b64({ shares: 5 })), /DepositResponse\.shares: not a Uint128: 5/],
    [() => decodeDepositResponse(b64({ shares: "-5" })), /not a Uint128: "-5"/],
    [() => decodeShortfallOutcome(b64({ ...outcome, lp_factor: { mantissa: "9x" } })), /lp_factor\.mantissa/],
    [() => decodeShortfallOutcome(b64({ ...outcome, layers: [{ ...outcome.layers[0], layer: "insurance" }] })), /layers\[0\]\.layer: "insurance" matches none of its forms/],
    [() => decodeShortfallOutcome(b64([])), /expected object/],
  ];
  for (const [run, message] of cases) assert.throws(run, (e: unknown) => e instanceof DataDecodeError && message.test(e.message));
});

test("empty, non-base64 and non-JSON data are refused", () => {
  assert.throws(() => decodeDepositResponse(""), /response data is empty/);
  assert.throws(() => decodeDepositResponse("!!!"), /not base64/);
  assert.throws(() => decodeDepositResponse(toUtf8("{shares")), /not JSON/);
});

test("executeResponseData unwraps wasmd's MsgExecuteContractResponse from a tx's message responses", () => {
  const wrap = (data: Uint8Array) => MsgExecuteContractResponse.encode({ data }).finish();
  const tx = {
    msgResponses: [
      { typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContractResponse", value: wrap(toUtf8('{"shares":"1"}')) },
      { typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContractResponse", value: wrap(toUtf8(JSON.stringify(outcome))) },
      { typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse", value: new Uint8Array() },
      { typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContractResponse", value: wrap(new Uint8Array()) },
    ],
  };
  assert.deepEqual(decodeDepositResponse(executeResponseData(tx)), { shares: "1" });
  assert.deepEqual(decodeShortfallOutcome(executeResponseData(tx, 1)), outcome);
  assert.throws(() => executeResponseData(tx, 2), /is a \/cosmos\.bank\.v1beta1\.MsgSendResponse/);
  assert.throws(() => executeResponseData(tx, 3), /returned no data/);
  assert.throws(() => executeResponseData(tx, 4), /no message response 4/);
  assert.deepEqual(unwrapExecuteResponse(wrap(toUtf8("{}"))), toUtf8("{}"));
});
