import {
  assertIdentifier,
  assertReadOnlyQuery,
  ConnectionError,
  type DialectName,
  dialects,
} from "@kpi-as-code/connection";
import {
  asRecord,
  type FormulaNode,
  firstFileError,
  formulaIdentifiers,
  isSqlMeasure,
  type KpiEntry,
  type KpiFile,
  type MeasureDef,
  type StructuredMeasure,
  type Workspace,
} from "@kpi-as-code/core";
import { dependsOnPeriodBounds, namedParams, PERIOD_PARAMS } from "./measure-shape.js";

/** What the planner and the evaluator need of one KPI, checked once. */
export interface KpiDefinition {
  id: string;
  data: KpiFile;
  formula: FormulaNode | undefined;
  measures: Record<string, MeasureDef>;
  /** Formula identifiers that are not measures of this KPI: other KPIs, in formula order. */
  kpiReferences: string[];
  /** The measures whose values read the period's bounds (windows, states, `:start`/`:end`): a series computes them bucket by bucket. */
  periodBound: Set<string>;
  /** Why the KPI cannot be computed at all (a broken file, an unknown source, a bad identifier). */
  problem?: string;
}

export function readKpiDefinitions(workspace: Workspace): Map<string, KpiDefinition> {
  const definitions = new Map<string, KpiDefinition>();
  for (const entry of workspace.kpis) {
    if (entry.id === undefined || definitions.has(entry.id)) continue;
    definitions.set(entry.id, readKpiDefinition(workspace, entry, entry.id));
  }
  return definitions;
}

function readKpiDefinition(workspace: Workspace, entry: KpiEntry, id: string): KpiDefinition {
  const data = entry.data as KpiFile;
  const measures = asRecord(data.measures) as Record<string, MeasureDef>;
  const formula = entry.formula?.ok ? entry.formula.ast : undefined;
  const identifiers = formula ? formulaIdentifiers(formula).map((identifier) => identifier.name) : [];
  const kpiReferences = [...new Set(identifiers.filter((name) => !Object.hasOwn(measures, name)))];
  const definition: KpiDefinition = { id, data, formula, measures, kpiReferences, periodBound: new Set() };
  const problem = definitionProblem(workspace, entry, definition);
  if (problem !== undefined) return { ...definition, problem };
  for (const [name, measure] of Object.entries(measures)) {
    const type = asRecord(workspace.sources[measure.source]).type as DialectName;
    if (dependsOnPeriodBounds(measure, type)) definition.periodBound.add(name);
  }
  return definition;
}

function definitionProblem(
  workspace: Workspace,
  entry: KpiEntry,
  definition: KpiDefinition,
): string | undefined {
  if (!entry.valid) return brokenFile(workspace, entry);
  // Where and why, as `kpi validate` says it (measurability/formula-syntax or previous-arity).
  if (!definition.formula) return brokenFile(workspace, entry);
  const unknown = definition.kpiReferences.find((name) => workspace.kpisWithId(name).length === 0);
  if (unknown !== undefined) return `the formula names "${unknown}", neither a measure nor a KPI`;
  const sources = workspace.sources;
  for (const [name, measure] of Object.entries(definition.measures)) {
    const source = asRecord(sources[measure.source]);
    if (!Object.hasOwn(sources, measure.source))
      return `measure ${name}: source "${measure.source}" is not declared in kpi.yaml`;
    if (!isDialectName(source.type)) return `measure ${name}: source "${measure.source}" has no known type`;
    const dialect = dialects[source.type];
    const problem = checkProblem(() => {
      if (isSqlMeasure(measure)) return assertReadOnlyQuery(measure.sql, dialect);
      for (const identifier of measureIdentifiers(measure)) {
        if (identifier !== undefined) assertIdentifier(identifier);
      }
      // `where` and `expr` texts are spliced into a shared query: they must not end it or start another.
      if (measure.where !== undefined) assertReadOnlyQuery(`SELECT 1 WHERE (${measure.where})`, dialect);
      if (measure.expr !== undefined) assertReadOnlyQuery(`SELECT (${measure.expr})`, dialect);
    });
    if (problem) return `measure ${name} (source "${measure.source}"): ${problem}`;
    const unknownParam = isSqlMeasure(measure) ? undefined : unknownNamedParam(measure, source.type);
    if (unknownParam !== undefined)
      return `measure ${name}: \`:${unknownParam}\` is not a parameter; \`where\` and \`expr\` may use only :start and :end`;
  }
  return checkProblem(() => {
    for (const segment of definition.data.segments ?? []) assertIdentifier(segment);
  });
}

function measureIdentifiers(measure: StructuredMeasure): (string | undefined)[] {
  return [
    measure.from,
    measure.column,
    measure.time,
    measure.duration?.from,
    measure.duration?.to,
    measure.active?.from,
    measure.active?.until,
  ];
}

function unknownNamedParam(measure: StructuredMeasure, dialect: DialectName): string | undefined {
  const allowed: readonly string[] = PERIOD_PARAMS;
  const texts = [measure.where, measure.expr].filter((text) => text !== undefined);
  return texts.flatMap((text) => namedParams(text, dialect)).find((name) => !allowed.includes(name));
}

function checkProblem(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ConnectionError) return error.message;
    throw error;
  }
}

export function isDialectName(type: unknown): type is DialectName {
  return typeof type === "string" && Object.hasOwn(dialects, type);
}

/** Where the file breaks, as `kpi validate` reports it (the same reading, the same rules). */
function brokenFile(workspace: Workspace, entry: KpiEntry): string {
  const error = firstFileError(workspace, entry);
  const at = error ? `${entry.file}:${error.line}:${error.column} ${error.rule}` : entry.file;
  return `${at}: the file is not a valid KPI file; run \`kpi validate\``;
}
