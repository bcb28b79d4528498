import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findWorkspaceRoot, findWorkspaces, isInside, PROJECT_FILE } from "@kpi-as-code/core";
import type { Diagnostic } from "vscode-languageserver-types";
import { Session, type SessionEvents } from "./session.js";
import { DEFAULT_SETTINGS, type ServerSettings } from "./settings.js";

/** An editor document as the server holds it (TextDocuments' documents). */
export interface OpenDocument {
  readonly uri: string;
  getText(): string;
}

/**
 * Every KPI workspace the editor's folders hold, one Session (one index) each. A file belongs to the
 * nearest kpi.yaml upwards (core's findWorkspaceRoot); the workspaces of a folder are the one it lies
 * in and every one below it (core's findWorkspaces). A folder with no kpi.yaml above or below is
 * served as a workspace of its own, so that its KPI files are told kpi.yaml is missing.
 */
export class Workspaces {
  private readonly folders = new Set<string>();
  private readonly sessions = new Map<string, Session>();
  /** Folders served without a kpi.yaml (see above). */
  private readonly bare = new Set<string>();
  /** The workspace root of each folder asked about, until the workspaces change. */
  private readonly rootOfDir = new Map<string, string | undefined>();
  /**
   * What each workspace last published per URI, when not empty. A nested kpi.yaml has diagnostics of
   * two workspaces (its own, and the outer one's workspace/nested): the client gets them together.
   */
  private readonly published = new Map<string, Map<string, Diagnostic[]>>();
  private settings: ServerSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly events: SessionEvents,
    /** The documents open in the editor: a workspace started later takes their text. */
    private readonly openDocuments: () => readonly OpenDocument[],
  ) {}

  /** Adds and removes editor folders (absolute paths), then serves exactly the workspaces they hold. */
  changeFolders(added: readonly string[], removed: readonly string[] = []): void {
    for (const folder of removed) this.folders.delete(resolve(folder));
    for (const folder of added) this.folders.add(resolve(folder));
    this.discover();
  }

  /** The served workspaces, by root. */
  all(): Session[] {
    return [...this.sessions.keys()].sort().map((root) => this.sessions.get(root) as Session);
  }

  get(root: string): Session | undefined {
    return this.sessions.get(resolve(root));
  }

  /** Editor folders and the workspaces above them: what a file watcher must cover. */
  watchedPaths(): string[] {
    const paths = [...new Set([...this.folders, ...this.sessions.keys()])].sort();
    return paths.filter((path) => !paths.some((other) => other !== path && isInside(other, path)));
  }

  /** The workspace a document belongs to; undefined outside every served workspace. */
  sessionOf(uri: string): Session | undefined {
    if (!uri.startsWith("file:")) return undefined;
    const dir = dirname(fileURLToPath(uri));
    if (!this.rootOfDir.has(dir)) this.rootOfDir.set(dir, this.route(dir));
    const root = this.rootOfDir.get(dir);
    return root === undefined ? undefined : this.sessions.get(root);
  }

  configure(settings: ServerSettings): void {
    this.settings = settings;
    for (const session of this.sessions.values()) session.configure(settings);
  }

  /** Whether every workspace served now is indexed. */
  async ready(): Promise<void> {
    await Promise.all(this.all().map((session) => session.ready()));
  }

  /**
   * A file changed on disk. A kpi.yaml created or deleted changes which workspaces there are (and
   * which files the one around it owns): they are discovered again first.
   */
  async diskChanged(uri: string): Promise<void> {
    if (uri.startsWith("file:") && uri.endsWith(`/${PROJECT_FILE}`)) {
      const dir = dirname(fileURLToPath(uri));
      const isWorkspace = this.sessions.has(dir) && !this.bare.has(dir);
      if (existsSync(join(dir, PROJECT_FILE)) !== isWorkspace) this.discover();
    }
    await this.sessionOf(uri)?.diskChanged(uri);
  }

  /** The server shuts down: indexing stops (the client clears what it shows itself). */
  dispose(): void {
    for (const session of this.sessions.values()) session.dispose(false);
    this.sessions.clear();
  }

  /**
   * Serves the workspaces the folders hold now: a workspace no longer there is disposed (its
   * diagnostics cleared), a new one started. One that gained or lost a workspace inside it owns
   * other files now, so it is indexed again.
   */
  private discover(): void {
    this.rootOfDir.clear();
    this.bare.clear();
    const roots = new Set<string>();
    for (const folder of this.folders) {
      const found = workspacesOf(folder);
      for (const root of found) roots.add(root);
      if (found.length === 0 && existsSync(folder)) {
        roots.add(folder);
        this.bare.add(folder);
      }
    }
    const before = new Set(this.sessions.keys());
    const changed = [...roots].filter((root) => !before.has(root));
    changed.push(...[...before].filter((root) => !roots.has(root)));
    const started: Session[] = [];
    for (const root of [...roots].sort()) {
      const session = this.sessions.get(root);
      const regained = changed.some((other) => other !== root && isInside(root, other));
      if (session && !regained) continue;
      session?.dispose();
      const fresh = new Session(root, this.eventsOf(root), this.settings);
      this.sessions.set(root, fresh);
      started.push(fresh);
    }
    for (const root of before) {
      if (roots.has(root)) continue;
      this.sessions.get(root)?.dispose();
      this.sessions.delete(root);
    }
    for (const document of this.openDocuments()) {
      const session = this.sessionOf(document.uri);
      if (session && started.includes(session)) session.edit(document.uri, document.getText());
    }
  }

  private eventsOf(root: string): SessionEvents {
    return {
      ...this.events,
      publish: (uri, diagnostics) => {
        const byRoot = this.published.get(uri) ?? new Map<string, Diagnostic[]>();
        if (diagnostics.length > 0) byRoot.set(root, diagnostics);
        else byRoot.delete(root);
        if (byRoot.size > 0) this.published.set(uri, byRoot);
        else this.published.delete(uri);
        const lists = [...byRoot.values()];
        this.events.publish(uri, lists.length === 1 ? (lists[0] as Diagnostic[]) : lists.flat());
      },
    };
  }

  private route(dir: string): string | undefined {
    const nearest = findWorkspaceRoot(dir);
    if (nearest) return this.sessions.has(nearest) && !this.bare.has(nearest) ? nearest : undefined;
    return [...this.bare].find((folder) => isInside(folder, dir));
  }
}

/** The workspace a folder lies in (nearest kpi.yaml upwards) and every workspace below it. */
function workspacesOf(folder: string): string[] {
  const roots = new Set<string>();
  const around = findWorkspaceRoot(folder);
  if (around) roots.add(around);
  try {
    for (const root of findWorkspaces(folder)) roots.add(root);
  } catch {
    // The folder is gone or cannot be listed: it holds no workspace.
  }
  return [...roots];
}
