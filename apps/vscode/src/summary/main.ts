// The summary worker: `node summary.mjs <workspace root>` prints the WorkspaceSummary as JSON.
// It runs outside the extension host so that the workspace model and the history reader (and
// their dependencies) never load into VS Code's own process.
import { resolve } from "node:path";
import { summarizeWorkspace } from "@kpi-as-code/language-service";
import { latestValues, loadWorkspace } from "@kpi-as-code/runner";

const root = resolve(process.argv[2] ?? ".");
try {
  const [workspace, latest] = await Promise.all([loadWorkspace(root), latestValues(root)]);
  process.stdout.write(`${JSON.stringify(summarizeWorkspace(root, workspace, latest))}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
