import { strict as assert } from "node:assert";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

import {
  BACKSTOP_EVENTS,
  decodeEvents,
  EventParseError,
  type EventLike,
  findEvent,
  findEvents,
  parseEvent,
} from "../../src";

const ROOT = path.resolve(__dirname, "../../../../..");

const ev = (type: string, attrs: { [key: string]: string }): EventLike => ({
  type,
  attributes: Object.entries(attrs).map(([key, value]) => ({ key, value })),
});

const shortfall = ev("wasm-backstop-socializer-shortfall", {
  _contract_address: "soc",
  market: "btc-perp",
  seq: "1",
  report_id: "1",
  amount: "200000",
  unbacked: "0",
  stakers: "20000",
  slashed_tokens: "20000",
  vault: "90000",
  trader_haircut: "20000",
  trader_ratio: "0.2",
  lp_haircut: "50000",
  lp_ratio: "0.1",
  residual: "20000",
  bad_debt: "20000",
});

test("a shortfall event reads into typed fields, with or without the wasm- prefix", () => {
  const expected = {
    market: "btc-perp",
    seq: 1,
    report_id: 1,
    amount: 200_000n,
    unbacked: 0n,
    stakers: 20_000n,
    slashed_tokens: 20_000n,
    vault: 90_000n,
    trader_haircut: 20_000n,
    trader_ratio: "0.2",
    lp_haircut: 50_000n,
    lp_ratio: "0.1",
    residual: 20_000n,
    bad_debt: 20_000n,
  };
  assert.deepEqual(parseEvent(shortfall, "backstop-socializer-shortfall"), expected);
  assert.deepEqual(parseEvent({ ...shortfall, type: "backstop-socializer-shortfall" }, "backstop-socializer-shortfall"), expected);
});

test("booleans, u32 and the hand-built socializer events read too", () => {
  assert.deepEqual(
    parseEvent(ev("wasm-backstop-vault-pause", { sender: "g", deposits: "true", exits: "false", payouts: "false" }), "backstop-vault-pause"),
    { sender: "g", deposits: true, exits: false, payouts: false },
  );
  assert.deepEqual(parseEvent(ev("backstop-staking-claim", { staker: "s", entries: "3", amount: "7" }), "backstop-staking-claim"), {
    staker: "s",
    entries: 3,
    amount: 7n,
  });
  assert.deepEqual(parseEvent(ev("wasm-backstop-socializer-market-removed", { id: "btc-perp" }), "backstop-socializer-market-removed"), {
    id: "btc-perp",
  });
});

test("a wrong type, a missing or a malformed attribute is an EventParseError in Rust's words", () => {
  const cases: [EventLike, string, EventParseError["kind"]][] = [
    [ev("wasm-backstop-vault-income", {}), "expected event type backstop-staking-claim, got wasm-backstop-vault-income", "wrong-type"],
    [ev("backstop-staking-claim", { staker: "s", entries: "1" }), "event backstop-staking-claim has no attribute amount", "missing"],
    [ev("backstop-staking-claim", { staker: "s", entries: "1", amount: "x" }), "event backstop-staking-claim attribute amount does not parse: x", "invalid"],
    [ev("backstop-staking-claim", { staker: "s", entries: "4294967296", amount: "1" }), "event backstop-staking-claim attribute entries does not parse: 4294967296", "invalid"],
  ];
  for (const [event, message, kind] of cases) {
    assert.throws(() => parseEvent(event, "backstop-staking-claim"), (e: unknown) => e instanceof EventParseError && e.message === message && e.kind === kind);
  }
  // a u64 past 2^53 - 1 would lose digits as a number: refused, not rounded
  const late = ev("backstop-socializer-queued", { what: "layers", eta: "9007199254740993" });
  assert.throws(() => parseEvent(late, "backstop-socializer-queued"), /attribute eta does not parse/);
  const bad = ev("backstop-vault-pause", { sender: "g", deposits: "yes", exits: "false", payouts: "false" });
  assert.throws(() => parseEvent(bad, "backstop-vault-pause"), /attribute deposits does not parse: yes/);
});

test("findEvent, findEvents and decodeEvents pick the backstop events in order", () => {
  const claim = (n: string) => ev("wasm-backstop-staking-claim", { _contract_address: "st", staker: "s", entries: "1", amount: n });
  const events = [ev("execute", { _contract_address: "st" }), claim("1"), ev("wasm", { action: "x" }), claim("2"), shortfall];
  assert.equal(findEvent(events, "backstop-vault-deposit"), undefined);
  assert.equal(findEvent(events, "backstop-staking-claim")?.amount, 1n);
  assert.deepEqual(findEvents(events, "backstop-staking-claim").map((e) => e.amount), [1n, 2n]);
  const decoded = decodeEvents(events);
  assert.deepEqual(decoded.map((d) => [d.type, d.contract]), [
    ["backstop-staking-claim", "st"],
    ["backstop-staking-claim", "st"],
    ["backstop-socializer-shortfall", "soc"],
  ]);
  const first = decoded[2];
  assert.ok(first && first.type === "backstop-socializer-shortfall" && first.event.vault === 90_000n);
  assert.throws(() => decodeEvents([ev("wasm-backstop-vault-new-thing", {})]), /unknown backstop event type backstop-vault-new-thing/);
});

function rustFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? rustFiles(p) : d.name.endsWith(".rs") ? [p] : [];
  });
}

test("the decoder knows every backstop event type the Rust sources name, and no other", () => {
  const sources = [...rustFiles(path.join(ROOT, "contracts")), ...rustFiles(path.join(ROOT, "packages"))]
    .filter((f) => !f.includes(`${path.sep}tests`) && !f.endsWith("tests.rs"))
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
  // event types are whole string literals; the test-only one in events.rs is skipped
  const named = new Set([...sources.matchAll(/"(backstop-[a-z-]+)"/g)].map((m) => m[1]));
  named.delete("backstop-test");
  assert.deepEqual([...named].sort(), Object.keys(BACKSTOP_EVENTS).sort());
  // the two events the socializer builds by hand carry the attributes the table reads
  for (const [type, key] of [
    ["backstop-socializer-market-removed", "id"],
    ["backstop-socializer-guardian-set", "guardian"],
  ]) {
    assert.match(sources, new RegExp(`Event::new\\("${type}"\\)\\.add_attribute\\("${key}"`));
  }
});
