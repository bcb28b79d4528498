import { type DialectName, dialects, type QueryParam } from "@kpi-as-code/connection";
import type { Workspace } from "@kpi-as-code/core";
import { compileWorkspace } from "./compile/compile-workspace.js";
import { RunnerError } from "./errors.js";
import { executedSql } from "./execute/run-batch.js";
import { loadWorkspace } from "./load-workspace.js";
import { resolveTargets, type TargetOptions } from "./resolve-targets.js";
import type { Period } from "./types.js";

export interface ExplainOptions extends Omit<TargetOptions, "kpis"> {
  root: string;
  workspace?: Workspace;
  kpi: string;
}

export interface ExplainedStatement {
  source: string;
  dialect: string;
  /**
   * What the statement computes: `value`, `breakdown by <segment>`, `series by <grain>` (grouped by
   * each row's bucket, or joined to the list of buckets for windows, states and `:start`/`:end`),
   * `sql measure` (in a series, `sql measure (bucket <date>)`, one per bucket); followed by
   * ` (earlier period <start> .. <end>)` for what `previous(...)` reads before the period.
   */
  purpose: string;
  /** `kpi.measure` for every measure it serves. */
  measures: string[];
  sql: string | null;
  params: QueryParam[];
  /** Why the statement cannot run (a read-only violation). */
  error?: string;
}

export interface Explanation {
  kpi: string;
  period: Period;
  /** Why the KPI cannot be computed at all, when it cannot. */
  problem?: string;
  statements: ExplainedStatement[];
}

/** The SQL a run of one KPI (and the KPIs it references) executes, with its parameters, without connecting. */
export async function explainKpi(options: ExplainOptions): Promise<Explanation> {
  const workspace = options.workspace ?? (await loadWorkspace(options.root));
  const [target] = resolveTargets(workspace, { ...options, kpis: [options.kpi] });
  if (!target) throw new RunnerError("kpi/unknown", `No KPI "${options.kpi}" in the workspace.`);
  const run = compileWorkspace(workspace, {
    targets: [target],
    ...(options.grain ? { grain: options.grain } : {}),
  });
  const statements = run.compiled.map((compiled): ExplainedStatement => {
    const plan = compiled.plan;
    const slots = plan.kind === "aggregate" ? plan.slots : [plan.slot];
    const purpose =
      plan.kind === "sql"
        ? `sql measure${plan.bucketKey ? ` (bucket ${plan.bucketKey})` : ""}`
        : plan.oneScan
          ? plan.oneScan.sets
              .map((set) =>
                set.kind === "total"
                  ? "value"
                  : set.kind === "segment"
                    ? `breakdown by ${set.column}`
                    : `series by ${set.grain}`,
              )
              .join(", ")
          : plan.groupBy?.kind === "segment"
            ? `breakdown by ${plan.groupBy.column}`
            : plan.groupBy?.kind === "bucket" || plan.groupBy?.kind === "buckets"
              ? `series by ${plan.groupBy.grain}`
              : "value";
    // `previous(...)` reads periods before the target's: say which, so the SQL of each is found.
    const bounds = plan.kind === "sql" ? plan.window : plan.period;
    const earlier =
      bounds.start < target.period.start ? ` (earlier period ${bounds.start} .. ${bounds.end})` : "";
    const base = {
      source: compiled.source,
      dialect: compiled.dialect,
      purpose: purpose + earlier,
      measures: [...new Set(slots.map((slot) => `${slot.kpi}.${slot.measure}`))],
    };
    if ("error" in compiled.statement)
      return { ...base, sql: null, params: [], error: compiled.statement.error };
    // Exactly what runs: a raw SQL measure is read through a two-row limit.
    const sql = executedSql(compiled, dialects[compiled.dialect as DialectName].lexical) as string;
    return { ...base, sql, params: compiled.statement.params };
  });
  const problem = run.definitions.get(options.kpi)?.problem;
  return { kpi: options.kpi, period: target.period, ...(problem ? { problem } : {}), statements };
}
