import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-types";
import { buildServer, removeWorkspace, SERVER_BIN, writeWorkspace } from "./support/lsp-process.js";
import { expected, GROWTH, SUPPORT, shape, under } from "./support/two-workspaces.js";
import { CHURN_FILE, FILES, kpiText } from "./support/workspace.js";

const hasNeovim = spawnSync("nvim", ["--version"]).status === 0;
if (!hasNeovim)
  console.warn("skipping the Neovim client test: nvim is not installed (apt-get install -y neovim)");

/**
 * Runs headless Neovim with no user config on one of neovim/*.lua, which starts the built server
 * with `env` and writes what it collected to `root`/diagnostics.json; returns that JSON.
 */
function runNeovim(script: string, root: string, env: Record<string, string>): unknown {
  const out = join(root, "diagnostics.json");
  execFileSync(
    "nvim",
    [
      "--headless",
      "-u",
      "NONE",
      "-i",
      "NONE",
      "-c",
      `luafile ${join(import.meta.dirname, "neovim", script)}`,
    ],
    {
      env: { ...process.env, KPI_SERVER: SERVER_BIN, ...env, KPI_OUT: out },
      timeout: 90_000,
      stdio: "ignore",
    },
  );
  return JSON.parse(readFileSync(out, "utf8"));
}

describe.skipIf(!hasNeovim)("Neovim as the client", () => {
  let root: string;
  beforeAll(() => {
    buildServer();
    root = writeWorkspace({
      ...FILES,
      [CHURN_FILE]: kpiText("churn", "keep_customer").replace("cadence: monthly", "cadence: hourly"),
    });
  }, 120_000);
  afterAll(() => removeWorkspace(root));

  it("receives the diagnostics of an opened file, rule ids as codes", () => {
    const result = runNeovim("collect-diagnostics.lua", root, {
      KPI_ROOT: root,
      KPI_FILE: join(root, CHURN_FILE),
    }) as { ok: boolean; diagnostics: { code: string; range: unknown }[] };
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code).sort()).toEqual([
      "alignment/unknown-goal",
      "schema",
    ]);
    expect(result.diagnostics.find((diagnostic) => diagnostic.code === "schema")?.range).toEqual({
      start: { line: 9, character: 9 },
      end: { line: 9, character: 15 },
    });
  }, 120_000);
});

/** The files of the two workspaces that have diagnostics (by path relative to the workspace). */
const WITH_DIAGNOSTICS = [
  ["growth", GROWTH, "metrics/churn.kpi.yaml"],
  ["support", SUPPORT, "metrics/orphan.kpi.yaml"],
  ["support", SUPPORT, "metrics/first_response.kpi.yaml"],
] as const;

describe.skipIf(!hasNeovim)("Neovim as the client of several workspaces", () => {
  beforeAll(() => buildServer(), 120_000);

  /** Runs Neovim with these folders until every file of WITH_DIAGNOSTICS (below `prefix`) has some. */
  function collect(root: string, folders: string[], prefix: string) {
    const files = WITH_DIAGNOSTICS.map(([workspace, , file]) => join(root, prefix, workspace, file));
    return runNeovim("collect-workspaces.lua", root, {
      KPI_FOLDERS: folders.join(";"),
      KPI_FILES: files.join(";"),
    }) as {
      ok: boolean;
      diagnostics: Record<string, { code: string; range: Diagnostic["range"] }[]>;
    };
  }

  function expectOwnDiagnostics(root: string, prefix: string, result: ReturnType<typeof collect>) {
    expect(result.ok).toBe(true);
    for (const [workspace, files, file] of WITH_DIAGNOSTICS) {
      const got = result.diagnostics[join(root, prefix, workspace, file)] ?? [];
      expect(shape(got as Diagnostic[])).toEqual(shape(expected(files).get(file) ?? []));
    }
    const all = Object.values(result.diagnostics)
      .flat()
      .map((diagnostic) => diagnostic.code);
    expect(all).not.toContain("id/duplicate");
    expect(all).not.toContain("schema");
  }

  it("gets each workspace folder's own diagnostics", () => {
    const root = writeWorkspace({ ...under("growth", GROWTH), ...under("support", SUPPORT) });
    try {
      const result = collect(root, [join(root, "growth"), join(root, "support")], "");
      expectOwnDiagnostics(root, "", result);
    } finally {
      removeWorkspace(root);
    }
  }, 120_000);

  it("gets the diagnostics of the workspaces nested in one folder", () => {
    const root = writeWorkspace({ ...under("teams/growth", GROWTH), ...under("teams/support", SUPPORT) });
    try {
      expectOwnDiagnostics(root, "teams", collect(root, [root], "teams"));
    } finally {
      removeWorkspace(root);
    }
  }, 120_000);
});
