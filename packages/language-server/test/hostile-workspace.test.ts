import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, Hover, SymbolInformation } from "vscode-languageserver-types";
import { buildServer, codes, LspProcess, removeWorkspace, writeWorkspace } from "./support/lsp-process.js";
import { CHURN_FILE, FILES } from "./support/workspace.js";

let server: LspProcess | undefined;
const cleanUp: string[] = [];
beforeAll(() => buildServer(), 180_000);
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const path of cleanUp.splice(0)) removeWorkspace(path);
});

const at = (lsp: LspProcess, file: string) => ({
  textDocument: { uri: lsp.uri(file) },
  position: { line: 5, character: 8 }, // on churn's goal
});

/** The server still answers from the workspace's good files. */
async function expectAnswers(lsp: LspProcess): Promise<void> {
  const hover = await lsp.request<Hover>("textDocument/hover", at(lsp, CHURN_FILE));
  expect(JSON.stringify(hover.contents)).toContain("Keep monthly churn");
  const items = await lsp.request<CompletionItem[]>("textDocument/completion", {
    ...at(lsp, CHURN_FILE),
    position: { line: 5, character: 6 },
  });
  expect(items.map((item) => item.label)).toEqual(["grow_active_customers", "keep_customers"]);
  expect(lsp.alive).toBe(true);
}

describe("the language server with a hostile file open", () => {
  it("answers hovers on other files while it validates a file of 40,000 top-level keys", async () => {
    const root = writeWorkspace(FILES);
    cleanUp.push(root);
    server = new LspProcess(root);
    const lsp = server;
    await lsp.initialize();
    await lsp.request("kpi/workspaceSummary", { root }); // indexed
    const huge = "metrics/huge.kpi.yaml";
    const text = Array.from({ length: 40_000 }, (_, i) => `key_${i}: ${i}\n`).join("");
    expect(text.length).toBeLessThan(1_000_000);
    void lsp.open(huge, text);
    await expectAnswers(lsp);
    const diagnostics = await lsp.diagnosticsFor(huge, (list) => list.length > 0);
    expect(codes(diagnostics)).toContain("schema");
    await expectAnswers(lsp); // and after it
  }, 180_000);
});

const canDropPrivileges = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

describe("the language server on a workspace of broken and hostile links", () => {
  it("indexes without crashing, reports each file it cannot read, and reads nothing outside", async () => {
    const root = writeWorkspace(FILES);
    const outside = mkdtempSync(join(tmpdir(), "kpi-lsp-outside-"));
    cleanUp.push(root, outside);
    const canary = join(outside, "secret.kpi.yaml");
    writeFileSync(canary, "kpi: CANARY_9f2c\nname: CANARY_9f2c\n");
    const metrics = join(root, "metrics");
    symlinkSync(join(metrics, "nowhere.kpi.yaml"), join(metrics, "dangling.kpi.yaml"));
    symlinkSync(join(metrics, "loop_b.kpi.yaml"), join(metrics, "loop_a.kpi.yaml"));
    symlinkSync(join(metrics, "loop_a.kpi.yaml"), join(metrics, "loop_b.kpi.yaml"));
    symlinkSync(canary, join(metrics, "outside.kpi.yaml"));
    symlinkSync(outside, join(root, "linked_out"));
    symlinkSync(metrics, join(metrics, "again")); // a folder loop
    execFileSync("mkfifo", [join(metrics, "fifo.kpi.yaml")]); // a read would wait for a writer
    writeFileSync(join(metrics, "locked.kpi.yaml"), "kpi: locked\n");
    chmodSync(join(metrics, "locked.kpi.yaml"), 0o000);
    mkdirSync(join(root, "closed"));
    writeFileSync(join(root, "closed/hidden.kpi.yaml"), "kpi: hidden\n");
    chmodSync(join(root, "closed"), 0o000);
    // Root reads any file: the server runs as nobody, for whom the last two are unreadable.
    if (canDropPrivileges) chmodSync(root, 0o755);
    server = new LspProcess(root, canDropPrivileges ? NOBODY : undefined);
    const lsp = server;
    await lsp.initialize();
    await lsp.request("kpi/workspaceSummary", { root }); // indexed
    await expectAnswers(lsp);

    const unreadable = ["dangling", "loop_a", "loop_b", "outside", "fifo", "locked"];
    for (const name of unreadable) {
      const list = await lsp.diagnosticsFor(`metrics/${name}.kpi.yaml`, (found) => found.length > 0);
      expect({ name, codes: codes(list) }).toEqual({ name, codes: ["file/unreadable"] });
    }
    expect(codes(await lsp.diagnosticsFor("closed", (found) => found.length > 0))).toEqual([
      "file/unreadable",
    ]);

    // Changes on disk reported by the client go through the same checks (a FIFO is not waited on).
    await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: ["fifo", "dangling", "outside"].map((name) => ({
        uri: lsp.uri(`metrics/${name}.kpi.yaml`),
        type: 2,
      })),
    });
    await expectAnswers(lsp);

    const symbols = await lsp.request<SymbolInformation[]>("workspace/symbol", { query: "" });
    const everything = JSON.stringify([symbols, [...lsp.diagnostics.values()], lsp.logs]);
    expect(everything).not.toContain("CANARY_9f2c");
    expect(symbols.some((symbol) => symbol.name === "churn")).toBe(true);
    chmodSync(join(root, "closed"), 0o755); // so that the workspace can be removed
  }, 120_000);
});
