import type { FormulaNode, KpiFile, StructuredMeasure, Workspace } from "@kpi-as-code/core";
import { RunnerError } from "../errors.js";
import { loadWorkspace } from "../load-workspace.js";
import { calendarToday } from "../periods/calendar.js";
import { previousPeriod } from "../periods/previous-period.js";
import { workspaceCalendar } from "../periods/workspace-calendar.js";
import { resolveTargets } from "../resolve-targets.js";
import { type RunOptions, runWorkspace } from "../run-workspace.js";
import type { BreakdownRow, KpiResult, Period } from "../types.js";
import { type ChangeDecomposition, decomposeChange } from "./decompose-change.js";
import { type MixRateDecomposition, mixRate } from "./mix-rate.js";

/** By segment: mix against rate for a quotient of two measures, or each value's part of a count or sum. */
export type SegmentChange =
  | ({ kind: "mix-rate" } & MixRateDecomposition)
  | {
      kind: "additive";
      change: number;
      parts: { key: string | null; before: number; after: number; contribution: number }[];
    };

export interface WhyResult {
  kpi: string;
  period: Period;
  previous: Period;
  before: number | null;
  after: number | null;
  change: number | null;
  /** The change split among the formula's inputs; absent with `problem`. */
  inputs?: ChangeDecomposition;
  /** Why there is no split (a period without a value, an input without one). */
  problem?: string;
  segments: Record<string, SegmentChange>;
}

export interface WhyOptions extends Omit<RunOptions, "kpis" | "grain" | "breakdowns"> {
  kpi: string;
}

/**
 * What moved a KPI: its change against the previous period, split among its formula's inputs
 * (measures and referenced KPIs) and, for KPIs with segments, among segment values.
 */
export async function explainChange(options: WhyOptions): Promise<WhyResult> {
  const workspace: Workspace = options.workspace ?? (await loadWorkspace(options.root));
  const entry = workspace.kpi(options.kpi);
  if (!entry) throw new RunnerError("kpi/unknown", `No KPI "${options.kpi}" in the workspace.`);
  const [target] = resolveTargets(workspace, {
    ...options,
    kpis: [options.kpi],
    today: options.today ?? calendarToday(workspaceCalendar(workspace)),
  });
  const period = (target as { period: Period }).period;
  const previous = previousPeriod(period);
  const formula = entry.formula?.ok ? entry.formula.ast : undefined;
  const data = entry.data as Partial<KpiFile>;
  const measures = data.measures ?? {};
  const references = formula ? identifiers(formula).filter((name) => !Object.hasOwn(measures, name)) : [];
  const kpis = [options.kpi, ...references.filter((name) => workspace.kpi(name))];
  const runFor = async (range: Period) => {
    const run = await runWorkspace({
      ...options,
      workspace,
      kpis,
      period: range,
      periodShorthand: undefined,
    });
    return new Map(run.results.map((result) => [result.kpi, result]));
  };
  const now = await runFor(period);
  const then = await runFor(previous);
  const after = now.get(options.kpi);
  const before = then.get(options.kpi);
  const result: WhyResult = {
    kpi: options.kpi,
    period,
    previous,
    before: before?.value ?? null,
    after: after?.value ?? null,
    change: before?.value != null && after?.value != null ? after.value - before.value : null,
    segments: {},
  };
  const inputs = formula
    ? decomposeChange(formula, inputValues(formula, before, then), inputValues(formula, after, now))
    : undefined;
  if (inputs) result.inputs = inputs;
  else result.problem = problemText(before, after);
  if (formula && before && after) result.segments = segmentChanges(formula, measures, before, after);
  return result;
}

function identifiers(formula: FormulaNode): string[] {
  const names: string[] = [];
  const walk = (node: FormulaNode): void => {
    if (node.kind === "identifier" && !names.includes(node.name)) names.push(node.name);
    if (node.kind === "unary") walk(node.operand);
    if (node.kind === "binary") {
      walk(node.left);
      walk(node.right);
    }
    if (node.kind === "call") node.args.forEach(walk);
  };
  walk(formula);
  return names;
}

/** Each formula identifier's value: the KPI's own measure, else the referenced KPI's value. */
function inputValues(
  formula: FormulaNode,
  result: KpiResult | undefined,
  results: Map<string, KpiResult>,
): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const name of identifiers(formula)) {
    values[name] =
      result && Object.hasOwn(result.measures, name)
        ? (result.measures[name] ?? null)
        : (results.get(name)?.value ?? null);
  }
  return values;
}

function problemText(before: KpiResult | undefined, after: KpiResult | undefined): string {
  if (!before || before.value === null)
    return `no value for the previous period${before?.error ? `: ${before.error}` : ""}`;
  if (!after || after.value === null)
    return `no value for the period${after?.error ? `: ${after.error}` : ""}`;
  return "an input has no value in one of the periods, or switching one gives no value (a division by zero)";
}

function segmentChanges(
  formula: FormulaNode,
  measures: Record<string, unknown>,
  before: KpiResult,
  after: KpiResult,
): Record<string, SegmentChange> {
  const out: Record<string, SegmentChange> = {};
  for (const [segment, rowsAfter] of Object.entries(after.breakdowns ?? {})) {
    const rowsBefore = before.breakdowns?.[segment] ?? [];
    const quotient = formula.kind === "binary" && formula.operator === "/" ? formula : undefined;
    if (
      quotient?.left.kind === "identifier" &&
      quotient.right.kind === "identifier" &&
      Object.hasOwn(measures, quotient.left.name) &&
      Object.hasOwn(measures, quotient.right.name)
    ) {
      const ratios = (rows: BreakdownRow[]) =>
        rows.map((row) => ({
          key: row.key,
          numerator: row.measures[(quotient.left as { name: string }).name] ?? 0,
          denominator: row.measures[(quotient.right as { name: string }).name] ?? 0,
        }));
      const split = mixRate(ratios(rowsBefore), ratios(rowsAfter));
      if (split) out[segment] = { kind: "mix-rate", ...split };
    } else if (formula.kind === "identifier" && isAdditive(measures[formula.name])) {
      const keys = [...new Set([...rowsBefore, ...rowsAfter].map((row) => row.key))];
      const parts = keys.map((key) => {
        const b = rowsBefore.find((row) => row.key === key)?.value ?? 0;
        const a = rowsAfter.find((row) => row.key === key)?.value ?? 0;
        return { key, before: b, after: a, contribution: a - b };
      });
      out[segment] = {
        kind: "additive",
        change: parts.reduce((total, part) => total + part.contribution, 0),
        parts,
      };
    }
  }
  return out;
}

/** Counts and sums add up over segment values; averages, distinct counts and the rest do not. */
function isAdditive(measure: unknown): boolean {
  const aggregate = (measure as Partial<StructuredMeasure> | undefined)?.aggregate;
  return aggregate === "count" || aggregate === "sum";
}
