// The contracts' typed events (`backstop-...`, which wasmd emits as
// `wasm-backstop-...`), read back into typed objects. The table of events and
// attributes is generated from packages/types/src/*/events.rs; two events
// the socializer builds by hand are added here.

import { TYPED_EVENTS, type AttributeKind, type TypedEventMap } from "./generated/events";

export * from "./generated/events";

/** Governance removed a market (contracts/loss-socializer/src/gov.rs, not a `typed_event!`). */
export interface SocializerMarketRemovedEvent {
  /** Market id. */
  id: string;
}

/** Governance named or cleared the socializer's guardian; empty when cleared (contracts/loss-socializer/src/gov.rs, not a `typed_event!`). */
export interface SocializerGuardianSetEvent {
  /** The guardian, or empty. */
  guardian: string;
}

/** Every event the contracts emit with a `backstop-` type, by type. */
export interface BackstopEventMap extends TypedEventMap {
  "backstop-socializer-market-removed": SocializerMarketRemovedEvent;
  "backstop-socializer-guardian-set": SocializerGuardianSetEvent;
}

/** A `backstop-` event type, without wasmd's `wasm-` prefix. */
export type BackstopEventType = keyof BackstopEventMap;

interface EventSpec {
  readonly name: string;
  readonly contract: string;
  readonly fields: { readonly [key: string]: AttributeKind };
}

/** How every event's attributes are read, by type. */
export const BACKSTOP_EVENTS: { readonly [T in BackstopEventType]: EventSpec } = {
  ...TYPED_EVENTS,
  "backstop-socializer-market-removed": {
    name: "SocializerMarketRemovedEvent",
    contract: "loss-socializer",
    fields: { id: "string" },
  },
  "backstop-socializer-guardian-set": {
    name: "SocializerGuardianSetEvent",
    contract: "loss-socializer",
    fields: { guardian: "string" },
  },
};

/** An event as cosmjs returns it (`DeliverTxResponse.events`, `ExecuteResult.events`). */
export interface EventLike {
  readonly type: string;
  readonly attributes: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

/** Why an event could not be read as a typed event; `kind` as in Rust's `EventParseError`. */
export class EventParseError extends Error {
  override name = "EventParseError";
  constructor(
    readonly kind: "wrong-type" | "missing" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

/** Whether `event` has the type `type`, with or without wasmd's `wasm-` prefix. */
export function isEventType(event: EventLike, type: string): boolean {
  return event.type === type || event.type === `wasm-${type}`;
}

const MAX_U64 = (1n << 64n) - 1n;
const MAX_U128 = (1n << 128n) - 1n;

function read(kind: AttributeKind, text: string): string | bigint | number | boolean | undefined {
  switch (kind) {
    case "string":
      return text;
    case "uint128":
      return /^\d+$/.test(text) && BigInt(text) <= MAX_U128 ? BigInt(text) : undefined;
    case "u64":
    case "u32": {
      if (!/^\d+$/.test(text)) return undefined;
      const n = BigInt(text);
      const max = kind === "u32" ? 0xffff_ffffn : MAX_U64;
      // a u64 beyond 2^53 − 1 would lose digits as a number: refused, not rounded
      return n <= max && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : undefined;
    }
    case "decimal":
      return /^\d+(\.\d{1,18})?$/.test(text) ? text : undefined;
    case "bool":
      return text === "true" ? true : text === "false" ? false : undefined;
  }
}

/**
 * Reads `event` as the typed event `type`. Attributes it does not know
 * (such as `_contract_address`) are ignored. Throws {@link EventParseError}
 * when the type differs or an attribute is missing or does not parse.
 */
export function parseEvent<T extends BackstopEventType>(event: EventLike, type: T): BackstopEventMap[T] {
  if (!isEventType(event, type)) {
    throw new EventParseError("wrong-type", `expected event type ${type}, got ${event.type}`);
  }
  const spec = BACKSTOP_EVENTS[type];
  const out: { [key: string]: unknown } = {};
  for (const [key, kind] of Object.entries(spec.fields)) {
    const attr = event.attributes.find((a) => a.key === key);
    if (!attr) throw new EventParseError("missing", `event ${type} has no attribute ${key}`);
    const value = read(kind, attr.value);
    if (value === undefined) {
      throw new EventParseError("invalid", `event ${type} attribute ${key} does not parse: ${attr.value}`);
    }
    out[key] = value;
  }
  return out as unknown as BackstopEventMap[T];
}

/** Every event of type `type` among `events`, in order, parsed (a malformed one throws). */
export function findEvents<T extends BackstopEventType>(events: readonly EventLike[], type: T): BackstopEventMap[T][] {
  return events.filter((e) => isEventType(e, type)).map((e) => parseEvent(e, type));
}

/** The first event of type `type` among `events`, parsed; `undefined` when there is none. */
export function findEvent<T extends BackstopEventType>(events: readonly EventLike[], type: T): BackstopEventMap[T] | undefined {
  const found = events.find((e) => isEventType(e, type));
  return found && parseEvent(found, type);
}

/** One decoded `backstop-` event: its type, the contract that emitted it (when the event says) and its fields. */
export type DecodedEvent = {
  [T in BackstopEventType]: { type: T; contract?: string; event: BackstopEventMap[T] };
}[BackstopEventType];

/**
 * Every `backstop-` event among `events`, in order, decoded; other events
 * are skipped. A `backstop-` event of an unknown type or with a malformed
 * attribute throws {@link EventParseError}: a contract newer than this
 * package, or a bug, is reported rather than dropped.
 */
export function decodeEvents(events: readonly EventLike[]): DecodedEvent[] {
  const out: DecodedEvent[] = [];
  for (const e of events) {
    const type = e.type.replace(/^wasm-/, "");
    if (!type.startsWith("backstop-")) continue;
    if (!(type in BACKSTOP_EVENTS)) throw new EventParseError("wrong-type", `unknown backstop event type ${type}`);
    const known = type as BackstopEventType;
    const contract = e.attributes.find((a) => a.key === "_contract_address")?.value;
    out.push({ type: known, contract, event: parseEvent(e, known) } as DecodedEvent);
  }
  return out;
}
