import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Hover, SymbolInformation } from "vscode-languageserver-types";
import { buildServer, LspProcess, removeWorkspace, writeWorkspace } from "./support/lsp-process.js";
import { CHURN_FILE, FILES, kpiText } from "./support/workspace.js";

// Enough KPIs that the answers below (every workspace symbol, many times) are megabytes: far more
// than a pipe holds, so the server's writes wait for the client to read.
const KPIS = 400;
const REQUESTS = 40;
const bulk = Object.fromEntries(
  Array.from({ length: KPIS }, (_, i) => [`bulk/k${i}.kpi.yaml`, kpiText(`k${i}`, "grow_active_customers")]),
);

let root: string | undefined;
beforeAll(() => buildServer(), 180_000);
afterEach(() => {
  if (root) removeWorkspace(root);
  root = undefined;
});

/**
 * A server on the bulk workspace, indexed (the summary waits for the index), churn opened, and the
 * answer to expect for every workspace symbol request.
 */
async function indexedServer(): Promise<{ lsp: LspProcess; symbols: SymbolInformation[] }> {
  root = writeWorkspace({ ...FILES, ...bulk });
  const lsp = new LspProcess(root);
  await lsp.initialize();
  await lsp.request("kpi/workspaceSummary", { root });
  await lsp.open(CHURN_FILE, FILES[CHURN_FILE]);
  const symbols = await lsp.request<SymbolInformation[]>("workspace/symbol", { query: "" });
  expect(symbols.length).toBeGreaterThan(KPIS);
  return { lsp, symbols };
}

/** Sends every request at once without waiting for any answer. */
function burst(lsp: LspProcess): Promise<unknown>[] {
  const textDocument = { uri: lsp.uri(CHURN_FILE) };
  return Array.from({ length: REQUESTS }, (_, i) =>
    i % 2 === 0
      ? lsp.request<SymbolInformation[]>("workspace/symbol", { query: "" })
      : lsp.request<Hover>("textDocument/hover", { textDocument, position: { line: 5, character: 8 } }),
  );
}

function expectEveryAnswer(answers: unknown[], symbols: SymbolInformation[]): void {
  expect(answers).toHaveLength(REQUESTS);
  answers.forEach((answer, i) => {
    if (i % 2 === 0) expect(answer).toEqual(symbols);
    else expect(JSON.stringify((answer as Hover).contents)).toContain("Keep monthly churn");
  });
}

describe("the server's exit", () => {
  it("answers every request it read before its client closed stdin, then exits 1", async () => {
    const { lsp, symbols } = await indexedServer();
    const answers = burst(lsp);
    // The client writes in order: once this notification is written, so are the requests.
    await lsp.connection.sendNotification("$/written");
    const code = await lsp.closeInput();
    expectEveryAnswer(await Promise.all(answers), symbols);
    expect(code).toBe(1);
    lsp.connection.dispose();
  }, 60_000);

  it("answers every request sent before shutdown and exit, then exits 0", async () => {
    const { lsp, symbols } = await indexedServer();
    const answers = burst(lsp);
    // Answered after reading the recorded values from disk: still pending when exit is read.
    const summary = lsp.request<{ goals: unknown[] }>("kpi/workspaceSummary", { root });
    const shutdown = lsp.request("shutdown", null);
    void lsp.connection.sendNotification("exit");
    expect(await lsp.exited).toBe(0);
    expectEveryAnswer(await Promise.all(answers), symbols);
    expect((await summary).goals).toHaveLength(2);
    expect(await shutdown).toBeNull();
    lsp.connection.dispose();
  }, 60_000);
});
