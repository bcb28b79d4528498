import type { ProjectFile } from "@kpi-as-code/core";
import { describeChange, type Formatter } from "./describe-change.js";
import { formatPlain } from "./format-value.js";
import { redactValue } from "./redact.js";
import { canonicalJson, recordOf, sameValue, unionKeys } from "./same-value.js";
import type { EntryDiff, FieldChange } from "./types.js";

type Project = Partial<ProjectFile>;
type EntryKind = "goals" | "owners" | "sources";

const quoted: Formatter = (value) => (typeof value === "string" ? `"${value}"` : formatPlain(value));
const period: Formatter = (value) => {
  const record = recordOf(value);
  return record.start !== undefined || record.end !== undefined
    ? `${formatPlain(record.start)}..${formatPlain(record.end)}`
    : formatPlain(value);
};

/** Field labels and formats per entry kind; other fields read "key before -> after". */
const FIELD_STYLES: Record<
  EntryKind,
  Record<string, { label: string; format: Formatter; verb?: "changed" }>
> = {
  goals: {
    statement: { label: "statement", format: quoted, verb: "changed" },
    owner: { label: "owner", format: formatPlain },
    period: { label: "period", format: period },
  },
  owners: {
    name: { label: "name", format: quoted },
    contact: { label: "contact", format: formatPlain },
  },
  sources: {},
};

/** Goals, owners or sources of kpi.yaml: added, removed, renamed (same definition, new id) or changed. */
export function diffEntries(
  kind: EntryKind,
  base: Project | undefined,
  head: Project | undefined,
): EntryDiff[] {
  const before = recordOf(base?.[kind]);
  const after = recordOf(head?.[kind]);
  const diffs: EntryDiff[] = [];
  const removed = Object.keys(before).filter((id) => !Object.hasOwn(after, id));
  const added = Object.keys(after).filter((id) => !Object.hasOwn(before, id));
  for (const id of unionKeys(before, after)) {
    if (!Object.hasOwn(before, id) || !Object.hasOwn(after, id)) continue;
    const fields = entryFieldChanges(kind, before[id], after[id]);
    if (fields.length > 0) diffs.push({ id, change: "changed", fields, risks: [] });
  }
  for (const id of added) {
    const previousId = removed.find((old) => sameValue(before[old], after[id]));
    if (previousId !== undefined) {
      removed.splice(removed.indexOf(previousId), 1);
      diffs.push({ id, change: "renamed", previousId, fields: [], risks: [] });
    } else {
      diffs.push({ id, change: "added", fields: entryFieldChanges(kind, undefined, after[id]), risks: [] });
    }
  }
  for (const id of removed) {
    diffs.push({ id, change: "removed", fields: entryFieldChanges(kind, before[id], undefined), risks: [] });
  }
  return diffs.sort(byId);
}

/** Project fields other than the goals, owners and sources (the project's name, policy). */
export function projectFieldChanges(base: Project | undefined, head: Project | undefined): FieldChange[] {
  const before = recordOf(base);
  const after = recordOf(head);
  return unionKeys(before, after)
    .filter((key) => !["goals", "owners", "sources"].includes(key) && !sameValue(before[key], after[key]))
    .flatMap((key) =>
      key === "policy"
        ? nestedChanges("policy", recordOf(before[key]), recordOf(after[key]))
        : [describeChange(key, key, before[key], after[key], formatPlain)],
    );
}

function entryFieldChanges(kind: EntryKind, before: unknown, after: unknown): FieldChange[] {
  const oldRecord = redacted(kind, before);
  const newRecord = redacted(kind, after);
  return unionKeys(oldRecord, newRecord).flatMap((key) => {
    if (sameValue(oldRecord[key], newRecord[key])) return [];
    if (kind === "sources" && key === "tables") {
      return nestedChanges("tables", recordOf(oldRecord[key]), recordOf(newRecord[key]), "table");
    }
    const style = FIELD_STYLES[kind][key] ?? { label: key, format: formatPlain };
    return [
      describeChange(
        key,
        style.label,
        oldRecord[key],
        newRecord[key],
        style.format,
        style.format,
        style.verb,
      ),
    ];
  });
}

/** A source's connection URL and credential options are redacted before they are compared or printed. */
function redacted(kind: EntryKind, value: unknown): Record<string, unknown> {
  const record = recordOf(value);
  if (kind !== "sources") return record;
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, redactValue(key, item)]));
}

function nestedChanges(
  field: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  label = field,
): FieldChange[] {
  return unionKeys(before, after)
    .filter((key) => !sameValue(before[key], after[key]))
    .map((key) => describeChange(`${field}.${key}`, `${label} ${key}`, before[key], after[key], formatPlain));
}

function byId(a: EntryDiff, b: EntryDiff): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : canonicalJson(a).localeCompare(canonicalJson(b));
}
