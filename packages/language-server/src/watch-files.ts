import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { fileKind } from "@kpi-as-code/core";

/** The globs the server asks an LSP client to watch: KPI files, the project file, the run history, the last analysis. */
export const WATCHED_GLOBS = [
  "**/*.kpi.yaml",
  "**/*.kpi.yml",
  "**/kpi.yaml",
  "**/.kpi/history/*.jsonl",
  "**/.kpi/analysis.json",
];

/**
 * For clients that cannot register file watchers: chokidar on the workspace, reporting the same
 * URIs didChangeWatchedFiles would, and calling `onReady` once every folder is watched (a change
 * after that is seen). Returns a function that stops watching. chokidar is loaded only here: most
 * clients watch for the server, which then starts without it.
 */
export function watchWithChokidar(
  root: string,
  onChange: (uri: string) => void,
  onReady: () => void = () => undefined,
): () => Promise<void> {
  const watching = import("chokidar").then(({ watch }) => {
    const watcher = watch(root, {
      ignoreInitial: true,
      ignored: (path) => {
        const name = basename(path);
        if (path === root || name === ".kpi" || path.includes("/.kpi/history")) return false;
        return name === "node_modules" || name.startsWith(".");
      },
    });
    watcher.on("ready", onReady);
    watcher.on("all", (_event, path) => {
      if (fileKind(basename(path)) || path.includes("/.kpi/history/") || path.endsWith("/.kpi/analysis.json"))
        onChange(pathToFileURL(path).href);
    });
    return watcher;
  });
  return async () => (await watching).close();
}

/** One chokidar watcher per path (see watchWithChokidar), kept in step with the paths to watch. */
export class FolderWatchers {
  private readonly stops = new Map<string, () => Promise<void>>();

  constructor(
    private readonly onChange: (uri: string) => void,
    private readonly onReady: (path: string) => void,
  ) {}

  update(paths: readonly string[]): void {
    for (const [path, stop] of this.stops) {
      if (paths.includes(path)) continue;
      this.stops.delete(path);
      void stop().catch(() => undefined);
    }
    for (const path of paths) {
      if (!this.stops.has(path))
        this.stops.set(
          path,
          watchWithChokidar(path, this.onChange, () => this.onReady(path)),
        );
    }
  }

  async close(): Promise<void> {
    const stops = [...this.stops.values()];
    this.stops.clear();
    await Promise.all(stops.map((stop) => stop().catch(() => undefined)));
  }
}
