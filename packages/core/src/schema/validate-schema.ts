import type { ErrorObject } from "ajv/dist/2020.js";
import type { Path } from "../parse/parsed-file.js";
import * as generated from "./validators.generated.js";

/** A schema violation, located by path; `target` says whether the key or the value is at fault. */
export interface SchemaProblem {
  path: Path;
  target: "key" | "value";
  keyword: string;
  detail: string;
}

export type SchemaKind = "project" | "kpi";

/**
 * The schemas compiled ahead of time by ajv (scripts/generate-schema.mjs; a test fails when they are
 * stale), so no process pays for loading ajv's compiler and compiling them.
 */
const validators: Record<SchemaKind, Validator> = generated;

/** What ajv's generated code is: a predicate that leaves its errors on itself. */
type Validator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

export function validateAgainstSchema(kind: SchemaKind, value: unknown): SchemaProblem[] {
  const validate = validators[kind];
  if (validate(value)) return [];
  const problems = (validate.errors ?? []).flatMap(toProblem);
  return dedupe(problems);
}

function toProblem(error: ErrorObject): SchemaProblem[] {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const badName = error.propertyName;
  if (badName !== undefined && error.keyword !== "propertyNames") {
    // A failure inside `propertyNames` is about a key, but ajv reports it at the enclosing object:
    // point at the key instead of the whole mapping.
    return toProblem({ ...error, propertyName: undefined }).map((problem) => ({
      ...problem,
      path: [...path, badName],
      target: "key",
    }));
  }
  switch (error.keyword) {
    case "if":
    case "allOf":
    case "anyOf":
    case "oneOf":
    case "not":
      return []; // the branch's own errors say what is wrong
    case "required":
      return [
        {
          path,
          target: "key",
          keyword: "required",
          detail: `missing required field "${params.missingProperty}"${missingHint(path, params.missingProperty)}`,
        },
      ];
    case "additionalProperties":
      return [
        {
          path: [...path, String(params.additionalProperty)],
          target: "key",
          keyword: "additionalProperties",
          detail: `unknown field "${params.additionalProperty}"${suggestion(error)}`,
        },
      ];
    case "false schema":
      return [
        { path, target: "key", keyword: "notAllowed", detail: notAllowedDetail(path, error.schemaPath) },
      ];
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return [{ path, target: "value", keyword: error.keyword, detail: exclusiveDetail(path, error) }];
    case "propertyNames":
      return []; // the failure inside it (an enum or pattern, reported at the key) says what is wrong
    case "enum":
      return [
        {
          path,
          target: path.length > 0 && error.parentSchema?.propertyNames === undefined ? "value" : "key",
          keyword: "enum",
          detail: `must be one of: ${(params.allowedValues as unknown[]).join(", ")}`,
        },
      ];
    case "type":
      return [{ path, target: "value", keyword: "type", detail: `must be ${article(String(params.type))}` }];
    case "pattern":
      return [{ path, target: "value", keyword: "pattern", detail: patternDetail(String(params.pattern)) }];
    default:
      return [{ path, target: "value", keyword: error.keyword, detail: error.message ?? error.keyword }];
  }
}

// Why a measure's field may not stand where it does (section 4 of the spec): one reason per field.
const MEASURE_FIELD_RULES: Record<string, string> = {
  window: "`window` needs `time`",
  time: "a measure has at most one of `time` and `active`",
  percentile: "`percentile` goes only with `aggregate: percentile`",
  column: "a measure has at most one of `column`, `expr` and `duration`, and `count` takes none",
  expr: "a measure has at most one of `column`, `expr` and `duration`, and `count` takes none",
  duration: "a measure has at most one of `column`, `expr` and `duration`, and `count` takes none",
};

function missingHint(path: Path, field: unknown): string {
  const inMeasure = path.length === 2 && path[0] === "measures";
  return inMeasure && field === "column" ? " (or `expr` or `duration`)" : "";
}

function notAllowedDetail(path: Path, schemaPath: string): string {
  const field = String(path.at(-1));
  const inMeasure = path.length === 3 && path[0] === "measures";
  const reason = !inMeasure
    ? undefined
    : schemaPath.includes("/dependentSchemas/sql/")
      ? "a raw `sql` measure takes only `source` and `sql`"
      : MEASURE_FIELD_RULES[field];
  return reason ? `"${field}" is not allowed here: ${reason}` : `"${field}" is not allowed here`;
}

// The standalone validators keep no parent schema: the one bounded field says its bounds itself.
function exclusiveDetail(path: Path, error: ErrorObject): string {
  if (path.at(-1) === "percentile") return "must lie strictly between 0 and 1 (e.g. 0.9)";
  return error.message ?? error.keyword;
}

function patternDetail(pattern: string): string {
  if (pattern.startsWith("^(all|")) return "must be `<N>d` with N from 1 to 3660 (e.g. `28d`), or `all`";
  if (pattern.startsWith("^[a-z][a-z0-9_]*$")) return "must be a snake_case id (^[a-z][a-z0-9_]*$)";
  if (pattern.startsWith("^[0-9]{4}")) return "must be a date YYYY-MM-DD";
  if (pattern.startsWith("^[A-Z]{3}")) return "must be a three-letter ISO 4217 currency code";
  if (pattern.startsWith("^[A-Za-z_]"))
    return "must be a plain SQL identifier (letters, digits, _; optionally schema.name)";
  return `must match ${pattern}`;
}

function suggestion(error: ErrorObject): string {
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  const unknown = String((error.params as { additionalProperty: string }).additionalProperty);
  const close = known.find((name) => editDistance(name, unknown) <= 2);
  return close ? ` (did you mean "${close}"?)` : "";
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path.join("/")}|${problem.target}|${problem.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
