/** An amount of tokens: a `Uint128` as its decimal text, or a bigint. */
export type Amount = string | bigint;

const UINT128_MAX = (1n << 128n) - 1n;

/**
 * `amount` as the decimal text a `Uint128` field takes. Throws a
 * `RangeError` for anything that is not a whole number from 0 to 2^128 − 1
 * (a negative, a fraction, a number in exponent form, an empty string).
 */
export function toUint128(amount: Amount): string {
  const text = typeof amount === "bigint" ? amount.toString() : amount;
  if (!/^\d+$/.test(text) || BigInt(text) > UINT128_MAX) {
    throw new RangeError(`not a Uint128 amount: ${JSON.stringify(text)}`);
  }
  return BigInt(text).toString();
}
