// Loads an example workspace as plain objects. The examples are checked here
// without @kpi-as-code/core on purpose: they are the fixtures the validator
// and the runner will be tested against, so they must stand on their own.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const EXAMPLE_NAMES = ["saas", "ecommerce", "support"] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

export const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export type Direction = "increase" | "decrease";
export type Cadence = "daily" | "weekly" | "monthly" | "quarterly";

export interface Measure {
  source: string;
  from?: string;
  aggregate?: "count" | "count_distinct" | "sum" | "avg" | "min" | "max" | "median" | "percentile";
  percentile?: number;
  column?: string;
  expr?: string;
  duration?: { from: string; to: string };
  where?: string;
  time?: string;
  window?: string;
  active?: { from: string; until: string; at?: "start" | "end" };
  sql?: string;
}

export interface Target {
  baseline?: { value: number; at: string };
  short_term?: { value: number; by: string };
  mid_term?: { value: number; by: string };
}

export interface Kpi {
  kpi: string;
  version: number;
  name: string;
  description: string;
  owner: string;
  goal: string;
  category: string;
  indicator: "leading" | "lagging";
  core?: boolean;
  unit: "ratio" | "percent" | "count" | "currency" | "duration" | "score";
  currency?: string;
  range?: [number, number];
  direction: Direction;
  cadence: Cadence;
  formula: string;
  measures?: Record<string, Measure>;
  segments?: string[];
  target?: Target;
  benchmark?: { value: number; source: string };
  thresholds?: { warning: number; critical: number };
  action_plan?: { hypothesis: string; experiment: string }[];
  review?: { every: string; next: string };
  tags?: string[];
}

export interface Project {
  project: string;
  owners: Record<string, { name: string; contact?: string }>;
  goals: Record<string, { statement: string; owner?: string; period?: { start: string; end: string } }>;
  sources: Record<
    string,
    { type: string; path?: string; tables?: Record<string, string>; views?: Record<string, string> }
  >;
  policy?: { core_kpis?: { min?: number; max?: number }; balance?: string };
}

export interface Workspace {
  name: ExampleName;
  dir: string;
  project: Project;
  kpis: Map<string, Kpi>;
  /** KPI id -> the file it was read from, relative to the workspace. */
  files: Map<string, string>;
}

export function loadWorkspace(name: ExampleName): Workspace {
  const dir = join(examplesDir, name);
  const project = parse(readFileSync(join(dir, "kpi.yaml"), "utf8")) as Project;
  const kpis = new Map<string, Kpi>();
  const files = new Map<string, string>();
  for (const file of readdirSync(dir).filter((entry) => entry.endsWith(".kpi.yaml"))) {
    const kpi = parse(readFileSync(join(dir, file), "utf8")) as Kpi;
    kpis.set(kpi.kpi, kpi);
    files.set(kpi.kpi, file);
  }
  return { name, dir, project, kpis, files };
}

/** The identifiers of a formula, functions excluded. */
export function formulaIdentifiers(formula: string): string[] {
  const names = formula.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return names.filter((name) => !["min", "max", "abs", "previous"].includes(name));
}

/** The unit's value range (spec 2, `measurability/unit-range`). */
export function unitRange(kpi: Kpi): [number, number] {
  switch (kpi.unit) {
    case "ratio":
      return [0, 1];
    case "percent":
      return [0, 100];
    case "score":
      return kpi.range ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    default:
      return [0, Number.POSITIVE_INFINITY];
  }
}
