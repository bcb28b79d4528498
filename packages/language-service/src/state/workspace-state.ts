import {
  type AnalyzedFile,
  analyzeFile,
  buildWorkspace,
  type Diagnostic,
  type FileProblem,
  IncrementalValidation,
  type KpiEntry,
  mergeDiagnostics,
  type ParsedFile,
  type ProjectEntry,
  type Workspace,
} from "@kpi-as-code/core";
import type { LatestValue, StoredAnalysis } from "@kpi-as-code/runner/history";

export interface StateOptions {
  /** "Today" for the date rules (the `kpi.today` setting); the system date otherwise. */
  today?: string;
}

interface FileAnalysis {
  text: string;
  problem: FileProblem | undefined;
  analyzed: AnalyzedFile | undefined;
}

/**
 * Everything the editor features know about one workspace: the text of every KPI and project file
 * (open or not), each file's analysis cached by its content, the model built from them, and the
 * latest recorded KPI values. An edit of a KPI file updates the model in place and revalidates
 * only what it can affect; an edit of kpi.yaml rebuilds both.
 */
export class WorkspaceState {
  private readonly files = new Map<string, FileAnalysis>();
  private model: Workspace | undefined;
  /**
   * KPI files set or deleted since the model was last brought up to date (undefined: deleted). They
   * are applied when the model is next read, so indexing parses a slice of files, then updates the
   * model once, which is cheaper than interleaving the two per file.
   */
  private readonly pendingKpis = new Map<string, KpiEntry | undefined>();
  private validator: IncrementalValidation;
  private validation: Map<string, Diagnostic[]> | undefined;
  /** Files set or deleted since the last validation: all the validator needs to recheck. */
  private readonly changedSinceValidation = new Set<string>();
  private sortedNames: string[] | undefined;
  /**
   * The last check against the live sources (Check sources, as `kpi validate --sources`), by file.
   * A file's findings are dropped once it changes (their positions and tables may no longer hold);
   * a change of kpi.yaml drops them all.
   */
  private sourceFindings = new Map<string, Diagnostic[]>();
  private withSources: Map<string, Diagnostic[]> | undefined;
  /** Recorded values by KPI id, kept by the server (see `latestValues` of the runner). */
  values: Record<string, LatestValue> = {};
  /** The last `kpi analyze` result (`.kpi/analysis.json`), read with the values. */
  analysis: StoredAnalysis | undefined;

  constructor(
    /** Absolute path of the folder holding kpi.yaml. */
    readonly root: string,
    public options: StateOptions = {},
  ) {
    this.validator = new IncrementalValidation(options);
  }

  /**
   * Sets a file's text (an edit or a change on disk), or why it could not be read (`problem`, from
   * core's trust boundary); false when nothing changed.
   */
  setFile(file: string, text: string, problem?: FileProblem): boolean {
    const previous = this.files.get(file);
    if (previous?.text === text && previous.problem === problem) return false;
    if (!previous) this.sortedNames = undefined;
    // As everywhere: core's analyzeFile picks the parser (the fast one for the common, clean file).
    const analyzed = analyzeFile(problem ? { file, text, problem } : { file, text });
    this.files.set(file, { text, problem, analyzed });
    this.invalidate(file, analyzed);
    return true;
  }

  deleteFile(file: string): boolean {
    if (!this.files.delete(file)) return false;
    this.sortedNames = undefined;
    this.invalidate(file, undefined);
    return true;
  }

  /** Changes the options; every diagnostic is recomputed. */
  configure(options: StateOptions): void {
    this.options = options;
    this.validator = new IncrementalValidation(options);
    this.validation = undefined;
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  fileNames(): string[] {
    this.sortedNames ??= [...this.files.keys()].sort();
    return this.sortedNames;
  }

  text(file: string): string | undefined {
    return this.files.get(file)?.text;
  }

  entry(file: string): KpiEntry | ProjectEntry | undefined {
    return this.files.get(file)?.analyzed?.entry;
  }

  parsed(file: string): ParsedFile | undefined {
    return this.entry(file)?.parsed;
  }

  get workspace(): Workspace {
    if (this.model && this.pendingKpis.size > 0) this.applyPendingKpis(this.model);
    // In file-name order, as `kpi validate` reads them: which of two duplicates is "first" must not
    // depend on the order files were opened in.
    this.model ??= buildWorkspace(this.fileNames().map((file) => this.files.get(file)?.analyzed));
    return this.model;
  }

  /** Updates the model in place, or drops it for a rebuild when most of it changed (a first index). */
  private applyPendingKpis(model: Workspace): void {
    if (this.pendingKpis.size > model.kpis.length) this.model = undefined;
    else {
      for (const [file, entry] of this.pendingKpis) {
        if (entry) model.setKpi(entry);
        else model.removeKpi(file);
      }
    }
    this.pendingKpis.clear();
  }

  /** Every file's diagnostics, exactly as `kpi validate` reports them (same rules, same order). */
  diagnostics(): ReadonlyMap<string, Diagnostic[]> {
    if (!this.validation) {
      this.validation = this.validator.validate(this.workspace, this.changedSinceValidation);
      this.changedSinceValidation.clear();
      this.withSources = undefined;
    }
    if (this.sourceFindings.size === 0) return this.validation;
    if (!this.withSources) {
      const merged = new Map(this.validation);
      for (const [file, found] of this.sourceFindings)
        merged.set(file, mergeDiagnostics(this.validation.get(file) ?? [], found));
      this.withSources = merged;
    }
    return this.withSources;
  }

  /** Replaces the findings of the last check against the live sources (see `checkSources`). */
  setSourceFindings(diagnostics: readonly Diagnostic[]): void {
    this.sourceFindings = new Map();
    for (const diagnostic of diagnostics) {
      const list = this.sourceFindings.get(diagnostic.file) ?? [];
      list.push(diagnostic);
      this.sourceFindings.set(diagnostic.file, list);
    }
    this.withSources = undefined;
  }

  /** A KPI file's new entry will replace its old one in the model; a project file change rebuilds it. */
  private invalidate(file: string, analyzed: AnalyzedFile | undefined): void {
    this.validation = undefined;
    if (this.sourceFindings.size > 0) {
      if (analyzed?.kind === "kpi") this.sourceFindings.delete(file);
      else this.sourceFindings.clear();
    }
    this.changedSinceValidation.add(file);
    if (!this.model) return;
    if (analyzed?.kind === "kpi") this.pendingKpis.set(file, analyzed.entry);
    else if (analyzed === undefined && this.model.project?.file !== file)
      this.pendingKpis.set(file, undefined);
    else {
      this.model = undefined;
      this.pendingKpis.clear();
    }
  }
}
