import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asRecord, ParsedFile, resolvePosition } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

/*
 * resolvePosition finds simple top-level values (`direction: sideways`) and keys nested in block
 * mappings (`goals:` → `grow:`) without the `yaml` position tree. Every top-level value and every
 * key path of every rule fixture, and texts built to mislead a line scan, must resolve exactly
 * where the tree puts them.
 */

const RULES_TESTS = fileURLToPath(new URL("../rules/", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? [path] : [];
  });
}

const MISLEADING = [
  "kpi: a\ndirection: sideways\n",
  "kpi: a\ndirection:   sideways   # why\nname: x\n",
  'kpi: a\nname: "one\ndirection: sideways\ntwo"\ndirection: increase\n',
  "kpi: a\nname: 'one\ndirection: sideways\ntwo'\n",
  "kpi: a\ndescription: |\n  direction: sideways\ndirection: up\n",
  "kpi: a\ndirection: sideways\ndirection: up\n",
  "kpi: a\nname: one\n  direction: sideways\n",
  "---\nkpi: a\ndirection: sideways\n---\ndirection: up\n",
  "kpi: a\ndirection: &x sideways\n",
  "kpi: a\ndirection: !!str sideways\n",
  "kpi: a\ndirection:\n  sideways\n",
  "kpi: a\ndirection: side\n  ways\n",
  "? direction\n: sideways\ndirection: up\n",
];

function expectSameAsTree(file: string, text: string): void {
  const value = asRecord(new ParsedFile(file, text).value);
  for (const key of Object.keys(value)) {
    const tree = new ParsedFile(file, text);
    const expected = tree.locate([key], "value");
    const resolved = resolvePosition(new ParsedFile(file, text), { path: [key] });
    expect({ key, start: resolved.start, end: resolved.end }).toEqual({ key, ...expected });
  }
}

const MISLEADING_NESTED = [
  "goals:\n  grow:\n    owner: a\n  keep:\n    owner: b\n",
  "goals:\n  # grow:\n  keep: {}\n  grow: { owner: a }\n",
  "goals:\n    grow:\n        owner: a\n",
  "notes: |\n  grow:\ngoals:\n  grow: x\n",
  "goals: |\n  grow:\n",
  "goals: { grow: x }\n",
  "goals:\n- grow: x\n",
  "goals:\n  - grow: x\n",
  "other:\n  grow: 1\ngoals:\n  keep: 2\n",
  "goals:\n  grow_more: 1\n  grow: 2\n",
  "goals:\n  'grow': 1\n",
  "goals:\n  grow:1\n  grow: 2\n",
  "goals:\n  keep:\n    grow: 1\n  grow: 2\n",
  "goals:\n  grow: 1\n  grow: 2\n",
  "goals:\n  keep:\n    text: >\n      grow: no\n  grow: 2\n",
  "goals: # all of them\n  grow: 1\n",
  "goals:\n\n  grow: 1\n",
  "goals:\n  keep: 1\nother:\n  grow: 2\n",
];

/** Every path of keys through mappings in a value: ["goals"], ["goals", "grow"], ... */
function keyPaths(value: unknown, prefix: string[] = []): string[][] {
  const record = asRecord(value);
  return Object.keys(record).flatMap((key) => [[...prefix, key], ...keyPaths(record[key], [...prefix, key])]);
}

function expectKeysAsTree(file: string, text: string, extra: string[][] = []): void {
  for (const path of [...keyPaths(new ParsedFile(file, text).value), ...extra]) {
    const expected = new ParsedFile(file, text).locate(path, "key");
    const resolved = resolvePosition(new ParsedFile(file, text), { path, target: "key" });
    expect({ path, start: resolved.start, end: resolved.end }).toEqual({ path, ...expected });
  }
}

describe("resolvePosition of a key in block mappings", () => {
  it("matches the yaml position tree on every key path of every rule fixture", () => {
    for (const path of yamlFiles(RULES_TESTS)) expectKeysAsTree(path, readFileSync(path, "utf8"));
  });

  it.each(MISLEADING_NESTED)("matches the yaml position tree on %j", (text) => {
    expectKeysAsTree("kpi.yaml", text, [
      ["goals", "grow"],
      ["goals", "grow", "owner"],
      ["goals", "missing"],
    ]);
  });
});

describe("resolvePosition of a top-level value", () => {
  it("matches the yaml position tree on every rule fixture", () => {
    const files = yamlFiles(RULES_TESTS);
    expect(files.length).toBeGreaterThan(50);
    for (const path of files) expectSameAsTree(path, readFileSync(path, "utf8"));
  });

  it.each(MISLEADING)("matches the yaml position tree on %j", (text) => {
    expectSameAsTree("a.kpi.yaml", text);
  });
});
