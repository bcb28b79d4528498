import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const HISTORY_ENTRY = resolve(import.meta.dirname, "../../src/history/index.ts");

/**
 * A separate Node process that records runs in a loop, printing each loop index once its run is
 * recorded. The history module is bundled to plain JS first, because a child process cannot load
 * TypeScript sources the way vitest does.
 */
export async function prepareWriter(folder: string): Promise<string> {
  const bundle = join(folder, "history.mjs");
  await build({
    entryPoints: [HISTORY_ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: bundle,
  });
  const script = join(folder, "writer.mjs");
  writeFileSync(
    script,
    `const [bundle, root, writer, count, padding] = process.argv.slice(2);
const { recordRun } = await import(bundle);
const period = { start: "2026-10-01", end: "2026-11-01" };
const result = (kpi, i) => ({
  kpi, version: 1, period, value: i, measures: { writer: Number(writer), i },
  status: "on_track", target: null, definitionHash: "h", error: "x".repeat(Number(padding)),
});
for (let i = 0; i < Number(count); i++) {
  await recordRun(root, { period, results: [result("shared", i), result("own_" + writer, i)] });
  process.stdout.write(i + "\\n");
}
`,
  );
  return script;
}

export interface WriterOptions {
  script: string;
  root: string;
  writer: number;
  count: number;
  paddingBytes: number;
  /** Called with each index whose run was recorded. */
  onRecorded?: (index: number) => void;
}

export function startWriter(options: WriterOptions) {
  const bundle = join(options.script, "..", "history.mjs");
  const child = spawn(
    process.execPath,
    [
      options.script,
      bundle,
      options.root,
      String(options.writer),
      String(options.count),
      String(options.paddingBytes),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let pending = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) options.onRecorded?.(Number(line));
  });
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (done) => {
      child.on("exit", (code, signal) => done({ code, signal, stderr }));
    },
  );
  return { child, exited };
}
