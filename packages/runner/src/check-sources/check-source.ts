import {
  assertReadOnlyQuery,
  bindNamedParams,
  type Connection,
  type QueryParam,
} from "@kpi-as-code/connection";
import { closestMatch, messages } from "@kpi-as-code/core";
import { prependViews, viewsInDependencyOrder } from "../compile/views.js";
import { type EngineTextContext, engineText } from "./engine-text.js";
import type { MeasureToCheck, SourceFinding, SourceToCheck } from "./types.js";

/** `:start` and `:end` of `where`, `expr` and raw `sql` are bound to some period: compiling needs values, not these. */
const SOME_PERIOD: Readonly<Record<string, QueryParam>> = { start: "2000-01-01", end: "2000-01-02" };

export interface SourceCheckContext extends EngineTextContext {
  connection: Connection & Required<Pick<Connection, "describe">>;
  projectFile: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What the source said about one table or view: its columns, or why it has none to give. */
type TableAnswer = { columns: string[] } | { failed: unknown } | { skipped: true };

/**
 * Checks one open source without reading data: each view compiles, each measure's table or view
 * exists and has the columns the measure names, each `where`, `expr` and raw `sql` compiles.
 */
export async function checkOpenSource(
  target: SourceToCheck,
  context: SourceCheckContext,
): Promise<SourceFinding[]> {
  const findings: SourceFinding[] = [];
  const tables = new Map<string, TableAnswer>();
  // Many KPIs repeat the same `where` over the same table: each distinct statement is asked once.
  const asked = new Map<string, Promise<{ columns: string[] }>>();
  const describe = (sql: string, params: readonly QueryParam[] = []) => {
    const key = JSON.stringify([sql, params]);
    let answer = asked.get(key);
    if (!answer) {
      answer = context.connection.describe(sql, params, {
        timeoutMs: context.timeoutMs,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      asked.set(key, answer);
    }
    return answer;
  };
  /** A statement over `table` with the views it reads in front, `:start`/`:end` bound. */
  const statement = (sql: string, table: string) => {
    const withViews = prependViews(sql, table, target.views, context.connection.dialect);
    assertReadOnlyQuery(withViews, context.connection.dialect);
    return bindNamedParams(withViews, context.connection.dialect, SOME_PERIOD);
  };
  const readTable = async (table: string): Promise<TableAnswer> => {
    const known = tables.get(table);
    if (known) return known;
    let answer: TableAnswer;
    try {
      const dependencies = viewsInDependencyOrder(table, target.views);
      // A view that failed itself, or reads one that did, was reported once at the view.
      if (dependencies.some((view) => view !== table && "failed" in (tables.get(view) ?? {})))
        answer = { skipped: true };
      else {
        const bound = statement(`SELECT * FROM ${context.connection.dialect.quoteIdentifier(table)}`, table);
        answer = await describe(bound.sql, bound.params);
      }
    } catch (error) {
      answer = { failed: error };
    }
    tables.set(table, answer);
    return answer;
  };

  for (const view of Object.keys(target.views)) {
    let order: string[];
    try {
      order = viewsInDependencyOrder(view, target.views);
    } catch {
      continue; // a cycle: measurability/view reports it
    }
    for (const name of order) {
      if (tables.has(name)) continue;
      const answer = await readTable(name);
      if ("failed" in answer)
        findings.push({
          rule: "measurability/sql-error",
          file: context.projectFile,
          at: { path: ["sources", target.source, "views", name] },
          message: messages["measurability/sql-error"]({
            what: `view "${name}"`,
            source: target.source,
            engine: engineText(answer.failed, context),
          }),
        });
    }
  }

  const reportedColumns = new Set<string>();
  for (const measure of target.measures) {
    const answer = await readTable(measure.from);
    if ("skipped" in answer) continue;
    if ("failed" in answer) {
      if (Object.hasOwn(target.views, measure.from)) continue; // reported at the view
      findings.push({
        rule: "measurability/unknown-table",
        file: measure.file,
        at: { path: ["measures", measure.measure, "from"] },
        message: messages["measurability/unknown-table"]({
          table: measure.from,
          source: target.source,
          engine: engineText(answer.failed, context),
        }),
      });
      continue;
    }
    await checkColumns(measure, answer.columns, reportedColumns, findings, {
      ...context,
      describe,
      statement,
      target,
    });
    await checkTexts(measure, findings, { ...context, describe, statement, target });
  }

  for (const measure of target.sqlMeasures) {
    try {
      assertReadOnlyQuery(measure.sql, context.connection.dialect);
      const bound = bindNamedParams(measure.sql, context.connection.dialect, SOME_PERIOD);
      await describe(bound.sql, bound.params);
    } catch (error) {
      findings.push(
        sqlError(
          measure.file,
          ["measures", measure.measure, "sql"],
          `measure "${measure.measure}"`,
          error,
          context,
        ),
      );
    }
  }
  return findings;
}

interface MeasureCheckContext extends SourceCheckContext {
  target: SourceToCheck;
  describe(sql: string, params?: readonly QueryParam[]): Promise<{ columns: string[] }>;
  statement(sql: string, table: string): { sql: string; params: QueryParam[] };
}

/**
 * Each named column: found by name in the table's columns, or else asked of the engine, which knows
 * whether its names fold case (PostgreSQL's quoted names do not; DuckDB's, MySQL's and SQLite's do).
 */
async function checkColumns(
  measure: MeasureToCheck,
  columns: readonly string[],
  reported: Set<string>,
  findings: SourceFinding[],
  context: MeasureCheckContext,
): Promise<void> {
  const quote = (name: string) => context.connection.dialect.quoteIdentifier(name);
  for (const column of measure.columns) {
    const key = `${measure.file}\0${column.path.join("\0")}`;
    if (reported.has(key) || columns.includes(column.name)) continue;
    try {
      const bound = context.statement(
        `SELECT ${quote(column.name)} FROM ${quote(measure.from)}`,
        measure.from,
      );
      await context.describe(bound.sql, bound.params);
    } catch {
      reported.add(key);
      findings.push({
        rule: "measurability/unknown-column",
        file: measure.file,
        at: { path: column.path },
        message: messages["measurability/unknown-column"]({
          column: column.name,
          table: measure.from,
          source: context.target.source,
          suggestion: closestMatch(column.name, columns),
        }),
      });
    }
  }
}

/** `where` and `expr` compile over the measure's table, with `:start` and `:end` bound. */
async function checkTexts(
  measure: MeasureToCheck,
  findings: SourceFinding[],
  context: MeasureCheckContext,
): Promise<void> {
  const from = context.connection.dialect.quoteIdentifier(measure.from);
  const texts = [
    {
      field: "where",
      text: measure.where,
      sql: (text: string) => `SELECT 1 AS kpi_check FROM ${from} WHERE (${text})`,
    },
    {
      field: "expr",
      text: measure.expr,
      sql: (text: string) => `SELECT (${text}) AS kpi_check FROM ${from}`,
    },
  ];
  for (const { field, text, sql } of texts) {
    if (text === undefined) continue;
    try {
      const bound = context.statement(sql(text), measure.from);
      await context.describe(bound.sql, bound.params);
    } catch (error) {
      findings.push(
        sqlError(
          measure.file,
          ["measures", measure.measure, field],
          `${field} of measure "${measure.measure}"`,
          error,
          context,
        ),
      );
    }
  }
}

function sqlError(
  file: string,
  path: string[],
  what: string,
  error: unknown,
  context: EngineTextContext,
): SourceFinding {
  return {
    rule: "measurability/sql-error",
    file,
    at: { path },
    message: messages["measurability/sql-error"]({
      what,
      source: context.source,
      engine: engineText(error, context),
    }),
  };
}
