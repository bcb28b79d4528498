import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InlayHint } from "vscode-languageserver-types";
import { buildServer, copyWorkspace, LspProcess, REPO, removeWorkspace } from "./support/lsp-process.js";

describe("the Run code lens", () => {
  let root: string;
  let lsp: LspProcess;
  beforeAll(async () => {
    buildServer();
    root = copyWorkspace(join(REPO, "examples/saas"));
    lsp = new LspProcess(root);
    await lsp.initialize({ debounceMs: 0, today: "2026-11-27" });
  }, 120_000);
  afterAll(async () => {
    // Undefined when the build in beforeAll failed: its error is the one to read.
    await lsp?.stop();
    if (root) removeWorkspace(root);
  });

  it("computes the KPI on DuckDB, records it, and the inlay hint shows the value", async () => {
    const file = "first_week_activation.kpi.yaml";
    const textDocument = { uri: lsp.uri(file) };
    // Opened first, as editors ask for lenses of open documents only (the rest may not be indexed yet).
    await lsp.open(file, readFileSync(join(root, file), "utf8"));
    const lenses = await lsp.request<{ command: { command: string; arguments: string[] } }[]>(
      "textDocument/codeLens",
      { textDocument },
    );
    // The KPI and its workspace (an editor window may hold several).
    expect(lenses.map((lens) => lens.command.arguments)).toEqual([["first_week_activation", root]]);
    const outcome = await lsp.request<{ kpi: string; value: number | null; status: string }>(
      "workspace/executeCommand",
      { command: lenses[0]?.command.command, arguments: lenses[0]?.command.arguments },
    );
    expect(outcome.kpi).toBe("first_week_activation");
    expect(outcome.value).toEqual(expect.any(Number));
    expect(readdirSync(join(root, ".kpi/history"))).toContain("first_week_activation.jsonl");
    expect(lsp.inlayHintRefreshes).toBeGreaterThan(0);
    const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
    const hints = await lsp.request<InlayHint[]>("textDocument/inlayHint", { textDocument, range });
    expect(hints[0]?.position.line).toBe(0);
    expect(String(hints[0]?.label)).toMatch(
      /^\d+(\.\d)?%, expected \d+(\.\d)?% now, 46% by 2027-03-31 · (on track|at risk|off track) · just now$/,
    );
  }, 120_000);

  it("shows recorded values after a restart without loading any database driver", async () => {
    // Runs after the test above, which recorded a value in `root`.
    const file = "first_week_activation.kpi.yaml";
    const restarted = new LspProcess(root);
    try {
      await restarted.initialize({ debounceMs: 0, today: "2026-11-27" });
      await restarted.open(file, readFileSync(join(root, file), "utf8"));
      const textDocument = { uri: restarted.uri(file) };
      const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
      // The server reads the recorded values once the workspace is indexed, then asks for a redraw.
      await restarted.inlayHintsRefreshed();
      const hints = await restarted.request<InlayHint[]>("textDocument/inlayHint", { textDocument, range });
      const label = String(hints[0]?.label ?? "");
      expect(label).toMatch(/^\d+(\.\d)?%, expected /);
      const loaded = readFileSync(`/proc/${restarted.pid}/maps`, "utf8");
      expect(loaded).not.toMatch(/duckdb|better_sqlite3/);
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});
