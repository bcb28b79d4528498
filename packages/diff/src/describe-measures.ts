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
          { field, description: `measure ${id} added: ${summary(newMeasure)}` },
          undefined,
          newMeasure,
        ),
      );
    } else if (newMeasure === undefined) {
      changes.push(
        withValues(
          { field, description: `measure ${id} removed (was ${summary(oldMeasure)})` },
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

/** "count of users where active (time signed_up_at)" or the raw SQL, for a measure added or removed whole. */
function summary(measure: unknown): string {
  const record = recordOf(measure);
  if (typeof record.sql === "string") return `SQL on ${formatPlain(record.source)}: ${record.sql}`;
  const column = record.column !== undefined ? `(${formatPlain(record.column)})` : "";
  const parts = [
    `${formatPlain(record.aggregate)}${column} of ${formatPlain(record.source)}.${formatPlain(record.from)}`,
  ];
  if (record.where !== undefined) parts.push(`where ${formatPlain(record.where)}`);
  if (record.time !== undefined) parts.push(`by ${formatPlain(record.time)}`);
  return parts.join(" ");
}
