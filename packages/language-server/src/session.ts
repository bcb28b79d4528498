import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileKind, PROJECT_FILE, validateFileAlone } from "@kpi-as-code/core";
import { DiagnosticsPublisher, refreshValues, WorkspaceState } from "@kpi-as-code/language-service";
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
 * the files whose diagnostics changed.
 */
export class Session {
  readonly uris: WorkspaceUris;
  private state: WorkspaceState | undefined;
  private readonly loading: Promise<WorkspaceState>;
  private readonly open = new Set<string>();
  private readonly publisher = new DiagnosticsPublisher();
  private timer: NodeJS.Timeout | undefined;
  settings: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    readonly root: string,
    private readonly events: SessionEvents,
    settings: ServerSettings = DEFAULT_SETTINGS,
  ) {
    this.settings = settings;
    this.uris = new WorkspaceUris(root);
    const started = Date.now();
    this.loading = WorkspaceState.load(root, this.stateOptions()).then(async (state) => {
      this.state = state;
      this.validateNow();
      events.log(`kpi: indexed ${state.fileNames().length} files in ${Date.now() - started} ms`);
      void this.refreshValues().catch(() => undefined);
      return state;
    });
  }

  /** The state once the workspace has been read; requests wait for it. */
  ready(): Promise<WorkspaceState> {
    return this.loading;
  }

  configure(settings: ServerSettings): void {
    this.settings = settings;
    void this.loading.then((state) => {
      state.configure(this.stateOptions());
      this.schedule();
    });
  }

  /** An editor opened or edited a file: its text replaces what is on disk. */
  async edit(uri: string, text: string): Promise<void> {
    const file = this.uris.fileOf(uri);
    if (!file || !fileKind(file)) return;
    this.open.add(file);
    if (!this.state) await this.publishEarly(file, text);
    const state = await this.loading;
    if (state.setFile(file, text)) this.schedule();
  }

  /**
   * While the workspace is being indexed, an opened file gets the diagnostics of the rules that
   * read only it and kpi.yaml at once; the first full pass completes them (cross-file rules).
   */
  private async publishEarly(file: string, text: string): Promise<void> {
    const project =
      file === PROJECT_FILE
        ? undefined
        : await readFile(join(this.root, PROJECT_FILE), "utf8").then(
            (projectText) => ({ file: PROJECT_FILE, text: projectText }),
            () => undefined,
          );
    if (this.state) return; // the index finished meanwhile: the full pass publishes
    const diagnostics = validateFileAlone(project, { file, text }, this.stateOptions());
    const early = this.publisher.early(file, diagnostics);
    this.events.publish(this.uris.uriOf(file), early.diagnostics);
  }

  /** The editor closed a file: the disk's version counts again. */
  async close(uri: string): Promise<void> {
    const file = this.uris.fileOf(uri);
    if (!file || !this.open.delete(file)) return;
    await this.syncFromDisk(file);
  }

  /** A file changed on disk (created, changed or deleted); open files keep the editor's text. */
  async diskChanged(uri: string): Promise<void> {
    const file = this.uris.fileOf(uri);
    if (!file) return;
    if (file.startsWith(".kpi/history/")) {
      await refreshValues(await this.loading).catch(() => undefined);
      this.events.valuesChanged();
      return;
    }
    if (!fileKind(file) || this.open.has(file)) return;
    await this.syncFromDisk(file);
  }

  async refreshValues(): Promise<void> {
    await refreshValues(await this.loading);
    this.events.valuesChanged();
  }

  /** The recorded values were reloaded elsewhere (after a run): the client should redraw its hints. */
  valuesChanged(): void {
    this.events.valuesChanged();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private async syncFromDisk(file: string): Promise<void> {
    const state = await this.loading;
    let text: string | undefined;
    try {
      text = await readFile(join(this.root, file), "utf8");
    } catch {
      text = undefined;
    }
    const changed = text === undefined ? state.deleteFile(file) : state.setFile(file, text);
    if (changed) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.validateNow(), this.settings.debounceMs);
  }

  private validateNow(): void {
    if (!this.state) return;
    for (const { file, diagnostics } of this.publisher.changes(this.state)) {
      this.events.publish(this.uris.uriOf(file), diagnostics);
    }
  }

  private stateOptions() {
    return this.settings.today ? { today: this.settings.today } : {};
  }
}
