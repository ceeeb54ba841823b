// Reads the measured gas of docs/GAS.md (written by scripts/bench.sh) and
// writes recommended gas limits per message.
//
// Recommended = ceil(MARGIN × (measured SDK gas + wasmd's per-execution
// overhead + token executions GAS.md leaves out)), rounded up to a multiple
// of ROUNDING. The measured SDK gas is the largest over the N columns. GAS.md
// counts wasmd's fixed cost per contract execution separately (its last
// column); it is added here. GAS.md's runs execute only our contracts: a
// message sent as a cw20 `Send` also runs the token contract, and a payout
// in a cw20 token runs its `Transfer`. Neither is measured for our tokens;
// the peer row "cw20-base transfer" plus one execution overhead stands for
// each. Bank transfers (native payouts) are not measured either: their KV
// gas is a few thousand, inside the margin.

import fs from "node:fs";
import path from "node:path";

const MARGIN_NUM = 13; // MARGIN = 1.3, kept as a fraction so the sums stay integers
const MARGIN_DEN = 10;
const ROUNDING = 1000;
const CW20_SEND_PROXY = "cw20-base transfer";

/** The messages with a recommendation, and the GAS.md rows each is taken from. */
const OPS = [
  { key: "vaultDeposit", what: "fund-vault `deposit` with native funds", rows: ["fund-vault / deposit (native)"] },
  { key: "vaultDepositCw20", what: "cw20 `send` of the vault's asset carrying `{\"deposit\":{}}`", rows: ["fund-vault / deposit (cw20 hook)"], cw20Send: true },
  { key: "vaultAddIncome", what: "fund-vault `add_income` with native funds", rows: ["fund-vault / add income"] },
  {
    key: "vaultAddIncomeCw20",
    what: "cw20 `send` of the vault's asset carrying `{\"add_income\":{}}`",
    rows: ["fund-vault / add income"],
    cw20Send: true,
    note: "GAS.md measures add income with native funds only; that row stands for the hook's run.",
  },
  { key: "vaultUnlock", what: "fund-vault `unlock`", rows: ["fund-vault / unlock"] },
  { key: "vaultWithdrawUnlocked", what: "fund-vault `withdraw_unlocked`", rows: ["fund-vault / withdraw unlocked"], assetPayouts: "one payout of the vault's asset" },
  { key: "vaultCoverShortfall", what: "fund-vault `cover_shortfall` (a claimant)", rows: ["fund-vault / cover shortfall"], assetPayouts: "one payout of the vault's asset" },
  {
    key: "stakingStake",
    what: "cw20 `send` of the staking token (such as vault shares) carrying `{\"stake\":{}}`",
    rows: ["staking-rewards / stake (1 reward asset accruing)"],
    cw20Send: true,
    note: "Measured with one reward asset accruing; each further asset adds work.",
  },
  { key: "stakingFundRewards", what: "staking-rewards `fund_rewards` with native funds (instant or stream)", prefix: "staking-rewards / fund rewards" },
  {
    key: "stakingFundRewardsCw20",
    what: "cw20 `send` of a reward token carrying `{\"fund_rewards\":{...}}`",
    prefix: "staking-rewards / fund rewards",
    cw20Send: true,
    note: "GAS.md measures funding with native funds only; those rows stand for the hook's run.",
  },
  { key: "stakingUnstake", what: "staking-rewards `unstake`, up to the most open unbondings", prefix: "staking-rewards / unstake" },
  {
    key: "stakingClaim",
    what: "staking-rewards `claim` of matured unbondings, up to the maximum of entries",
    prefix: "staking-rewards / claim unbonded",
    cw20Payouts: 1,
    note: "Includes the staking token's transfer to the staker (always a cw20).",
  },
  {
    key: "stakingClaimRewards",
    what: "staking-rewards `claim_rewards`",
    prefix: "staking-rewards / claim rewards",
    note: "GAS.md measures 1 and 5 reward assets; the contract allows 10, so simulate when more than 5 are registered.",
    assetPayouts: "one payout per reward asset",
  },
  {
    key: "stakingSlash",
    what: "staking-rewards `slash` by a slasher, alone",
    rows: ["staking-rewards / slash"],
    cw20Payouts: 1,
    note: "Includes the staking token's transfer to the recipient (always a cw20); a `msg` hook on it runs the receiver too.",
  },
  {
    key: "socializerReportShortfall",
    what: "loss-socializer `report_shortfall` through all four layers",
    prefix: "loss-socializer / report shortfall",
    assetPayouts: "one payout of the vault's asset to the market's recipient (two when the vault layer is not linked to the slash hook)",
  },
];

const num = (s) => {
  const t = s.trim().replace(/,/g, "");
  return /^\d+$/.test(t) ? Number(t) : NaN;
};
const fmt = (n) => n.toLocaleString("en-US");

/** The rows of the markdown table whose header line starts with `firstHeader`. */
function table(lines, firstHeader, fail) {
  const start = lines.findIndex((l) => l.startsWith(`| ${firstHeader} |`));
  if (start < 0) fail(`docs/GAS.md: no table headed "${firstHeader}"`);
  const cells = (l) => l.split("|").slice(1, -1).map((c) => c.trim());
  const header = cells(lines[start]);
  const rows = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith("|"); i++) rows.push(cells(lines[i]));
  return { header, rows };
}

export function generateGas(root, fail) {
  const text = fs.readFileSync(path.join(root, "docs/GAS.md"), "utf8");
  const lines = text.split("\n");

  const perExecMatch = /fixed cost of ([\d,]+) per contract execution/.exec(text);
  if (!perExecMatch) fail("docs/GAS.md no longer states wasmd's fixed cost per contract execution");
  const perExecution = num(perExecMatch[1]);

  const main = table(lines, "contract / operation", fail);
  const nCols = main.header.map((h, i) => (/^N = /.test(h) ? i : -1)).filter((i) => i >= 0);
  const execCol = main.header.indexOf("executions");
  const overheadCol = main.header.findIndex((h) => h.startsWith("+ call overhead"));
  if (nCols.length === 0 || execCol < 0 || overheadCol < 0) fail("docs/GAS.md: the main table's columns changed");
  const measured = new Map();
  for (const r of main.rows) {
    const label = r[0];
    const gasByN = nCols.map((i) => num(r[i]));
    const executions = num(r[execCol]);
    const overhead = num(r[overheadCol].split("/")[0]);
    if ([...gasByN, executions, overhead].some(Number.isNaN)) fail(`docs/GAS.md: cannot read the row "${label}"`);
    if (overhead !== executions * perExecution) {
      fail(`docs/GAS.md: "${label}" has ${executions} executions but an overhead of ${overhead}, not ${executions} × ${perExecution}`);
    }
    measured.set(label, { sdkGas: Math.max(...gasByN), executions, overhead });
  }

  const peers = table(lines, "peer operation", fail);
  const proxyRow = peers.rows.find((r) => r[0] === CW20_SEND_PROXY);
  if (!proxyRow) fail(`docs/GAS.md: no peer row "${CW20_SEND_PROXY}"`);
  const proxyGas = num(proxyRow[1]);
  if (Number.isNaN(proxyGas)) fail(`docs/GAS.md: cannot read the peer row "${CW20_SEND_PROXY}"`);

  const withMargin = (total) => Math.ceil(Math.ceil((total * MARGIN_NUM) / MARGIN_DEN) / ROUNDING) * ROUNDING;
  const used = new Set();
  const out = [];
  out.push("/** The safety margin on every measured figure: ×1.3. */");
  out.push(`export const GAS_MARGIN = ${MARGIN_NUM / MARGIN_DEN};`);
  out.push("/** Recommended figures are rounded up to a multiple of this. */");
  out.push(`export const GAS_ROUNDING = ${ROUNDING};`);
  out.push("/** wasmd's fixed gas per contract execution of unpinned code, as docs/GAS.md states it. */");
  out.push(`export const WASMD_EXECUTION_GAS = ${perExecution};`);
  out.push("");
  out.push("/**");
  out.push(" * Gas to add for each payout in a cw20 token (a `Transfer` on the token):");
  out.push(` * docs/GAS.md's "${CW20_SEND_PROXY}" ${fmt(proxyGas)} + ${fmt(perExecution)}, × ${MARGIN_NUM / MARGIN_DEN}, rounded up.`);
  out.push(" */");
  out.push(`export const CW20_PAYOUT_GAS = ${withMargin(proxyGas + perExecution)};`);
  out.push("");
  out.push("/** A measured row of docs/GAS.md: SDK gas (the largest over N), executions, and wasmd's overhead for them (unpinned). */");
  out.push("export interface MeasuredGas {");
  out.push("  readonly sdkGas: number;");
  out.push("  readonly executions: number;");
  out.push("  readonly overhead: number;");
  out.push("}");
  out.push("");
  out.push("/** Every row of docs/GAS.md's main table, by its label. */");
  out.push("export const MEASURED_GAS: { readonly [operation: string]: MeasuredGas } = {");
  for (const [label, m] of measured) {
    out.push(`  ${JSON.stringify(label)}: { sdkGas: ${m.sdkGas}, executions: ${m.executions}, overhead: ${m.overhead} },`);
  }
  out.push("};");
  out.push("");
  out.push("/**");
  out.push(" * Recommended gas limits per message: the measured SDK gas of docs/GAS.md");
  out.push(` * (the largest over N) plus wasmd's ${fmt(perExecution)} per contract execution, times`);
  out.push(` * ${MARGIN_NUM / MARGIN_DEN}, rounded up to a multiple of ${fmt(ROUNDING)}. A message sent as a cw20`);
  out.push(" * `send`, or that always pays out in a cw20, also runs that token: GAS.md's");
  out.push(" * cw20-base transfer and one more execution stand for each such run. A");
  out.push(" * payout in the vault's asset or a reward asset is counted only when it is");
  out.push(" * certain to be a cw20 (see each entry and CW20_PAYOUT_GAS). The chain's ante");
  out.push(" * handler (signature checks, tx bytes) comes on top; a chain's own");
  out.push(" * simulation gives the exact figure.");
  out.push(" */");
  out.push("export const RECOMMENDED_GAS = {");
  for (const op of OPS) {
    const labels = op.rows ?? [...measured.keys()].filter((l) => l.startsWith(op.prefix));
    if (labels.length === 0) fail(`docs/GAS.md: no row for ${op.key} (${op.prefix})`);
    const rows = labels.map((l) => {
      const m = measured.get(l);
      if (!m) fail(`docs/GAS.md: no row "${l}" (needed for ${op.key})`);
      used.add(l);
      return { label: l, ...m };
    });
    const worst = rows.reduce((a, b) => (b.sdkGas + b.overhead > a.sdkGas + a.overhead ? b : a));
    const tokenRuns = (op.cw20Send ? 1 : 0) + (op.cw20Payouts ?? 0);
    const total = worst.sdkGas + worst.overhead + tokenRuns * (proxyGas + perExecution);
    const gas = withMargin(total);
    const sum =
      `${fmt(worst.sdkGas)} + ${fmt(worst.overhead)}` +
      (tokenRuns > 0 ? ` + ${tokenRuns} × (${fmt(proxyGas)} + ${fmt(perExecution)}) for the token's ${tokenRuns > 1 ? "executions" : "execution"}` : "");
    const basis = `docs/GAS.md "${worst.label}": ${fmt(worst.sdkGas)} SDK gas, ${worst.executions} ${worst.executions === 1 ? "execution" : "executions"}`;
    out.push("  /**");
    out.push(`   * ${op.what}.`);
    out.push(`   * From ${basis}${rows.length > 1 ? ` (the largest of ${rows.length} rows)` : ""}.`);
    out.push(`   * ${MARGIN_NUM / MARGIN_DEN} × (${sum}), rounded up: ${fmt(gas)}.`);
    if (op.note) out.push(`   * ${op.note}`);
    if (op.assetPayouts) out.push(`   * Pays out: ${op.assetPayouts}; add {@link CW20_PAYOUT_GAS} for each in a cw20 token.`);
    out.push("   */");
    out.push(`  ${op.key}: ${gas},`);
  }
  out.push("} as const;");
  out.push("");
  out.push("/** A message with a recommended gas limit. */");
  out.push("export type GasOperation = keyof typeof RECOMMENDED_GAS;");
  const unused = [...measured.keys()].filter((l) => !used.has(l) && !l.includes("(query)"));
  if (unused.length > 0) {
    out.push("");
    out.push(`// Rows of docs/GAS.md measured but not mapped to a message: ${unused.join("; ")}.`);
  }
  return out.join("\n");
}
