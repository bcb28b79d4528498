import {
  type AnalyzedFile,
  analyzeFile,
  buildWorkspace,
  type Diagnostic,
  type KpiEntry,
  type ParsedFile,
  type ProjectEntry,
  readWorkspaceFiles,
  validateWorkspace,
  type Workspace,
} from "@kpi-as-code/core";
import type { LatestValue } from "@kpi-as-code/runner";

export interface StateOptions {
  /** "Today" for the date rules (the `kpi.today` setting); the system date otherwise. */
  today?: string;
}

interface FileAnalysis {
  text: string;
  analyzed: AnalyzedFile | undefined;
}

/**
 * Everything the editor features know about one workspace: the text of every KPI and project file
 * (open or not), each file's analysis cached by its content, the model built from them, and the
 * latest recorded KPI values. The model is rebuilt only when a file's content changed.
 */
export class WorkspaceState {
  private readonly files = new Map<string, FileAnalysis>();
  private model: Workspace | undefined;
  private validation: Map<string, Diagnostic[]> | undefined;
  private sortedNames: string[] | undefined;
  /** Recorded values by KPI id, kept by the server (see `latestValues` of the runner). */
  values: Record<string, LatestValue> = {};

  constructor(
    /** Absolute path of the folder holding kpi.yaml. */
    readonly root: string,
    public options: StateOptions = {},
  ) {}

  /** A state holding every KPI and project file found below `root`. */
  static async load(root: string, options: StateOptions = {}): Promise<WorkspaceState> {
    const state = new WorkspaceState(root, options);
    for (const source of await readWorkspaceFiles(root)) state.setFile(source.file, source.text);
    return state;
  }

  /** Sets a file's text (an edit or a change on disk); false when nothing changed. */
  setFile(file: string, text: string): boolean {
    const previous = this.files.get(file);
    if (previous?.text === text) return false;
    if (!previous) this.sortedNames = undefined;
    this.files.set(file, { text, analyzed: analyzeFile({ file, text }) });
    this.invalidate();
    return true;
  }

  deleteFile(file: string): boolean {
    if (!this.files.delete(file)) return false;
    this.sortedNames = undefined;
    this.invalidate();
    return true;
  }

  /** Changes the options; every diagnostic is recomputed. */
  configure(options: StateOptions): void {
    this.options = options;
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
    // In file-name order, as `kpi validate` reads them: which of two duplicates is "first" must not
    // depend on the order files were opened in.
    this.model ??= buildWorkspace(this.fileNames().map((file) => this.files.get(file)?.analyzed));
    return this.model;
  }

  /** Every file's diagnostics, exactly as `kpi validate` reports them (same entry point). */
  diagnostics(): ReadonlyMap<string, Diagnostic[]> {
    if (!this.validation) {
      const today = this.options.today;
      const result = validateWorkspace(this.workspace, today ? { today } : {});
      const byFile = new Map<string, Diagnostic[]>(result.files.map((file) => [file, []]));
      for (const diagnostic of result.diagnostics) byFile.get(diagnostic.file)?.push(diagnostic);
      this.validation = byFile;
    }
    return this.validation;
  }

  private invalidate(): void {
    this.model = undefined;
    this.validation = undefined;
  }
}
