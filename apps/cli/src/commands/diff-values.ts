import {
  analyzeFile,
  buildWorkspace,
  escapeControl,
  type KpiFile,
  type SourceFile,
  type Workspace,
} from "@kpi-as-code/core";
import { formatValue, type ValueComparison, type WorkspaceDiff } from "@kpi-as-code/diff";
import type { KpiResult } from "@kpi-as-code/runner";
import type { RunnerTrust } from "../trust-options.js";
import { kpisOnNewSql } from "./untrusted-sql.js";

export interface ValueOptions {
  trust: RunnerTrust;
  timeoutMs?: number | undefined;
}

type ComputedValue = { period: ValueComparison["period"]; value: string; status: string; expected?: string };

/**
 * `--values`: each KPI whose meaning changed, computed for its last complete period under the old and
 * the new definition, against today's data. Optional extra: a failure is reported, never fatal. In an
 * untrusted run, KPIs resting on SQL the head wrote or changed are neither run nor posted.
 */
export async function addValueComparisons(
  diff: WorkspaceDiff,
  root: string,
  files: { base: () => SourceFile[]; head: () => SourceFile[] },
  options: ValueOptions,
): Promise<void> {
  const changed = diff.kpis.filter(
    (kpi) => kpi.change === "changed" && kpi.risks.some((risk) => risk.id === "meaning-changed"),
  );
  if (changed.length === 0) return;
  const base = workspaceOf(files.base());
  const head = workspaceOf(files.head());
  const withheld = options.trust.untrusted ? kpisOnNewSql(base, head) : new Set<string>();
  for (const kpi of changed) if (withheld.has(kpi.id)) kpi.valuesWithheld = "untrusted-sql";
  const ids = changed.map((kpi) => kpi.id).filter((id) => !withheld.has(id));
  if (ids.length === 0) return;
  // One after the other: an embedded database file admits one writer process at a time.
  const before = await computeValues(root, base, ids, options);
  const after = await computeValues(root, head, ids, options);
  for (const kpi of diff.kpis) {
    const old = before.get(kpi.id);
    const now = after.get(kpi.id);
    if (!old || !now) continue;
    kpi.values = {
      period: now.period,
      before: old.value,
      after: now.value,
      beforeStatus: old.status,
      afterStatus: now.status,
      ...(old.expected !== undefined ? { beforeExpected: old.expected } : {}),
      ...(now.expected !== undefined ? { afterExpected: now.expected } : {}),
    };
  }
}

function workspaceOf(files: readonly SourceFile[]): Workspace {
  return buildWorkspace(files.map((file) => analyzeFile(file)));
}

async function computeValues(
  root: string,
  workspace: Workspace,
  ids: string[],
  options: ValueOptions,
): Promise<Map<string, ComputedValue>> {
  const values = new Map<string, ComputedValue>();
  const present = ids.filter((id) => workspace.kpi(id)?.valid);
  try {
    // Loaded only here: the runner brings every database driver, which a plain diff never needs.
    const { runWorkspace } = await import("@kpi-as-code/runner");
    const run = await runWorkspace({
      root,
      workspace,
      kpis: present,
      breakdowns: false,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...options.trust,
    });
    for (const result of run.results) {
      const kpi = (workspace.kpi(result.kpi)?.data ?? {}) as Partial<KpiFile>;
      const expected = result.expected ?? null;
      values.set(result.kpi, {
        period: result.period,
        value: describeResult(result, kpi),
        status: result.status,
        ...(expected !== null ? { expected: describeNumber(expected, kpi) } : {}),
      });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`kpi: --values: ${escapeControl(message)}\n`);
  }
  return values;
}

function describeResult(result: KpiResult, kpi: Partial<KpiFile>): string {
  if (result.value === null) return result.status === "error" ? "error" : "no data";
  return describeNumber(result.value, kpi);
}

function describeNumber(value: number, kpi: Partial<KpiFile>): string {
  if (kpi.unit === "ratio" || kpi.unit === "percent") return formatValue(value, kpi, { decimals: 1 });
  return formatValue(Math.round(value * 100) / 100, kpi);
}
