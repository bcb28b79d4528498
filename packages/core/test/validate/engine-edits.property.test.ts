import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  analyzeFile,
  buildWorkspace,
  type Diagnostic,
  IncrementalValidation,
  messages,
  RULES,
  type Rule,
  readWorkspaceSources,
  validKpis,
  type Workspace,
} from "@kpi-as-code/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

/*
 * What the validation engine reruns after an edit follows each rule's declared scope, nothing else
 * (no list of fields anywhere). Edits of every field of every KPI file, to values of any kind (full
 * Unicode strings, numbers, another file's value, nothing), must leave the engine's answer exactly
 * what a fresh engine gives the same files. A trial cross-file rule that reads a field no other rule
 * reads (`unit`) is added with no edit outside this file, and its findings are never stale either.
 */

const TODAY = "2026-11-27";
const WORKSPACES = fileURLToPath(new URL("../rules/workspaces/", import.meta.url));

/** A workspace rule reading `unit`: the KPIs of one goal should share a unit. */
const trialUnitRule: Rule = {
  ...RULES.find((rule) => rule.id === "balance/leading-lagging"),
  scope: "workspace",
  check(context) {
    const unitOfGoal = new Map<string, unknown>();
    for (const entry of validKpis(context.workspace)) {
      const { goal, unit } = entry.data;
      if (typeof goal !== "string") continue;
      if (!unitOfGoal.has(goal)) unitOfGoal.set(goal, unit);
      else if (unitOfGoal.get(goal) !== unit)
        context.report(
          entry.file,
          { path: ["unit"] },
          messages["balance/leading-lagging"]({ scope: `goal ${goal}`, missing: "leading" }),
        );
    }
  },
} as Rule;
const WITH_TRIAL = [...RULES, trialUnitRule];

function engineResult(files: ReadonlyMap<string, string>): [string, Diagnostic[]][] {
  const model = buildWorkspace(
    [...files.keys()].sort().map((file) => analyzeFile({ file, text: files.get(file) ?? "" })),
  );
  return [...new IncrementalValidation({ today: TODAY, rules: WITH_TRIAL }).validate(model)];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in a parsed file, mappings and sequences alike. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (value !== null && typeof value === "object")
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return here;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): void {
  let node = root as Record<string | number, Json>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
}

function valueAt(root: Json, path: (string | number)[]): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, Json>)[segment];
  }
  return node;
}

const newValue = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom("count", "ratio", "percent", "leading", "lagging", "monthly", "grow", "nobody", "a / b"),
  fc.integer({ min: -5, max: 10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant("<from another file>"),
);

function workspaceFiles(name: string): Map<string, string> {
  return new Map(readWorkspaceSources(join(WORKSPACES, name)).map((source) => [source.file, source.text]));
}

describe("the validation engine after edits of every field", () => {
  for (const name of readdirSync(WORKSPACES)) {
    it(`matches a fresh engine on ${name}`, () => {
      const files = workspaceFiles(name);
      const kpiFiles = [...files.keys()].filter((file) => file.endsWith(".kpi.yaml")).sort();
      const model: Workspace = buildWorkspace(
        [...files.keys()].sort().map((file) => analyzeFile({ file, text: files.get(file) ?? "" })),
      );
      const engine = new IncrementalValidation({ today: TODAY, rules: WITH_TRIAL });
      engine.validate(model);
      const edits = fc.array(fc.tuple(fc.nat(), fc.nat(), newValue, fc.nat()), {
        minLength: 1,
        maxLength: 6,
      });
      fc.assert(
        fc.property(edits, (steps) => {
          for (const [fileIndex, pathIndex, value, otherIndex] of steps) {
            const file = kpiFiles[fileIndex % kpiFiles.length] as string;
            const data = (parse(files.get(file) ?? "") ?? {}) as Json;
            const paths = pathsOf(data);
            if (paths.length === 0) continue;
            const path = paths[pathIndex % paths.length] as (string | number)[];
            const other = kpiFiles[otherIndex % kpiFiles.length] as string;
            const replacement =
              value === "<from another file>" ? valueAt(parse(files.get(other) ?? "") as Json, path) : value;
            setAt(data, path, replacement);
            const text = stringify(data);
            files.set(file, text);
            const analyzed = analyzeFile({ file, text });
            if (analyzed?.kind === "kpi") model.setKpi(analyzed.entry);
            expect([...engine.validate(model, [file])]).toEqual(engineResult(files));
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
