import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, removeWorkspace, SERVER_BIN, writeWorkspace } from "./support/lsp-process.js";
import { CHURN_FILE, FILES, kpiText } from "./support/workspace.js";

const hasNeovim = spawnSync("nvim", ["--version"]).status === 0;
if (!hasNeovim)
  console.warn("skipping the Neovim client test: nvim is not installed (apt-get install -y neovim)");

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
        `luafile ${join(import.meta.dirname, "neovim/collect-diagnostics.lua")}`,
      ],
      {
        env: {
          ...process.env,
          KPI_SERVER: SERVER_BIN,
          KPI_ROOT: root,
          KPI_FILE: join(root, CHURN_FILE),
          KPI_OUT: out,
        },
        timeout: 90_000,
        stdio: "ignore",
      },
    );
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      ok: boolean;
      diagnostics: { code: string; range: unknown }[];
    };
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
