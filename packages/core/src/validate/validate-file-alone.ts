import { parseYamlFast } from "../fast/fast-yaml.js";
import { FILE_LOCAL_RULES } from "../rules/index.js";
import { analyzeFile, type SourceFile } from "./analyze-file.js";
import type { Diagnostic } from "./diagnostic.js";
import { buildWorkspace, type ValidateOptions, validateWorkspace } from "./validate.js";

/**
 * The diagnostics one file gets from the rules that read only that file and the project file
 * (FILE_LOCAL_RULES), before the rest of the workspace is known: an editor can show them at once
 * while it indexes. They are a subset of what the whole workspace gives the file, except where
 * another KPI file shares its id.
 */
export function validateFileAlone(
  project: SourceFile | undefined,
  source: SourceFile,
  options: Pick<ValidateOptions, "today"> = {},
): Diagnostic[] {
  const files = project && project.file !== source.file ? [project, source] : [source];
  // Through the fast parser, as a whole validation reads them: the `yaml` parser's first use in a
  // process costs tens of milliseconds, which an editor opening a file at start-up would wait for.
  const workspace = buildWorkspace(files.map((file) => analyzeFile(file, parseYamlFast(file.text))));
  const { diagnostics } = validateWorkspace(workspace, { ...options, onlyFiles: new Set([source.file]) });
  return diagnostics.filter((diagnostic) => FILE_LOCAL_RULES.has(diagnostic.rule));
}
