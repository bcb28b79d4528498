import { execFile } from "node:child_process";
import { join } from "node:path";

/** The node programs bundled next to the extension (see esbuild.mjs). */
export const BUNDLED = {
  server: "dist/server.mjs",
  cli: "dist/kpi.mjs",
  summary: "dist/summary.mjs",
} as const;

export interface ToolOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a bundled program with the node that runs the extension host (in desktop VS Code that is
 * Electron, which behaves as node with ELECTRON_RUN_AS_NODE). It never throws for a non-zero exit:
 * the CLI's exit code means something (1: the checked thing failed, 2: could not run).
 */
export function runBundled(
  extensionPath: string,
  program: keyof typeof BUNDLED,
  args: readonly string[],
  cwd: string,
): Promise<ToolOutput> {
  const script = join(extensionPath, BUNDLED[program]);
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: "1", NO_COLOR: "1", FORCE_COLOR: "0" };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 2) : 0;
        resolve({
          code,
          stdout,
          stderr: stderr || (error && typeof error.code !== "number" ? error.message : ""),
        });
      },
    );
  });
}
