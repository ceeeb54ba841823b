import { strict as assert } from "node:assert";
import { test } from "node:test";

import {
  CW20_PAYOUT_GAS,
  GAS_MARGIN,
  GAS_ROUNDING,
  MEASURED_GAS,
  RECOMMENDED_GAS,
  recommendedFee,
  recommendedGas,
  WASMD_EXECUTION_GAS,
} from "../../src";

/** The documented rule: (measured + overhead + token runs) × margin, rounded up. */
function rule(total: number): number {
  return Math.ceil(Math.ceil(total * GAS_MARGIN - 1e-9) / GAS_ROUNDING) * GAS_ROUNDING;
}

const row = (label: string) => {
  const m = MEASURED_GAS[label];
  assert.ok(m, `GAS.md row ${label}`);
  return m;
};

test("recommended figures follow the documented rule from the measured rows", () => {
  const deposit = row("fund-vault / deposit (native)");
  assert.equal(RECOMMENDED_GAS.vaultDeposit, rule(deposit.sdkGas + deposit.overhead));
  const reportLabel = Object.keys(MEASURED_GAS).find((l) => l.startsWith("loss-socializer / report shortfall"));
  const report = row(reportLabel ?? "loss-socializer / report shortfall");
  assert.equal(report.overhead, report.executions * WASMD_EXECUTION_GAS);
  assert.equal(RECOMMENDED_GAS.socializerReportShortfall, rule(report.sdkGas + report.overhead));
  // the worst of the unstake rows
  const unstakes = Object.entries(MEASURED_GAS).filter(([l]) => l.startsWith("staking-rewards / unstake"));
  const worst = Math.max(...unstakes.map(([, m]) => m.sdkGas + m.overhead));
  assert.equal(RECOMMENDED_GAS.stakingUnstake, rule(worst));
  // a cw20 Send adds the token's run: the stake costs more than its hook alone
  const stake = row("staking-rewards / stake (1 reward asset accruing)");
  assert.ok(RECOMMENDED_GAS.stakingStake > rule(stake.sdkGas + stake.overhead));
  for (const [op, gas] of Object.entries(RECOMMENDED_GAS)) {
    assert.equal(gas % GAS_ROUNDING, 0, op);
  }
});

test("recommendedGas adds a cw20 payout's gas per payout", () => {
  assert.equal(recommendedGas("vaultWithdrawUnlocked"), RECOMMENDED_GAS.vaultWithdrawUnlocked);
  assert.equal(recommendedGas("vaultWithdrawUnlocked", { cw20Payouts: 1 }), RECOMMENDED_GAS.vaultWithdrawUnlocked + CW20_PAYOUT_GAS);
  assert.throws(() => recommendedGas("vaultUnlock", { cw20Payouts: -1 }), RangeError);
  assert.throws(() => recommendedGas("vaultUnlock", { cw20Payouts: 0.5 }), RangeError);
});

test("recommendedFee prices the recommended gas, rounding the fee up", () => {
  const gas = RECOMMENDED_GAS.vaultDeposit;
  assert.deepEqual(recommendedFee("vaultDeposit", "0.025uusdc"), {
    amount: [{ denom: "uusdc", amount: String(Math.ceil(gas * 0.025)) }],
    gas: String(gas),
  });
  assert.deepEqual(recommendedFee("vaultUnlock", "0.0000001uinj").amount, [{ denom: "uinj", amount: "1" }]);
});
