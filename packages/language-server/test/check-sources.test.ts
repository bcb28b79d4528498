import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, DocumentLink, FoldingRange, SemanticTokens } from "vscode-languageserver-types";
import { buildServer, copyWorkspace, LspProcess, REPO, removeWorkspace } from "./support/lsp-process.js";

// The editor's Check sources (spec 4.8) and the anchors' polish (semantic tokens, links, folding),
// through a real server process over stdio, on the SaaS example's embedded DuckDB.
const FILE = "first_week_activation.kpi.yaml";
const hasColumnError = (list: Diagnostic[]) =>
  list.some((diagnostic) => diagnostic.code === "measurability/unknown-column");

describe("Check sources in the language server", () => {
  let root: string;
  let lsp: LspProcess;
  let text: string;
  beforeAll(async () => {
    buildServer();
    root = copyWorkspace(join(REPO, "examples/saas"));
    // A misspelt time column: only the source can tell (the files name no columns).
    text = readFileSync(join(root, FILE), "utf8").replace(
      "aggregate: count\n    time: signed_up_at",
      "aggregate: count\n    time: signed_up_att",
    );
    writeFileSync(join(root, FILE), text);
    lsp = new LspProcess(root);
    const { capabilities } = await lsp.initialize({ debounceMs: 0, today: "2026-11-27" });
    expect(capabilities.executeCommandProvider?.commands).toContain("kpi.checkSources");
    expect(capabilities.semanticTokensProvider?.legend.tokenTypes).toContain("variable");
    expect(capabilities.documentLinkProvider).toBeDefined();
    expect(capabilities.foldingRangeProvider).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await lsp?.stop();
    if (root) removeWorkspace(root);
  });

  it("publishes an unknown column at its value, and drops it once the file changes", async () => {
    await lsp.open(FILE, text);
    const outcomes = await lsp.request<{ root: string; problems: number }[]>("workspace/executeCommand", {
      command: "kpi.checkSources",
      arguments: [],
    });
    expect(outcomes).toEqual([expect.objectContaining({ root, problems: 1 })]);
    const published = await lsp.diagnosticsFor(FILE, hasColumnError);
    const found = published.filter((diagnostic) => diagnostic.code === "measurability/unknown-column");
    const line = text.split("\n").findIndex((row) => row.endsWith("time: signed_up_att"));
    const character = "    time: ".length;
    expect(found.map((diagnostic) => diagnostic.range)).toEqual([
      { start: { line, character }, end: { line, character: character + "signed_up_att".length } },
    ]);
    // The fix: the file changes, and what the source said about the old text is gone.
    await lsp.change(FILE, text.replace("signed_up_att", "signed_up_at"), 2);
    const after = await lsp.diagnosticsFor(FILE, (list) => !hasColumnError(list));
    expect(hasColumnError(after)).toBe(false);
  }, 120_000);

  it("colours the formula, links the tables and folds the measures", async () => {
    const textDocument = { uri: lsp.uri(FILE) };
    const tokens = await lsp.request<SemanticTokens>("textDocument/semanticTokens/full", { textDocument });
    // activated / signups: two measures (variable) and an operator, five integers each.
    expect(tokens.data.length).toBe(15);
    const folds = await lsp.request<FoldingRange[]>("textDocument/foldingRange", { textDocument });
    const lines = text.split("\n");
    expect(folds.map((fold) => lines[fold.startLine]?.trim())).toEqual(
      expect.arrayContaining(["measures:", "target:"]),
    );
    const links = await lsp.request<DocumentLink[]>("textDocument/documentLink", {
      textDocument: { uri: lsp.uri("kpi.yaml") },
    });
    expect(links.map((link) => link.target?.slice(link.target.lastIndexOf("/") + 1)).sort()).toEqual([
      "marketing_spend.csv",
      "payments.parquet",
      "subscriptions.parquet",
      "users.parquet",
      "web_traffic.csv",
    ]);
  }, 120_000);
});
