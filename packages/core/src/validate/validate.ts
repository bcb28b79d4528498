import type { Severity, SeveritySetting } from "../model/types.js";
import { type KpiEntry, type ProjectEntry, Workspace } from "../model/workspace.js";
import { RULES } from "../rules/index.js";
import type { Rule, RuleContext } from "../rules/rule.js";
import { type AnalyzedFile, analyzeFile, type SourceFile } from "./analyze-file.js";
import { compareDiagnostics, type Diagnostic, resolvePosition } from "./diagnostic.js";

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

/** Runs every rule over a built workspace. One rule failing never stops the others. */
export function validateWorkspace(workspace: Workspace, options: ValidateOptions = {}): ValidationResult {
  const today = options.today ?? todayDate();
  const overrides = severityOverrides(workspace);
  const parsedByFile = new Map(
    [workspace.project, ...workspace.kpis].flatMap((entry) => (entry ? [[entry.file, entry.parsed]] : [])),
  );
  const diagnostics: Diagnostic[] = [];
  for (const rule of RULES) {
    const setting = overrides.get(rule.id);
    if (setting === "off") continue;
    const context: RuleContext = {
      workspace,
      today,
      ...(options.base ? { base: options.base } : {}),
      report(file, at, message, severity) {
        if (options.onlyFiles && !options.onlyFiles.has(file)) return;
        const resolved = resolvePosition(parsedByFile.get(file), at);
        diagnostics.push({
          file,
          rule: rule.id,
          severity: setting ?? severity ?? rule.defaultSeverity,
          message,
          ...resolved,
        });
      },
    };
    runRule(rule, context);
  }
  diagnostics.sort(compareDiagnostics);
  return { workspace, files: [...parsedByFile.keys()].sort(), diagnostics };
}

function runRule(rule: Rule, context: RuleContext): void {
  try {
    rule.check(context);
  } catch (error) {
    // A rule must never take the whole validation down; its crash is a bug worth surfacing, not hiding.
    process.emitWarning(
      `kpi: rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function severityOverrides(workspace: Workspace): Map<string, Severity | "off"> {
  const rules = workspace.project?.data.policy?.rules;
  const overrides = new Map<string, SeveritySetting>();
  if (rules && typeof rules === "object") {
    for (const [id, setting] of Object.entries(rules)) {
      if (setting === "error" || setting === "warning" || setting === "info" || setting === "off")
        overrides.set(id, setting);
    }
  }
  return overrides;
}

/** Today's date in the local time zone, YYYY-MM-DD. */
export function todayDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
