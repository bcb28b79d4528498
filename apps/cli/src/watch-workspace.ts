import { basename } from "node:path";
import { watch } from "chokidar";

export interface WatchHandlers {
  /** Whether a changed path matters (KPI files, kpi.yaml, a data file...). */
  relevant(path: string): boolean;
  /** Called once per burst of relevant changes, never while a previous call still runs. */
  changed(paths: string[]): Promise<void>;
}

/**
 * The watch loop of `kpi validate --watch` and `kpi run --watch`: watches the workspace (not
 * node_modules or dot folders), debounces bursts of changes, runs the handler one burst at a time
 * (a failure is reported and watching goes on), and returns when interrupted (Ctrl+C, SIGTERM).
 */
export async function watchWorkspace(
  root: string,
  debounceMs: number,
  handlers: WatchHandlers,
): Promise<void> {
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (path) => {
      const name = basename(path);
      return name === "node_modules" || (name.startsWith(".") && path !== root);
    },
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  watcher.on("all", (_event, path) => {
    if (!handlers.relevant(path)) return;
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending = new Set();
      running = running
        .then(() => handlers.changed(paths))
        .catch((error: unknown) => {
          process.stderr.write(`kpi: ${error instanceof Error ? error.message : String(error)}\n`);
        });
    }, debounceMs);
  });
  await new Promise<void>((ready) => watcher.once("ready", () => ready()));
  process.stderr.write("Watching for changes (Ctrl+C to stop)…\n");
  await new Promise<void>((stopped) => {
    const stop = () => {
      clearTimeout(timer);
      void watcher.close().then(() => stopped());
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
