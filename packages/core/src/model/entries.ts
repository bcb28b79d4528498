import { parseFormula } from "../formula/index.js";
import type { ParsedFile } from "../parse/parsed-file.js";
import type { SchemaProblem } from "../schema/index.js";
import type { KpiFile, ProjectFile } from "./types.js";
import { asRecord, type KpiEntry, type ProjectEntry } from "./workspace.js";

/** Builds a KPI entry from a parsed, schema-checked file. */
export function kpiEntry(parsed: ParsedFile, schemaProblems: readonly SchemaProblem[]): KpiEntry {
  const data = asRecord(parsed.value) as Partial<KpiFile>;
  const id = typeof data.kpi === "string" && /^[a-z][a-z0-9_]*$/.test(data.kpi) ? data.kpi : undefined;
  const formula = typeof data.formula === "string" ? parseFormula(data.formula) : undefined;
  return {
    file: parsed.file,
    parsed,
    valid: typesHold(parsed, schemaProblems),
    schemaProblems,
    data,
    id,
    formula,
  };
}

export function projectEntry(parsed: ParsedFile, schemaProblems: readonly SchemaProblem[]): ProjectEntry {
  // The parser reports every repeated key, so a file without that problem (for instance one the
  // fast parser took) needs no position tree to know it has none.
  const hasDuplicates = parsed.syntaxProblems.some((problem) => problem.code === "DUPLICATE_KEY");
  const duplicateIds = !hasDuplicates
    ? []
    : (["owner", "goal", "source"] as const).flatMap((kind) =>
        parsed
          .duplicateKeysUnder([`${kind}s`])
          .map((duplicate) => ({ kind, id: duplicate.key, span: duplicate.span })),
      );
  const data = asRecord(parsed.value) as Partial<ProjectFile>;
  return {
    file: parsed.file,
    parsed,
    valid: typesHold(parsed, schemaProblems),
    schemaProblems,
    data,
    duplicateIds,
  };
}

/**
 * Whether the rules may trust the file's declared types. An unknown key does not break that
 * (rules never read it), so one typo does not silence every other check of the file.
 */
function typesHold(parsed: ParsedFile, schemaProblems: readonly SchemaProblem[]): boolean {
  return parsed.valueIsSound && schemaProblems.every((problem) => problem.keyword === "additionalProperties");
}
