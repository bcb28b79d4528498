import type { KpiEntry, Workspace } from "../model/workspace.js";
import { RULES } from "../rules/all-rules.js";
import type { Diagnostic } from "../rules/diagnostic.js";
import { analyzeFile, type SourceFile } from "./analyze-file.js";
import { buildWorkspace, type ValidateOptions } from "./validate.js";
import { IncrementalValidation } from "./validation-engine.js";

const FILE_SCOPE_RULES = RULES.filter((rule) => rule.scope === "file");

/**
 * The diagnostics one file gets from the rules of `scope: "file"` (that file and the project file
 * alone), before the rest of the workspace is known: an editor can show them at once while it
 * indexes. They are what the whole workspace gives the file from those rules, except where another
 * KPI file shares its id.
 */
export function validateFileAlone(
  project: SourceFile | undefined,
  source: SourceFile,
  options: Pick<ValidateOptions, "today"> = {},
): Diagnostic[] {
  const files = project && project.file !== source.file ? [project, source] : [source];
  const workspace = buildWorkspace(files.map(analyzeFile));
  const engine = new IncrementalValidation({ ...options, rules: FILE_SCOPE_RULES });
  return engine.validate(workspace).get(source.file) ?? [];
}

/**
 * The first error the rules of `scope: "file"` find in one KPI file of a built workspace: what
 * `kpi run` names when it refuses a KPI whose file is broken, at the place `kpi validate` reports it.
 */
export function firstFileError(workspace: Workspace, entry: KpiEntry): Diagnostic | undefined {
  const engine = new IncrementalValidation({ rules: FILE_SCOPE_RULES });
  const diagnostics = engine.validate(workspace.restrictedTo([entry])).get(entry.file) ?? [];
  return diagnostics.find((diagnostic) => diagnostic.severity === "error");
}
