import type { KpiFile, Severity } from "../model/types.js";
import type { KpiEntry, Workspace } from "../model/workspace.js";
import type { Path, Span } from "../parse/parsed-file.js";
import type { RuleId } from "../registry/rule-ids.js";

/** Where a diagnostic points: a key or value by path (optionally a range inside the value), or raw offsets. */
export type At = { path: Path; target?: "key" | "value"; inner?: Span } | { span: Span };

export interface RuleContext {
  readonly workspace: Workspace;
  /** "Today" for the date rules, YYYY-MM-DD. */
  readonly today: string;
  /** The workspace at the git base, for the version rules; absent without `--base`. */
  readonly base?: Workspace;
  report(file: string, at: At, message: string, severity?: Severity): void;
}

/** A rule of the method: data plus one check over the whole workspace. */
export interface Rule {
  id: RuleId;
  /**
   * What a finding of the rule in one file may depend on. `file`: that file, kpi.yaml, "today" and
   * the git base only (the validation engine reruns it for a file when the file changes, on a view
   * of the workspace holding just the changed files). `workspace`: any file (rerun after every change).
   */
  scope: "file" | "workspace";
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  summary: string;
  /** Why the method wants it. */
  why: string;
  /** A KPI or project file fragment that makes it fire. */
  example: string;
  /** How to fix it. */
  fix: string;
  /**
   * Found only by connecting to the sources (`kpi validate --sources`, the runner's `checkSources`):
   * its `check` finds nothing in the files alone, and its fixtures can only pass.
   */
  needsSources?: true;
  check(context: RuleContext): void;
}

/** KPI entries that passed the schema, with their data typed. */
export function validKpis(workspace: Workspace): (KpiEntry & { data: KpiFile; id: string })[] {
  return workspace.kpis.filter(
    (entry): entry is KpiEntry & { data: KpiFile; id: string } => entry.valid && entry.id !== undefined,
  );
}

/**
 * Whether kpi.yaml exists and parsed. Without it, every reference would be "unknown": the missing or
 * broken project file is reported once (schema, yaml/syntax) instead of on every reference.
 */
export function projectIsReadable(workspace: Workspace): boolean {
  return workspace.project?.parsed.valueIsSound === true;
}

/** The closest of `candidates` to `name`, for did-you-mean hints. */
export { closestMatch } from "./closest-match.js";
