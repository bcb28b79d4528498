import { loadWorkspace } from "@kpi-as-code/runner";
import { EXIT } from "../cli-error.js";
import { watchWorkspace } from "../watch-workspace.js";
import { affectedKpis, mayAffectRun } from "./affected-kpis.js";

const DEBOUNCE_MS = 150;

/**
 * `kpi run --watch`: runs once, then re-runs the KPIs a change affects (see affectedKpis).
 * A failing run (a KPI file mid-edit) is reported and the watch goes on. Ctrl+C exits 0.
 */
export async function watchAndRun(
  root: string,
  run: (kpis: string[] | undefined) => Promise<number>,
): Promise<number> {
  const report = (error: unknown): void => {
    process.stderr.write(`kpi: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  await run(undefined).catch(report);
  let workspace = await loadWorkspace(root).catch(() => undefined);
  const rerun = async (changed: string[]) => {
    // Affected by the old definitions (a removed reference) or the new ones (an added one).
    const before = workspace;
    workspace = await loadWorkspace(root);
    const now = affectedKpis(workspace, root, changed);
    const then = before ? affectedKpis(before, root, changed) : { all: true as const };
    if (now.all || then.all) return void (await run(undefined));
    const known = new Set(workspace.kpis.flatMap((entry) => (entry.id ? [entry.id] : [])));
    const kpis = [...new Set([...now.kpis, ...then.kpis])].filter((kpi) => known.has(kpi)).sort();
    if (kpis.length === 0) return;
    process.stdout.write(`\n[${new Date().toLocaleTimeString()}] re-running ${kpis.join(", ")}\n`);
    await run(kpis);
  };
  await watchWorkspace(root, DEBOUNCE_MS, {
    relevant: (path) => (workspace ? mayAffectRun(workspace, root, path) : true),
    changed: rerun,
  });
  return EXIT.ok;
}
