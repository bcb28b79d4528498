import type { FieldChange } from "./types.js";

export type Formatter = (value: unknown) => string;

/**
 * The change of one field in plain language: "owner growth -> marketing", "segments added: [plan]",
 * "benchmark source removed (was Survey 2025)", or with `verb` "name changed: "A" -> "B"".
 * `label` may be empty for self-explaining values ("leading -> lagging").
 */
export function describeChange(
  field: string,
  label: string,
  before: unknown,
  after: unknown,
  format: Formatter,
  formatAfter: Formatter = format,
  verb?: "changed",
): FieldChange {
  const prefix = label ? `${label} ${verb ? `${verb}: ` : ""}` : "";
  let description: string;
  if (before === undefined) description = `${label || field} added: ${formatAfter(after)}`;
  else if (after === undefined) description = `${label || field} removed (was ${format(before)})`;
  else description = `${prefix}${format(before)} -> ${formatAfter(after)}`;
  return withValues({ field, description }, before, after);
}

/** A numeric change told by its direction: "short-term target lowered from 30% to 27%". */
export function describeNumberChange(
  field: string,
  label: string,
  before: unknown,
  after: unknown,
  format: Formatter,
  formatAfter: Formatter = format,
): FieldChange {
  if (typeof before !== "number" || typeof after !== "number") {
    return describeChange(field, label, before, after, format, formatAfter);
  }
  const verb = after < before ? "lowered" : "raised";
  return withValues(
    { field, description: `${label} ${verb} from ${format(before)} to ${formatAfter(after)}` },
    before,
    after,
  );
}

export function withValues(change: FieldChange, before: unknown, after: unknown): FieldChange {
  return {
    field: change.field,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    description: change.description,
  };
}
