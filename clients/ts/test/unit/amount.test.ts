import { strict as assert } from "node:assert";
import { test } from "node:test";

import { toUint128 } from "../../src";

test("toUint128 takes whole numbers from 0 to 2^128 - 1, as text or bigint", () => {
  assert.equal(toUint128("0"), "0");
  assert.equal(toUint128("007"), "7");
  assert.equal(toUint128(123n), "123");
  const max = ((1n << 128n) - 1n).toString();
  assert.equal(toUint128(max), max);
});

test("toUint128 refuses negatives, fractions, exponents, blanks and overflow", () => {
  for (const bad of ["-1", "1.5", "1e3", "", " 1", "0x10", (1n << 128n).toString()]) {
    assert.throws(() => toUint128(bad), RangeError, `accepted ${JSON.stringify(bad)}`);
  }
  assert.throws(() => toUint128(-1n), /not a Uint128 amount: "-1"/);
});
