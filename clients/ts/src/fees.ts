// Fees from the recommended gas limits of src/generated/gas.ts (from
// docs/GAS.md; see there for each figure's source and margin).

import type { StdFee } from "@cosmjs/amino";
import { calculateFee, GasPrice } from "@cosmjs/stargate";

import { CW20_PAYOUT_GAS, RECOMMENDED_GAS, type GasOperation } from "./generated/gas";

export interface GasOptions {
  /**
   * Payouts the message makes in a cw20 token that the figure does not
   * already count: for example 1 for `vaultWithdrawUnlocked` when the
   * vault's asset is a cw20. Each adds `CW20_PAYOUT_GAS`.
   */
  cw20Payouts?: number;
}

/** The recommended gas limit of `operation`, with `CW20_PAYOUT_GAS` for each extra cw20 payout. */
export function recommendedGas(operation: GasOperation, { cw20Payouts = 0 }: GasOptions = {}): number {
  if (!Number.isInteger(cw20Payouts) || cw20Payouts < 0) {
    throw new RangeError(`cw20Payouts must be a whole number ≥ 0, got ${cw20Payouts}`);
  }
  return RECOMMENDED_GAS[operation] + cw20Payouts * CW20_PAYOUT_GAS;
}

/** A fee for `operation` at `gasPrice` (such as `"0.025uusdc"`), with the recommended gas limit. */
export function recommendedFee(operation: GasOperation, gasPrice: string | GasPrice, options?: GasOptions): StdFee {
  const price = typeof gasPrice === "string" ? GasPrice.fromString(gasPrice) : gasPrice;
  return calculateFee(recommendedGas(operation, options), price);
}
