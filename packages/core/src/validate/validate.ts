import { type KpiEntry, type ProjectEntry, Workspace } from "../model/workspace.js";
import { compareDiagnostics, type Diagnostic } from "../rules/diagnostic.js";
import { type AnalyzedFile, analyzeFile, type SourceFile } from "./analyze-file.js";
import { IncrementalValidation } from "./validation-engine.js";

export interface ValidateOptions {
  /** "Today" for the date rules (YYYY-MM-DD); the system date otherwise. */
  today?: string;
  /** The workspace at a git base, for the version rules. */
  base?: Workspace;
  /** Only report diagnostics of these files (the whole workspace is still analyzed). */
  onlyFiles?: ReadonlySet<string>;
}

export interface ValidationResult {
  workspace: Workspace;
  /** Every KPI and project file checked. */
  files: string[];
  diagnostics: Diagnostic[];
}

/** Builds the model of a workspace from analyzed files (see analyzeFile); other files are ignored. */
export function buildWorkspace(files: readonly (AnalyzedFile | undefined)[]): Workspace {
  let project: ProjectEntry | undefined;
  const kpis: KpiEntry[] = [];
  for (const analyzed of files) {
    if (analyzed?.kind === "project") project = analyzed.entry;
    else if (analyzed?.kind === "kpi") kpis.push(analyzed.entry);
  }
  return new Workspace(project, kpis);
}

/**
 * The validation entry point shared by the CLI, the language server and CI:
 * a set of files (saved or not) in, diagnostics with rule ids and positions out.
 */
export function validateFiles(files: readonly SourceFile[], options: ValidateOptions = {}): ValidationResult {
  return validateWorkspace(buildWorkspace(files.map((file) => analyzeFile(file))), options);
}

/**
 * Runs every rule over a built workspace, through the one validation engine (IncrementalValidation).
 * One rule failing never stops the others.
 */
export function validateWorkspace(workspace: Workspace, options: ValidateOptions = {}): ValidationResult {
  const { onlyFiles, ...engineOptions } = options;
  const byFile = new IncrementalValidation(engineOptions).validate(workspace);
  const diagnostics: Diagnostic[] = [];
  for (const [file, list] of byFile) if (!onlyFiles || onlyFiles.has(file)) diagnostics.push(...list);
  diagnostics.sort(compareDiagnostics);
  return { workspace, files: workspaceFileNames(workspace), diagnostics };
}

/** Every KPI and project file of a workspace, in name order. */
export function workspaceFileNames(workspace: Workspace): string[] {
  const files = workspace.kpis.map((entry) => entry.file);
  if (workspace.project) files.push(workspace.project.file);
  return files.sort();
}
