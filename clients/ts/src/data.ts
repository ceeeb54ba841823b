// Execute response data: what `unlock`, `report_shortfall` and the others
// return in `Response::data`, as base64 JSON. On chain it arrives wrapped in
// wasmd's `MsgExecuteContractResponse` (a tx's `msgResponses`, or a
// sub-message reply); these decoders unwrap it, parse the JSON and check it
// against the schema in schema/<contract>/extra before typing it.

import { fromBase64, fromUtf8 } from "@cosmjs/encoding";
import { MsgExecuteContractResponse } from "cosmjs-types/cosmwasm/wasm/v1/tx";

import type {
  CoverShortfallResponse,
  DepositResponse,
  UnlockResponse,
} from "./generated/FundVault.extra";
import type { ShortfallOutcome } from "./generated/LossSocializer.extra";
import type { SlashResponse, UnstakeResponse } from "./generated/StakingRewards.extra";
import { RESPONSE_SCHEMAS, type ResponseSchemaName } from "./generated/response-schemas";

export type { CoverShortfallResponse, DepositResponse, UnlockResponse, ShortfallOutcome, SlashResponse, UnstakeResponse };

/** Response data that is missing, not JSON, or not of the expected shape. */
export class DataDecodeError extends Error {
  override name = "DataDecodeError";
}

const EXECUTE_RESPONSE_TYPE = "/cosmwasm.wasm.v1.MsgExecuteContractResponse";

/** A tx's message responses, as `DeliverTxResponse.msgResponses` holds them. */
export interface MsgResponses {
  readonly msgResponses: ReadonlyArray<{ readonly typeUrl: string; readonly value: Uint8Array }>;
}

/**
 * The contract's data in the `index`th message response of a tx
 * (`signAndBroadcast`'s `DeliverTxResponse`): unwraps wasmd's
 * `MsgExecuteContractResponse`.
 */
export function executeResponseData(tx: MsgResponses, index = 0): Uint8Array {
  const response = tx.msgResponses[index];
  if (!response) throw new DataDecodeError(`the tx has no message response ${index}`);
  if (response.typeUrl !== EXECUTE_RESPONSE_TYPE) {
    throw new DataDecodeError(`message response ${index} is a ${response.typeUrl}, not a ${EXECUTE_RESPONSE_TYPE}`);
  }
  return unwrapExecuteResponse(response.value);
}

/** The data inside a protobuf `MsgExecuteContractResponse` (for example a sub-message reply's data). */
export function unwrapExecuteResponse(bytes: Uint8Array): Uint8Array {
  const { data } = MsgExecuteContractResponse.decode(bytes);
  if (data.length === 0) throw new DataDecodeError("the execution returned no data");
  return data;
}

/** JSON of `data`: bytes, or their base64 text as events and replies carry them. */
export function decodeJsonData(data: string | Uint8Array): unknown {
  let bytes: Uint8Array;
  try {
    bytes = typeof data === "string" ? fromBase64(data) : data;
  } catch (e) {
    throw new DataDecodeError(`response data is not base64: ${(e as Error).message}`);
  }
  if (bytes.length === 0) throw new DataDecodeError("response data is empty");
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch (e) {
    throw new DataDecodeError(`response data is not JSON: ${(e as Error).message}`);
  }
}

type Schema = { readonly [key: string]: unknown };

/** Named definitions with a text format beyond `"type": "string"`. */
const TEXT_FORMATS: { readonly [name: string]: RegExp } = {
  Uint128: /^\d+$/,
  Uint64: /^\d+$/,
  Decimal: /^\d+(\.\d+)?$/,
};

/**
 * Checks `value` against the subset of JSON schema that cosmwasm-schema
 * emits for response data: `$ref`, `allOf`, `anyOf`, `oneOf`, `type`,
 * `enum`, `required`, `properties`, `items`, unsigned integer formats, and
 * the text of `Uint128` and `Decimal`. Unknown fields are accepted (a newer
 * contract may add one); missing or mistyped ones are not.
 */
function check(value: unknown, schema: Schema, defs: { readonly [name: string]: Schema }, at: string): string | null {
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.replace("#/definitions/", "");
    const def = defs[name];
    if (!def) return `${at}: unknown definition ${name}`;
    const format = TEXT_FORMATS[name];
    if (format && !(typeof value === "string" && format.test(value))) return `${at}: not a ${name}: ${JSON.stringify(value)}`;
    return check(value, def, defs, at);
  }
  const sub = (key: string) => (Array.isArray(schema[key]) ? (schema[key] as Schema[]) : null);
  const allOf = sub("allOf");
  if (allOf) {
    for (const s of allOf) {
      const e = check(value, s, defs, at);
      if (e) return e;
    }
  }
  const anyOf = sub("anyOf");
  if (anyOf && !anyOf.some((s) => check(value, s, defs, at) === null)) {
    return `${at}: ${JSON.stringify(value)} matches none of its forms`;
  }
  const oneOf = sub("oneOf");
  if (oneOf) {
    const matches = oneOf.filter((s) => check(value, s, defs, at) === null).length;
    if (matches !== 1) return `${at}: ${JSON.stringify(value)} matches ${matches === 0 ? "none" : matches} of its forms, not one`;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return `${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => isType(value, t, schema))) return `${at}: expected ${types.join(" or ")}, got ${JSON.stringify(value)}`;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as { readonly [key: string]: unknown };
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in obj)) return `${at}: missing field ${key}`;
    }
    const props = (schema.properties as { readonly [key: string]: Schema } | undefined) ?? {};
    for (const [key, s] of Object.entries(props)) {
      if (key in obj) {
        const e = check(obj[key], s, defs, `${at}.${key}`);
        if (e) return e;
      }
    }
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === "object") {
    for (let i = 0; i < value.length; i++) {
      const e = check(value[i], schema.items as Schema, defs, `${at}[${i}]`);
      if (e) return e;
    }
  }
  return null;
}

function isType(value: unknown, type: string, schema: Schema): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "number":
      return typeof value === "number";
    case "integer": {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) return false;
      const unsigned = schema.format === "uint64" || schema.format === "uint32" || schema.minimum === 0;
      return !unsigned || value >= 0;
    }
    default:
      return false;
  }
}

/**
 * Decodes response data as the type named `name` (`<Contract>.<RustType>`),
 * checked against its schema. Throws {@link DataDecodeError}.
 */
export function decodeResponseData<T>(name: ResponseSchemaName, data: string | Uint8Array): T {
  const value = decodeJsonData(data);
  const schema = RESPONSE_SCHEMAS[name] as unknown as Schema;
  const defs = (schema.definitions ?? {}) as { readonly [name: string]: Schema };
  const error = check(value, schema, defs, name);
  if (error) throw new DataDecodeError(error);
  return value as T;
}

/** `deposit` (and the cw20 deposit hook): the shares minted. */
export const decodeDepositResponse = (data: string | Uint8Array) =>
  decodeResponseData<DepositResponse>("FundVault.DepositResponse", data);

/** `unlock`: the request id, its release and its expiry. */
export const decodeUnlockResponse = (data: string | Uint8Array) =>
  decodeResponseData<UnlockResponse>("FundVault.UnlockResponse", data);

/** `cover_shortfall`: paid and uncovered. */
export const decodeCoverShortfallResponse = (data: string | Uint8Array) =>
  decodeResponseData<CoverShortfallResponse>("FundVault.CoverShortfallResponse", data);

/** `unstake`: the unbonding entry id and its release. */
export const decodeUnstakeResponse = (data: string | Uint8Array) =>
  decodeResponseData<UnstakeResponse>("StakingRewards.UnstakeResponse", data);

/** `slash`: tokens taken and left. */
export const decodeSlashResponse = (data: string | Uint8Array) =>
  decodeResponseData<SlashResponse>("StakingRewards.SlashResponse", data);

/** `report_shortfall`: every layer's amount, the haircut ratios, the residual and the new factors. */
export const decodeShortfallOutcome = (data: string | Uint8Array) =>
  decodeResponseData<ShortfallOutcome>("LossSocializer.ShortfallOutcome", data);
