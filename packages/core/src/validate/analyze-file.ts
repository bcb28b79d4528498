import { textProblem } from "../document/read-inside-root.js";
import type { SourceFile } from "../document/workspace-files.js";
import {
  isKpiFileName,
  type KpiEntry,
  kpiEntry,
  PROJECT_FILE,
  type ProjectEntry,
  projectEntry,
} from "../model/workspace.js";
import { parseYamlFast } from "../parse/fast-yaml.js";
import { ParsedFile } from "../parse/parsed-file.js";
import { validateAgainstSchema } from "../schema/index.js";

export type { SourceFile };

export type AnalyzedFile = { kind: "project"; entry: ProjectEntry } | { kind: "kpi"; entry: KpiEntry };

export function fileKind(file: string): "project" | "kpi" | undefined {
  if (file === PROJECT_FILE) return "project";
  return isKpiFileName(file) ? "kpi" : undefined;
}

/**
 * Everything that can be known about one file alone: syntax, schema, formula. The one reading of
 * a file's text, for `kpi validate`, `kpi run`, the diff, the report and the editor alike. It
 * chooses the parser itself: the fast parser for texts inside its subset, which it reads exactly as
 * the `yaml` package does (a property test holds it to that), and the `yaml` package otherwise.
 * A file that could not be read safely (`source.problem`), or whose text is too large or binary, is
 * not parsed: its one problem is reported at its place.
 */
export function analyzeFile(source: SourceFile): AnalyzedFile | undefined {
  // A folder that could not be read may hold KPI files: its problem is reported as a KPI file's.
  const kind = fileKind(source.file) ?? (source.problem ? "kpi" : undefined);
  if (!kind) return undefined;
  const parsed = parseSource(source);
  const schemaProblems = parsed.valueIsSound ? validateAgainstSchema(kind, parsed.value ?? null) : [];
  if (kind === "project") return { kind, entry: projectEntry(parsed, schemaProblems) };
  return { kind, entry: kpiEntry(parsed, schemaProblems) };
}

function parseSource({ file, text, problem }: SourceFile): ParsedFile {
  const refused = problem ?? textProblem(text);
  if (refused) return ParsedFile.unparsed(file, text, refused);
  const fastValue = parseYamlFast(text);
  return fastValue === undefined
    ? new ParsedFile(file, text)
    : ParsedFile.fromFastParser(file, text, fastValue);
}
