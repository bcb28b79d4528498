/**
 * The result of comparing two revisions of a workspace. This is the JSON that `kpi diff --format json`
 * prints (documented in docs/ci.md): keep it stable, add fields rather than rename them.
 */

export type RiskId =
  | "target-eased"
  | "threshold-eased"
  | "meaning-changed"
  | "core-removed"
  | "goal-unbalanced"
  | "version-not-bumped";

export interface Risk {
  id: RiskId;
  /** One plain-language sentence, e.g. "short-term target lowered from 30% to 27% (direction increase)". */
  description: string;
}

export interface FieldChange {
  /** Dotted path of the changed field: `formula`, `target.short_term.value`, `measures.signups.where`. */
  field: string;
  /** The value at the base (undefined when the field was added); secrets in URLs are redacted. */
  before?: unknown;
  /** The value at the head (undefined when the field was removed); secrets in URLs are redacted. */
  after?: unknown;
  /** Plain language: "short-term target lowered from 30% to 27%". */
  description: string;
}

export type KpiChangeKind = "added" | "removed" | "changed" | "moved";

/** A KPI value computed under the old and the new definition (`kpi diff --values`). */
export interface ValueComparison {
  period: { start: string; end: string };
  /** Already formatted by the KPI's unit ("27.3%"), or a reason such as "no data". */
  before: string;
  after: string;
  /** The status under each definition (spec 5.1), e.g. `at_risk`. */
  beforeStatus?: string;
  afterStatus?: string;
  /**
   * What each definition's target path expects at the end of the period, formatted ("27.9%"): a
   * changed target moves it too. Absent when neither definition has a target.
   */
  beforeExpected?: string;
  afterExpected?: string;
}

export interface KpiDiff {
  id: string;
  change: KpiChangeKind;
  /** The KPI's file at the head (at the base for a removed KPI), relative to the workspace. */
  file: string;
  /** The file at the base, when the KPI moved to another file. */
  previousFile?: string;
  /** The KPI's name (at the head; at the base when removed). */
  name?: string;
  fields: FieldChange[];
  risks: Risk[];
  values?: ValueComparison;
  /**
   * Why `values` are absent although asked for: `untrusted-sql`, the head wrote or changed the SQL the
   * value rests on and the diff ran with `--untrusted` (a number can carry what the SQL read).
   */
  valuesWithheld?: "untrusted-sql";
}

export type EntryChangeKind = "added" | "removed" | "changed" | "renamed";

/** A goal, owner or source of kpi.yaml that was added, removed, changed or renamed. */
export interface EntryDiff {
  id: string;
  change: EntryChangeKind;
  /** The id at the base when the entry was renamed (same definition under a new id). */
  previousId?: string;
  fields: FieldChange[];
  risks: Risk[];
}

export interface DiffSummary {
  kpis: { added: number; removed: number; changed: number; moved: number };
  goals: number;
  owners: number;
  sources: number;
  /** How many times each risk was flagged, over KPIs and goals. */
  risks: Partial<Record<RiskId, number>>;
}

export interface WorkspaceDiff {
  /** The base revision as given (e.g. "origin/main"). */
  base: string;
  /** The head revision as given, or "working tree". */
  head: string;
  kpis: KpiDiff[];
  goals: EntryDiff[];
  owners: EntryDiff[];
  sources: EntryDiff[];
  /** Other project fields (project name, policy) that changed. */
  project: FieldChange[];
  summary: DiffSummary;
}

/** Whether a workspace is there at both revisions, or the change added or removed its kpi.yaml. */
export type WorkspaceChangeKind = "added" | "removed" | "kept";

/**
 * One workspace's diff among several (`kpi diff` run above several workspaces): a WorkspaceDiff
 * whose file paths are relative to the folder the command ran in, not to the workspace.
 */
export interface WorkspaceGroupDiff extends WorkspaceDiff {
  /** The workspace's folder relative to where `kpi diff` ran, forward slashes ("." for that folder). */
  workspace: string;
  workspaceChange: WorkspaceChangeKind;
}

/**
 * The diff of every workspace below a folder (several KPI workspaces in one repository). Each
 * workspace is compared on its own: the same KPI id in two workspaces is two KPIs.
 */
export interface RepositoryDiff {
  base: string;
  head: string;
  /** In folder order, including workspaces without changes. */
  workspaces: WorkspaceGroupDiff[];
  /** The sums of the workspaces' summaries. */
  summary: DiffSummary;
}
