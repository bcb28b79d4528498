// The input every writer takes. The core produces a ValidationReport; writers
// only turn it into text, so the CLI, CI and tests share one shape.

export type Severity = "error" | "warning" | "info";

/** One diagnostic; `file` is relative to the workspace with posix slashes, positions are 1-based. */
export interface ReportDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  summary: string;
  why: string;
  fix: string;
  example?: string;
  helpUri: string;
}

export interface ValidationReport {
  /** Absolute path of the workspace folder (the one holding kpi.yaml). */
  root: string;
  /** Every checked file, relative to the workspace. */
  files: string[];
  diagnostics: ReportDiagnostic[];
  /**
   * A report of several workspaces: each one's folder (relative to `root`, forward slashes, "" for
   * `root` itself) with its files and diagnostics, paths as above. The text format gives each its
   * section. Absent for one workspace.
   */
  workspaces?: WorkspaceSection[];
  /** The rule catalogue, so self-describing formats (SARIF) can carry the rules' help. */
  rules: RuleMeta[];
  toolVersion: string;
}

export interface WorkspaceSection {
  folder: string;
  files: string[];
  diagnostics: ReportDiagnostic[];
}

export interface FormatOptions {
  /** Colour the `text` format; the CLI decides (a TTY and no NO_COLOR). */
  color: boolean;
  /**
   * The workspace folder relative to the repository root (e.g. `examples/saas`).
   * `github` and `sarif` prepend it to file paths, because GitHub resolves
   * annotation and code-scanning paths against the repository root.
   */
  pathPrefix?: string;
}
