import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository's root, which the language-server benchmarks' tests run from. */
export const REPO = resolve(import.meta.dirname, "../..");

/**
 * Builds the language server and what it bundles unless their bundles exist: `npm test` builds
 * first, a lone run of a benchmark's test builds here.
 */
export function buildServerIfMissing(): void {
  const bundles = ["packages/core/dist/bundle/index.js", "packages/language-server/dist/bundle/bin.js"];
  if (bundles.every((file) => existsSync(join(REPO, file)))) return;
  const build = [
    "turbo",
    "run",
    "build",
    "--filter=@kpi-as-code/language-server...",
    "--output-logs=errors-only",
  ];
  execFileSync("npx", build, { cwd: REPO, stdio: "inherit" });
}
