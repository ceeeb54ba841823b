import { strict as assert } from "node:assert";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

import * as pkg from "../../src";

/** The identifier each `code span` of the README starts with. */
function mentioned(): Set<string> {
  const text = fs.readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
  return new Set([...text.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
}

/** Every callable the package exports: functions, classes and their methods, static or per instance. */
function callables(): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(pkg)) {
    if (typeof value !== "function") continue;
    names.push(name);
    const cls = value as unknown as { prototype?: object } & { new (...args: unknown[]): object };
    const isClass = /^class\b/.test(Function.prototype.toString.call(value));
    if (!isClass) continue;
    const methods = new Set<string>();
    for (const n of Object.getOwnPropertyNames(cls)) if (typeof (cls as unknown as Record<string, unknown>)[n] === "function") methods.add(n);
    for (const n of Object.getOwnPropertyNames(cls.prototype ?? {})) if (n !== "constructor") methods.add(n);
    if (!(value.prototype instanceof Error)) {
      // generated clients define their methods per instance
      const instance = new cls({}, "sender", "contract") as Record<string, unknown>;
      for (const [n, v] of Object.entries(instance)) if (typeof v === "function") methods.add(n);
    }
    names.push(...[...methods].map((m) => `${name}.${m}`));
  }
  return names;
}

test("the README names every function, class and method the package exports", () => {
  const inReadme = mentioned();
  const missing = callables().filter((n) => !inReadme.has(n.split(".").pop()!));
  assert.deepEqual(missing, []);
  assert.ok(callables().length > 100, "the generated clients' methods are counted");
});

test("the README names every operation with a recommended gas limit", () => {
  const inReadme = mentioned();
  assert.deepEqual(Object.keys(pkg.RECOMMENDED_GAS).filter((op) => !inReadme.has(op)), []);
});
