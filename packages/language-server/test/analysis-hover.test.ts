import { writeAnalysis } from "@kpi-as-code/runner/history";
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver-types";
import { serverPerTest } from "./support/server-per-test.js";
import { ACTIVATION_FILE, FILES } from "./support/workspace.js";

const servers = serverPerTest();

describe("the language server and kpi analyze", () => {
  it("shows a leading KPI's verdict on hover once .kpi/analysis.json is written and reported", async () => {
    const lsp = await servers.spawn(FILES);
    await lsp.initialize({ debounceMs: 0, today: "2026-11-27" });
    await lsp.open(ACTIVATION_FILE, FILES[ACTIVATION_FILE]);
    // The values (and the analysis) were read once the workspace was indexed.
    await lsp.inlayHintsRefreshed(1);
    // `activation` on its first line.
    const at = { textDocument: { uri: lsp.uri(ACTIVATION_FILE) }, position: { line: 0, character: 8 } };
    const hoverText = async () =>
      JSON.stringify((await lsp.request<Hover>("textDocument/hover", at)).contents);
    expect(await hoverText()).not.toContain("Leads");
    await writeAnalysis(servers.root, {
      today: "2026-11-27",
      periods: 12,
      maxLag: 3,
      pairs: [
        { goal: "g", leading: "activation", lagging: "churn", lag: 1, r: 0.7, n: 9, verdict: "supports" },
      ],
    });
    await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: lsp.uri(".kpi/analysis.json"), type: 1 }],
    });
    // Reloaded: the server asks the client to refresh what shows values.
    await lsp.inlayHintsRefreshed(2);
    const shown = await hoverText();
    expect(shown).toContain("Leads `churn`? **supports** (r = 0.70 at lag 1, n = 9)");
  });
});
