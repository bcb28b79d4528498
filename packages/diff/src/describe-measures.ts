import { describeChange, withValues } from "./describe-change.js";
import { formatPlain } from "./format-value.js";
import { recordOf, sameValue, unionKeys } from "./same-value.js";
import type { FieldChange } from "./types.js";

/** The measure fields in the order a reader follows them: where from, what, which rows, when. */
const MEASURE_FIELDS = ["source", "from", "aggregate", "column", "where", "time", "sql"];

/** Measures added, removed, and changed field by field ("measure signups: where a -> b"). */
export function measureChanges(before: unknown, after: unknown): FieldChange[] {
  const oldMeasures = recordOf(before);
  const newMeasures = recordOf(after);
  const changes: FieldChange[] = [];
  for (const id of unionKeys(oldMeasures, newMeasures)) {
    const oldMeasure = oldMeasures[id];
    const newMeasure = newMeasures[id];
    if (sameValue(oldMeasure, newMeasure)) continue;
    const field = `measures.${id}`;
    if (oldMeasure === undefined) {
      changes.push(
        withValues(
          { field, description: `added measure ${id}: ${measureSummary(newMeasure)}` },
          undefined,
          newMeasure,
        ),
      );
    } else if (newMeasure === undefined) {
      changes.push(
        withValues(
          { field, description: `removed measure ${id} (was ${measureSummary(oldMeasure)})` },
          oldMeasure,
          undefined,
        ),
      );
    } else {
      changes.push(...measureFieldChanges(id, recordOf(oldMeasure), recordOf(newMeasure)));
    }
  }
  return changes;
}

function measureFieldChanges(
  id: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const keys = unionKeys(before, after).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  return keys
    .filter((key) => !sameValue(before[key], after[key]))
    .map((key) =>
      describeChange(`measures.${id}.${key}`, `measure ${id}: ${key}`, before[key], after[key], formatPlain),
    );
}

function rank(key: string): number {
  const index = MEASURE_FIELDS.indexOf(key);
  return index < 0 ? MEASURE_FIELDS.length : index;
}

/**
 * What a measure added or removed whole counts, as a reviewer reads it: "count of tickets where
 * status = 'resolved', by resolved_at, from source desk", "avg of hours from created_at to
 * first_reply_at in tickets, …", or its raw SQL.
 */
export function measureSummary(measure: unknown): string {
  const record = recordOf(measure);
  const source = `from source ${formatPlain(record.source)}`;
  if (typeof record.sql === "string") return `SQL ${source}: ${record.sql.trim()}`;
  const aggregate = formatPlain(record.aggregate);
  const parts = [
    record.aggregate === "count" || record.aggregate === undefined
      ? `count of ${formatPlain(record.from)}`
      : `${aggregate}${percentile(record)} of ${aggregated(record)} in ${formatPlain(record.from)}`,
  ];
  if (record.where !== undefined) parts[0] += ` where ${formatPlain(record.where)}`;
  if (record.time !== undefined) parts.push(`by ${formatPlain(record.time)}`);
  if (record.active !== undefined) parts.push(`active ${formatPlain(record.active)}`);
  if (record.window !== undefined) parts.push(`window ${formatPlain(record.window)}`);
  parts.push(source);
  return parts.join(", ");
}

/** The column, SQL expression or portable duration (spec 4.2) a measure aggregates. */
function aggregated(record: Record<string, unknown>): string {
  if (record.column !== undefined) return formatPlain(record.column);
  if (record.expr !== undefined) return formatPlain(record.expr);
  const duration = recordOf(record.duration);
  if (duration.from !== undefined || duration.to !== undefined)
    return `hours from ${formatPlain(duration.from)} to ${formatPlain(duration.to)}`;
  return "rows";
}

function percentile(record: Record<string, unknown>): string {
  return record.percentile !== undefined ? ` ${formatPlain(record.percentile)}` : "";
}
