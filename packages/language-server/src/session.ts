import {
  fileKind,
  PROJECT_FILE,
  type SourceFile,
  validateFileAlone,
  workspaceReader,
} from "@kpi-as-code/core";
import {
  type CheckSourcesOutcome,
  checkSources,
  DiagnosticsPublisher,
  type FileDiagnostics,
  indexWorkspace,
  refreshValues,
  WorkspaceState,
} from "@kpi-as-code/language-service";
import type { Diagnostic } from "vscode-languageserver-types";
import { DEFAULT_SETTINGS, type ServerSettings } from "./settings.js";
import { WorkspaceUris } from "./uris.js";

export interface SessionEvents {
  publish(uri: string, diagnostics: Diagnostic[]): void;
  valuesChanged(): void;
  log(message: string): void;
}

/**
 * One workspace as the server keeps it: the service state (every KPI file, open or not), which files
 * the editor has open (their text wins over the disk), and debounced revalidation that publishes only
 * the files whose diagnostics changed. The state is usable from the start: indexing fills it a slice
 * at a time, and requests read it in between.
 */
export class Session {
  readonly uris: WorkspaceUris;
  private readonly state: WorkspaceState;
  private readonly indexing: Promise<WorkspaceState>;
  private indexed = false;
  private readonly open = new Set<string>();
  private readonly publisher = new DiagnosticsPublisher();
  private reader: ((file: string) => SourceFile) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Stops indexing and silences the session once its workspace is closed (see dispose). */
  private readonly closed = new AbortController();
  /** Files whose last published diagnostics were not empty: what dispose clears in the client. */
  private readonly shown = new Set<string>();
  settings: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    readonly root: string,
    private readonly events: SessionEvents,
    settings: ServerSettings = DEFAULT_SETTINGS,
  ) {
    this.settings = settings;
    this.uris = new WorkspaceUris(root);
    this.state = new WorkspaceState(root, this.stateOptions());
    const started = Date.now();
    this.indexing = indexWorkspace(this.state, { signal: this.closed.signal })
      .catch((error: unknown) => {
        // Whatever the workspace holds, the server goes on with the files read so far.
        events.log(`kpi: indexing stopped early: ${error instanceof Error ? error.message : String(error)}`);
      })
      .then(() => {
        if (this.closed.signal.aborted) return this.state;
        this.indexed = true;
        this.validateNow();
        events.log(`kpi: indexed ${this.state.fileNames().length} files in ${Date.now() - started} ms`);
        void this.refreshValues().catch(() => undefined);
        return this.state;
      });
  }

  /**
   * The indexed state with the recorded values read again from disk: a run elsewhere (the CLI, or
   * Run in another window) may have recorded new ones that no watcher event has brought yet.
   */
  async withFreshValues(): Promise<WorkspaceState> {
    const state = await this.indexing;
    await refreshValues(state).catch(() => undefined);
    return state;
  }

  /**
   * The state as indexed so far, open files at their editor text: read-only requests (completion,
   * hover, navigation, symbols, hints, lenses, code actions) answer from it at once, even while the
   * workspace is being indexed.
   */
  current(): WorkspaceState {
    return this.state;
  }

  /**
   * The state once every file is indexed, for requests that would be wrong on part of the workspace
   * and change files: a rename must edit every reference, a run needs the KPIs its formula uses.
   */
  ready(): Promise<WorkspaceState> {
    return this.indexing;
  }

  configure(settings: ServerSettings): void {
    this.settings = settings;
    this.state.configure(this.stateOptions());
    this.schedule();
  }

  /** An editor opened or edited a file: its text replaces what is on disk (indexing keeps it). */
  edit(uri: string, text: string): void {
    const file = this.uris.fileOf(uri);
    if (!file || !fileKind(file)) return;
    const opening = !this.open.has(file);
    this.open.add(file);
    const changed = this.state.setFile(file, text);
    if (this.indexed) {
      if (changed) this.schedule();
    } else if (changed || opening) this.publishEarly(file, text);
  }

  /**
   * While the workspace is being indexed, an opened file gets the diagnostics of the rules that
   * read only it and kpi.yaml at once; the first full pass completes them (cross-file rules).
   * kpi.yaml is indexed first, so its text is the state's.
   */
  private publishEarly(file: string, text: string): void {
    const projectText = file === PROJECT_FILE ? undefined : this.state.text(PROJECT_FILE);
    const project = projectText === undefined ? undefined : { file: PROJECT_FILE, text: projectText };
    const diagnostics = validateFileAlone(project, { file, text }, this.stateOptions());
    this.publish(this.publisher.early(file, diagnostics));
  }

  /** The editor closed a file: the disk's version counts again. */
  close(uri: string): void {
    const file = this.uris.fileOf(uri);
    if (!file || !this.open.delete(file)) return;
    this.syncFromDisk(file);
  }

  /** A file changed on disk (created, changed or deleted); open files keep the editor's text. */
  async diskChanged(uri: string): Promise<void> {
    const file = this.uris.fileOf(uri);
    if (!file) return;
    if (file.startsWith(".kpi/history/") || file === ".kpi/analysis.json") {
      await refreshValues(this.state).catch(() => undefined);
      this.events.valuesChanged();
      return;
    }
    if (!fileKind(file) || this.open.has(file)) return;
    this.syncFromDisk(file);
  }

  async refreshValues(): Promise<void> {
    await refreshValues(this.state);
    this.events.valuesChanged();
  }

  /**
   * Check sources: the live sources asked about the tables, columns and SQL the whole workspace
   * names; what they say is published with the files' diagnostics until the file changes.
   */
  async checkSources(): Promise<CheckSourcesOutcome> {
    const outcome = await checkSources(await this.ready(), { signal: this.closed.signal });
    this.validateNow();
    return outcome;
  }

  /** The recorded values were reloaded elsewhere (after a run): the client should redraw its hints. */
  valuesChanged(): void {
    this.events.valuesChanged();
  }

  /**
   * The workspace is no longer served (its folder was closed, or its kpi.yaml deleted or added
   * above it): indexing stops, nothing more is published, and what the client shows is cleared
   * (unless the server is shutting down: `clear` false).
   */
  dispose(clear = true): void {
    clearTimeout(this.timer);
    if (this.closed.signal.aborted) return;
    if (clear) for (const file of this.shown) this.events.publish(this.uris.uriOf(file), []);
    this.shown.clear();
    this.closed.abort();
  }

  /** Reads a file through core's trust boundary, as indexing does (no link out, no FIFO, bounded size). */
  private syncFromDisk(file: string): void {
    if (this.open.has(file)) return; // the editor's text wins
    this.reader ??= workspaceReader(this.root);
    const source = this.reader(file);
    const changed =
      source.problem?.code === "MISSING"
        ? this.state.deleteFile(file)
        : this.state.setFile(file, source.text, source.problem);
    if (changed) this.schedule();
  }

  private schedule(): void {
    if (!this.indexed || this.closed.signal.aborted) return; // the first full pass, when indexing ends, covers every change
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.validateNow(), this.settings.debounceMs);
  }

  private validateNow(): void {
    for (const change of this.publisher.changes(this.state)) this.publish(change);
  }

  private publish({ file, diagnostics }: FileDiagnostics): void {
    if (this.closed.signal.aborted) return;
    if (diagnostics.length > 0) this.shown.add(file);
    else this.shown.delete(file);
    this.events.publish(this.uris.uriOf(file), diagnostics);
  }

  private stateOptions() {
    return this.settings.today ? { today: this.settings.today } : {};
  }
}
