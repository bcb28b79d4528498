import type { KpiEntry, Workspace, WorkspaceFile } from "../model/workspace.js";
import type { RuleId } from "../registry/rule-ids.js";
import { RULES } from "../rules/all-rules.js";
import { compareDiagnostics, type Diagnostic } from "../rules/diagnostic.js";
import type { Rule } from "../rules/rule.js";
import { collectFindings, todayDate } from "../rules/run-rules.js";

/** The rules whose findings in a file depend on that file alone (see Rule.scope), by id. */
export const FILE_LOCAL_RULES: ReadonlySet<RuleId> = new Set(
  RULES.filter((rule) => rule.scope === "file").map((rule) => rule.id),
);

export interface IncrementalValidationOptions {
  /** "Today" for the date rules (YYYY-MM-DD); the system date otherwise. */
  today?: string;
  /** The workspace at a git base, for the version rules. */
  base?: Workspace;
  /** The rules to run (default: RULES); what reruns after a change follows each rule's `scope`. */
  rules?: readonly Rule[];
}

interface FileResult {
  entry: WorkspaceFile & { id?: string | undefined };
  /** Findings of the file-local rules, reused while the file (and its id twins) are unchanged. */
  local: Diagnostic[];
  cross: Diagnostic[];
  /** Both, sorted: the array handed out, the same object as long as nothing in it changed. */
  all: Diagnostic[];
}

const NONE: Diagnostic[] = [];

/**
 * The validation engine, for `kpi validate`, `kpi validate --watch` and the editor alike. The first
 * call runs every rule; called again after edits of the same (updated) workspace, it reruns the
 * rules of `scope: "file"` only for the files that changed and every rule of `scope: "workspace"`,
 * and returns, per file, exactly the diagnostics a first call would (a property test edits every
 * field to hold it to that). A file whose diagnostics did not change keeps the same array object,
 * so callers can skip it by identity. A new workspace object, a changed project file or a new day
 * revalidates everything.
 */
export class IncrementalValidation {
  private workspace: Workspace | undefined;
  private today: string | undefined;
  private results = new Map<string, FileResult>();
  /** Files with cross-file findings at the last run: they must be rechecked even if unchanged. */
  private crossFiles = new Set<string>();
  private byFile = new Map<string, Diagnostic[]>();

  constructor(private readonly options: IncrementalValidationOptions = {}) {}

  /**
   * Every KPI and project file's diagnostics, by file, in file-name order. The map is updated in
   * place by the next call: read it before validating again. `changedFiles`, when given, names
   * every file set, replaced or deleted since the last call (saving a comparison of every file).
   */
  validate(workspace: Workspace, changedFiles?: Iterable<string>): Map<string, Diagnostic[]> {
    const today = this.options.today ?? todayDate();
    const project = workspace.project;
    const full =
      this.workspace !== workspace ||
      this.today !== today ||
      this.results.get(project?.file ?? "")?.entry !== project;
    if (full) {
      this.results = new Map();
      this.crossFiles = new Set();
    }
    this.workspace = workspace;
    this.today = today;
    const candidates = changedFiles
      ? [...changedFiles]
      : [...this.results.keys(), ...workspace.kpis.map((e) => e.file)];
    const changed = full ? workspace.kpis : this.changedKpis(workspace, candidates);
    const local = this.runLocalRules(workspace, today, changed, full);
    const cross = this.run(workspace, today, (rule) => rule.scope === "workspace", undefined);
    const removed = !full && this.dropRemovedFiles(workspace, candidates);
    const added = full || changed.some((entry) => !this.results.has(entry.file));
    // Only files rechecked now or with cross-file findings (now or before) can have changed.
    const touched = new Set([...local.keys(), ...cross.keys(), ...this.crossFiles]);
    this.crossFiles = new Set(cross.keys());
    for (const file of touched) {
      const entry = file === workspace.project?.file ? workspace.project : workspace.kpiInFile(file);
      if (!entry) continue;
      const result = combine(entry, this.results.get(file), local.get(file), cross.get(file) ?? NONE);
      this.results.set(file, result);
      this.byFile.set(file, result.all);
    }
    // A new or removed file changes the list itself, which stays in file-name order.
    if (added || removed) {
      this.byFile = new Map(
        filesInNameOrder(workspace).map((entry) => [entry.file, this.results.get(entry.file)?.all ?? NONE]),
      );
    }
    return this.byFile;
  }

  private dropRemovedFiles(workspace: Workspace, candidates: readonly string[]): boolean {
    let removed = false;
    for (const file of candidates) {
      if (file === workspace.project?.file || workspace.kpiInFile(file) || !this.results.has(file)) continue;
      this.results.delete(file);
      this.byFile.delete(file);
      removed = true;
    }
    return removed;
  }

  /** KPI files that are new or replaced, plus every file sharing an id with one (old or new). */
  private changedKpis(workspace: Workspace, candidates: readonly string[]): KpiEntry[] {
    const files = new Set<string>();
    const ids = new Set<string>();
    for (const file of candidates) {
      const previous = this.results.get(file)?.entry;
      const current = workspace.kpiInFile(file);
      if (previous === current || file === workspace.project?.file) continue;
      files.add(file);
      if (previous?.id !== undefined) ids.add(previous.id);
      if (current?.id !== undefined) ids.add(current.id);
    }
    for (const id of ids) for (const twin of workspace.kpisWithId(id)) files.add(twin.file);
    return [...files].flatMap((file) => workspace.kpiInFile(file) ?? []);
  }

  private runLocalRules(
    workspace: Workspace,
    today: string,
    changed: KpiEntry[],
    full: boolean,
  ): Map<string, Diagnostic[]> {
    const files = changed.map((entry) => entry.file);
    // The project file's own findings of these rules depend on it alone: kept unless it changed.
    if (full && workspace.project) files.push(workspace.project.file);
    const view = full ? workspace : workspace.restrictedTo(changed);
    return this.run(view, today, (rule) => rule.scope === "file", new Set(files));
  }

  private run(
    workspace: Workspace,
    today: string,
    selected: (rule: Rule) => boolean,
    onlyFiles: ReadonlySet<string> | undefined,
  ): Map<string, Diagnostic[]> {
    const byFile = new Map<string, Diagnostic[]>();
    for (const file of onlyFiles ?? []) byFile.set(file, []);
    const { base, rules = RULES } = this.options;
    const findings = collectFindings(workspace, {
      today,
      rules: rules.filter(selected),
      ...(base ? { base } : {}),
      ...(onlyFiles ? { onlyFiles } : {}),
    });
    for (const { diagnostic } of findings) {
      const list = byFile.get(diagnostic.file);
      if (list) list.push(diagnostic);
      else byFile.set(diagnostic.file, [diagnostic]);
    }
    return byFile;
  }
}

function combine(
  entry: FileResult["entry"],
  previous: FileResult | undefined,
  freshLocal: Diagnostic[] | undefined,
  cross: Diagnostic[],
): FileResult {
  const local = freshLocal ?? previous?.local ?? NONE;
  if (previous && sameDiagnostics(previous.local, local) && sameDiagnostics(previous.cross, cross)) {
    return { entry, local: previous.local, cross: previous.cross, all: previous.all };
  }
  // Stable sort: findings of one rule at one place keep the order the rule reported them in,
  // and local and cross-file rules never share a rule id.
  const all = local.length + cross.length === 0 ? NONE : [...local, ...cross].sort(compareDiagnostics);
  return { entry, local, cross, all };
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((diagnostic, index) => {
    const other = b[index] as Diagnostic;
    return (
      diagnostic.rule === other.rule &&
      diagnostic.start === other.start &&
      diagnostic.end === other.end &&
      diagnostic.severity === other.severity &&
      diagnostic.message === other.message &&
      diagnostic.line === other.line &&
      diagnostic.column === other.column &&
      diagnostic.endLine === other.endLine &&
      diagnostic.endColumn === other.endColumn
    );
  });
}

/** The project file at its place among the KPI files (which the workspace keeps in name order). */
function filesInNameOrder(workspace: Workspace): WorkspaceFile[] {
  const files: WorkspaceFile[] = [...workspace.kpis];
  const project = workspace.project;
  if (project) {
    const at = files.findIndex((entry) => entry.file > project.file);
    files.splice(at === -1 ? files.length : at, 0, project);
  }
  return files;
}
