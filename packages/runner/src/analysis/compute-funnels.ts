import type { KpiFile, Workspace } from "@kpi-as-code/core";
import { asRecord } from "@kpi-as-code/core";
import { RunnerError } from "../errors.js";
import { loadWorkspace } from "../load-workspace.js";
import { type RunOptions, runWorkspace } from "../run-workspace.js";
import type { KpiResult, Period } from "../types.js";
import {
  type FunnelConversions,
  funnelConversions,
  type WorstSegmentDrop,
  worstSegmentDrop,
} from "./funnel-conversions.js";

export interface SegmentFunnel {
  key: string | null;
  conversions: FunnelConversions;
}

export interface FunnelResult extends FunnelConversions {
  funnel: string;
  period: Period;
  /** Why a step has no value, by step. */
  errors: Record<string, string>;
  /** For each segment every step is broken down by: the funnel of each value and the worst drop. */
  breakdowns: Record<string, { rows: SegmentFunnel[]; worst: WorstSegmentDrop | null }>;
}

export interface FunnelOptions extends Omit<RunOptions, "kpis" | "grain" | "breakdowns"> {
  /** Only this funnel; all of kpi.yaml's otherwise. */
  funnel?: string;
}

/**
 * Spec 5.5: each funnel's steps for one period (by default the last complete period of the steps'
 * cadence), conversions from the previous and the first step, the biggest drop, and breakdowns
 * by the segments all steps share. One run computes every step of every funnel asked for.
 */
export async function computeFunnels(options: FunnelOptions): Promise<FunnelResult[]> {
  const workspace: Workspace = options.workspace ?? (await loadWorkspace(options.root));
  const funnels = selectFunnels(workspace, options.funnel);
  for (const [name, steps] of funnels) checkSteps(workspace, name, steps);
  const kpis = [...new Set(funnels.flatMap(([, steps]) => steps))].sort();
  if (kpis.length === 0) return [];
  const run = await runWorkspace({ ...options, workspace, kpis });
  const results = new Map(run.results.map((result) => [result.kpi, result]));
  return funnels.map(([name, steps]) => funnelResult(workspace, name, steps, results));
}

function selectFunnels(workspace: Workspace, only: string | undefined): [string, string[]][] {
  const all = Object.entries(asRecord(workspace.project?.data.funnels)).map(
    ([name, funnel]): [string, string[]] => {
      const steps = asRecord(funnel).steps;
      return [
        name,
        Array.isArray(steps) ? steps.filter((step): step is string => typeof step === "string") : [],
      ];
    },
  );
  if (only === undefined) return all;
  const chosen = all.filter(([name]) => name === only);
  if (chosen.length === 0) {
    const names = all.map(([name]) => name);
    throw new RunnerError(
      "funnel/unknown",
      `No funnel "${only}" in kpi.yaml${names.length > 0 ? ` (funnels: ${names.join(", ")})` : " (it declares no funnels)"}.`,
    );
  }
  return chosen;
}

/** The same checks as `kpi validate` (measurability/unknown-reference, funnel/steps), as one clear error. */
function checkSteps(workspace: Workspace, name: string, steps: string[]): void {
  let cadence: string | undefined;
  for (const step of steps) {
    const data = workspace.kpi(step)?.data as Partial<KpiFile> | undefined;
    const problem = !data
      ? "names no KPI"
      : data.unit !== "count"
        ? `has unit ${data.unit ?? "none"}, not count`
        : cadence !== undefined && data.cadence !== cadence
          ? `is ${data.cadence} while the first step is ${cadence}`
          : undefined;
    if (problem) {
      throw new RunnerError(
        "funnel/invalid",
        `funnel "${name}": step "${step}" ${problem} (kpi validate reports it in kpi.yaml).`,
      );
    }
    cadence ??= data?.cadence;
  }
}

function funnelResult(
  workspace: Workspace,
  name: string,
  steps: string[],
  results: Map<string, KpiResult>,
): FunnelResult {
  const stepResults = steps.map((kpi) => results.get(kpi));
  const conversions = funnelConversions(
    steps.map((kpi, index) => ({ kpi, value: stepResults[index]?.value ?? null })),
  );
  const errors: Record<string, string> = {};
  for (const result of stepResults) if (result?.error) errors[result.kpi] = result.error;
  const period = stepResults[0]?.period ?? { start: "", end: "" };
  return { funnel: name, period, ...conversions, errors, breakdowns: breakdowns(workspace, steps, results) };
}

function breakdowns(
  workspace: Workspace,
  steps: string[],
  results: Map<string, KpiResult>,
): FunnelResult["breakdowns"] {
  const segmentsOf = (kpi: string) =>
    (workspace.kpi(kpi)?.data as Partial<KpiFile> | undefined)?.segments ?? [];
  const shared = segmentsOf(steps[0] as string).filter((segment) =>
    steps.every((step) => segmentsOf(step).includes(segment)),
  );
  const out: FunnelResult["breakdowns"] = {};
  for (const segment of shared) {
    const keys = new Map<string | null, true>();
    for (const step of steps)
      for (const row of results.get(step)?.breakdowns?.[segment] ?? []) keys.set(row.key, true);
    const rows = [...keys.keys()].map(
      (key): SegmentFunnel => ({
        key,
        conversions: funnelConversions(
          steps.map((kpi) => ({
            kpi,
            // A value absent from a step's breakdown had no rows there: a count of 0.
            value: results.get(kpi)?.breakdowns?.[segment]?.find((row) => row.key === key)?.value ?? 0,
          })),
        ),
      }),
    );
    out[segment] = { rows, worst: worstSegmentDrop(rows) };
  }
  return out;
}
