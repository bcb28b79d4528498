import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runKpi, tempDir, writeWorkspace } from "../cli/run-cli.js";

export const PROJECT = `project: acme
owners:
  growth: { name: Growth team, contact: growth@acme.example }
  support: { name: Customer support }
goals:
  grow_active_customers:
    statement: Grow new sign-ups 20% in Q4 2026
    owner: growth
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
policy: { core_kpis: { min: 0, max: 7 } }
`;

export interface KpiFields {
  id?: string;
  version?: number;
  formula?: string;
  shortTerm?: number;
  indicator?: "leading" | "lagging";
  core?: boolean;
  owner?: string;
}

export function kpiText(fields: KpiFields = {}): string {
  const {
    id = "first_week_activation",
    version = 3,
    formula = "activated / signups",
    shortTerm = 0.3,
    indicator = "leading",
    core = true,
    owner = "growth",
  } = fields;
  return `kpi: ${id}
version: ${version}
name: First-week activation rate
description: >
  Share of new sign-ups who complete a core action within 7 days of signing up.
owner: ${owner}
goal: grow_active_customers
category: activation
indicator: ${indicator}
core: ${core}
unit: ratio
direction: increase
cadence: weekly
formula: ${formula}
measures:
  signups: { source: app, from: users, aggregate: count, time: signed_up_at }
  activated:
    source: app
    from: users
    aggregate: count
    where: activated_at <= signed_up_at + INTERVAL 7 DAY
    time: signed_up_at
  visits: { source: app, from: users, aggregate: count_distinct, column: visitor_id, time: signed_up_at }
target:
  baseline: { value: 0.25, at: 2026-09-30 }
  short_term: { value: ${shortTerm}, by: 2026-12-31 }
  mid_term: { value: 0.4, by: 2027-06-30 }
thresholds: { warning: 0.27, critical: 0.22 }
`;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** A fresh repository (branch main) whose workspace lives in `kpis/`. */
export function repository(): { repo: string; root: string } {
  const repo = tempDir("kpi-diff-");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "config", "user.email", "test@example.com");
  git(repo, "config", "user.name", "Test");
  return { repo, root: join(repo, "kpis") };
}

/** Writes (or with `null`, deletes) workspace files and commits them all. */
export function commit(repo: string, files: Record<string, string | null>, message: string): void {
  const root = join(repo, "kpis");
  for (const [file, text] of Object.entries(files)) {
    if (text === null) rmSync(join(root, file), { force: true });
    else writeWorkspace({ [file]: text }, root);
  }
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", message);
}

export interface JsonDiff {
  base: string;
  head: string;
  kpis: {
    id: string;
    change: string;
    file: string;
    previousFile?: string;
    fields: { field: string; before?: unknown; after?: unknown }[];
    risks: { id: string }[];
  }[];
  goals: { id: string; change: string; previousId?: string; risks: { id: string }[] }[];
  owners: { id: string; change: string; previousId?: string }[];
  sources: { id: string; change: string }[];
  summary: { kpis: Record<string, number> };
}

export function diffJson(root: string, ...args: string[]): JsonDiff {
  const result = runKpi(["diff", "--dir", root, "--format", "json", ...args]);
  if (result.status !== 0) throw new Error(`kpi diff failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonDiff;
}
