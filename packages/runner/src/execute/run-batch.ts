import { type Connection, limitRows, type Row } from "@kpi-as-code/connection";
import { compileAggregateQuery } from "../compile/compile-query.js";
import type { CompiledQuery } from "../compile/compile-workspace.js";
import type { SourceViews } from "../compile/views.js";
import type { AggregateQueryPlan } from "../plan/types.js";
import { failureKind, failureText } from "./failure-text.js";
import { storeOneScanRows } from "./read-one-scan.js";
import { storeAggregateRows, storeSqlMeasureRows } from "./read-results.js";
import type { SlotStore } from "./slot-store.js";

/** A raw SQL measure must give one row: reading two is enough to tell, whatever the query selects. */
export const SQL_MEASURE_ROWS = 2;

// A batch that times out is split too (a hostile `where` can be slow on purpose), but each split
// costs another timeout: after this many, the rest of the source's failing batches fail whole.
const TIMEOUT_SPLITS_PER_SOURCE = 4;

export interface BatchContext {
  connection: Connection;
  source: string;
  store: SlotStore;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  untrusted: boolean;
  /** Shared by the source's queries. */
  budget: { timeoutSplits: number };
}

export function newBudget(): BatchContext["budget"] {
  return { timeoutSplits: TIMEOUT_SPLITS_PER_SOURCE };
}

/** The SQL a compiled query runs as: a raw SQL measure is wrapped to return two rows at most. */
export function executedSql(
  query: CompiledQuery,
  lexical: Connection["dialect"]["lexical"],
): string | undefined {
  if ("error" in query.statement) return undefined;
  return query.plan.kind === "sql"
    ? limitRows(query.statement.sql, lexical, SQL_MEASURE_ROWS)
    : query.statement.sql;
}

/**
 * Runs one compiled query and stores its rows. A failed batch of several measures is split in
 * halves and each half run again, down to single measures, so one bad or hostile measure fails
 * only its own slots and its error names it; the clean measures beside it still get values.
 */
export async function runCompiledQuery(query: CompiledQuery, context: BatchContext): Promise<void> {
  const label = `Source "${query.source}" (${context.connection.type})`;
  if ("error" in query.statement) {
    failSlots(
      query.plan.kind === "aggregate" ? query.plan : [query.plan.slot],
      `${label}: ${query.statement.error}`,
      context,
    );
    return;
  }
  const sql = executedSql(query, context.connection.dialect.lexical) as string;
  if (query.plan.kind === "sql") {
    const plan = query.plan;
    await runStatement(sql, query.statement.params, context).then(
      (rows) => storeSqlMeasureRows(plan, rows, context.store, label),
      (error: unknown) => failSlots([plan.slot], text(error, context), context),
    );
    return;
  }
  await runAggregate(query.plan, { sql, params: query.statement.params }, query.views, context);
}

async function runAggregate(
  plan: AggregateQueryPlan,
  statement: { sql: string; params: readonly (string | number | null)[] },
  views: SourceViews,
  context: BatchContext,
): Promise<void> {
  try {
    const rows = await runStatement(statement.sql, statement.params, context);
    (plan.oneScan ? storeOneScanRows : storeAggregateRows)(plan, rows, context.store);
  } catch (error) {
    if (!worthSplitting(plan, error, context)) {
      failSlots(plan, viewNamed(plan, views, text(error, context)), context);
      return;
    }
    for (const half of halves(plan)) {
      let statement: ReturnType<typeof compileAggregateQuery>;
      try {
        statement = compileAggregateQuery(half, context.connection.dialect, views);
      } catch (compileError) {
        // The whole batch compiled, so its parts should too; if not, the part fails, never the run.
        failSlots(half, text(compileError, context), context);
        continue;
      }
      await runAggregate(half, statement, views, context);
    }
  }
}

/** The engine's message, naming the view the failed query read (the view may be what failed). */
function viewNamed(plan: AggregateQueryPlan, views: SourceViews, message: string): string {
  return Object.hasOwn(views, plan.table) ? `${message} (reading view "${plan.table}")` : message;
}

function worthSplitting(plan: AggregateQueryPlan, error: unknown, context: BatchContext): boolean {
  if (plan.expressions.length < 2) return false;
  const kind = failureKind(error);
  if (kind === "query" || kind === "read-only") return true;
  if (kind !== "timeout" || context.budget.timeoutSplits <= 0) return false;
  context.budget.timeoutSplits -= 1;
  return true;
}

/** The batch's measures in two batches, each with the slots its expressions fill. */
function halves(plan: AggregateQueryPlan): AggregateQueryPlan[] {
  const middle = Math.ceil(plan.expressions.length / 2);
  return [plan.expressions.slice(0, middle), plan.expressions.slice(middle)].map((expressions) => {
    const aliases = new Set(expressions.map((expression) => expression.alias));
    return { ...plan, expressions, slots: plan.slots.filter((slot) => aliases.has(slot.alias)) };
  });
}

function runStatement(
  sql: string,
  params: readonly (string | number | null)[],
  context: BatchContext,
): Promise<Row[]> {
  return context.connection.query(sql, params, {
    timeoutMs: context.timeoutMs,
    ...(context.signal ? { signal: context.signal } : {}),
  });
}

function text(error: unknown, context: BatchContext): string {
  return failureText(error, {
    kind: "query",
    source: context.source,
    sourceType: context.connection.type,
    untrusted: context.untrusted,
  });
}

function failSlots(
  target: AggregateQueryPlan | Array<{ slot: string }>,
  message: string,
  context: BatchContext,
): void {
  const slots = Array.isArray(target) ? target : target.slots;
  for (const slot of slots) context.store.set(slot.slot, { kind: "error", message });
}
