// Reads every `typed_event!` of packages/types/src/<module>/events.rs and
// writes the TypeScript interfaces and the attribute table that
// src/events.ts decodes with.

import fs from "node:fs";
import path from "node:path";

/** The Rust modules with events, the contract they belong to and the prefix of their TS names. */
const MODULES = [
  { module: "fund_vault", contract: "fund-vault", prefix: "Vault" },
  { module: "staking", contract: "staking-rewards", prefix: "Staking" },
  { module: "socializer", contract: "loss-socializer", prefix: "Socializer" },
  // the governance kit's timelock events, emitted by the vault and the staking contract
  { module: "governance", file: "timelock.rs", contract: "fund-vault|staking-rewards", prefix: "Governance" },
];

/** How a Rust field type is carried in an attribute and read back. */
const KINDS = {
  String: { kind: "string", ts: "string" },
  Uint128: { kind: "uint128", ts: "bigint" },
  u64: { kind: "u64", ts: "number" },
  u32: { kind: "u32", ts: "number" },
  Decimal: { kind: "decimal", ts: "string" },
  bool: { kind: "bool", ts: "boolean" },
};

/** The body of each `typed_event! { ... }` in `text`, by brace matching. */
function macroBodies(text, file, fail) {
  const bodies = [];
  const re = /typed_event!\s*\{/g;
  let m;
  while ((m = re.exec(text))) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
    }
    if (depth !== 0) fail(`${file}: unbalanced typed_event!`);
    bodies.push(text.slice(re.lastIndex, i - 1));
    re.lastIndex = i;
  }
  return bodies;
}

function parseEvent(body, file, fail) {
  const lines = body.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  let docs = [];
  let event = null;
  for (const line of lines) {
    let m;
    if ((m = /^\/\/\/ ?(.*)$/.exec(line))) {
      docs.push(m[1]);
    } else if (!event && (m = /^([A-Z][A-Za-z0-9]*)\s*=\s*"([a-z0-9-]+)"\s*\{$/.exec(line))) {
      event = { rust: m[1], type: m[2], doc: docs.join(" "), fields: [] };
      docs = [];
    } else if (event && (m = /^([a-z_][a-z0-9_]*)\s*:\s*([A-Za-z0-9_]+),?$/.exec(line))) {
      const kind = KINDS[m[2]];
      if (!kind) fail(`${file}: ${event.rust}.${m[1]} has type ${m[2]}, which the generator cannot read back`);
      event.fields.push({ name: m[1], rust: m[2], ...kind, doc: docs.join(" ") });
      docs = [];
    } else if (event && line === "}") {
      // end of the field list
    } else {
      fail(`${file}: cannot read this line of a typed_event!: ${line}`);
    }
  }
  if (!event) fail(`${file}: a typed_event! without a name`);
  return event;
}

const comment = (text, indent = "") => `${indent}/** ${text.replace(/\*\//g, "*\\/")} */`;

export function generateEvents(root, fail) {
  const events = [];
  for (const { module, file, contract, prefix } of MODULES) {
    const rel = `packages/types/src/${module}/${file ?? "events.rs"}`;
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    const bodies = macroBodies(text, rel, fail);
    if (bodies.length === 0) fail(`${rel}: no typed_event!`);
    for (const body of bodies) {
      const e = parseEvent(body, rel, fail);
      const name = prefix + e.rust;
      if (events.some((o) => o.type === e.type)) fail(`${rel}: event type ${e.type} declared twice`);
      events.push({ ...e, name, contract, file: rel });
    }
  }
  const out = [];
  out.push("/** How an attribute's text is read: the Rust field type it was written from. */");
  out.push('export type AttributeKind = "string" | "uint128" | "u64" | "u32" | "decimal" | "bool";');
  out.push("");
  for (const e of events) {
    out.push(comment(`${e.doc} Event \`${e.type}\` (\`wasm-${e.type}\` on chain), \`${e.rust}\` in ${e.file}.`));
    out.push(`export interface ${e.name} {`);
    for (const f of e.fields) {
      out.push(comment(`${f.doc} (Rust \`${f.rust}\`)`, "  "));
      out.push(`  ${f.name}: ${f.ts};`);
    }
    out.push("}");
    out.push("");
  }
  out.push("/** Every typed event, by its type without wasmd's `wasm-` prefix. */");
  out.push("export interface TypedEventMap {");
  for (const e of events) out.push(`  "${e.type}": ${e.name};`);
  out.push("}");
  out.push("");
  out.push("/** The contract and attribute kinds of every typed event, by type. */");
  out.push("export const TYPED_EVENTS = {");
  for (const e of events) {
    const fields = e.fields.map((f) => `${f.name}: "${f.kind}"`).join(", ");
    out.push(`  "${e.type}": { name: "${e.name}", contract: "${e.contract}", fields: { ${fields} } },`);
  }
  out.push("} as const;");
  return out.join("\n");
}
