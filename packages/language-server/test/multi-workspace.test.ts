import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type {
  CodeLens,
  CompletionItem,
  Diagnostic,
  Location,
  SymbolInformation,
  WorkspaceEdit,
} from "vscode-languageserver-types";
import { codes, type LspProcess, writeFile } from "./support/lsp-process.js";
import { serverPerTest } from "./support/server-per-test.js";
import { expected, GROWTH, SUPPORT, SUPPORT_PROJECT, shape, TODAY, under } from "./support/two-workspaces.js";

/**
 * Every file of the workspace at `prefix` ends with exactly its own workspace's diagnostics. A file
 * with none may never be published; one validation pass publishes every file, so once the others
 * arrived, its (absent or empty) list is final.
 */
async function expectDiagnostics(
  lsp: LspProcess,
  prefix: string,
  files: Record<string, string>,
  nested = false,
) {
  const all = [...expected(files, nested)];
  for (const [file, list] of all.filter(([, list]) => list.length > 0)) {
    const want = JSON.stringify(shape(list));
    const got = await lsp.diagnosticsFor(
      `${prefix}/${file}`,
      (published) => JSON.stringify(shape(published)) === want,
    );
    expect(shape(got)).toEqual(shape(list));
  }
  for (const [file] of all.filter(([, list]) => list.length === 0))
    expect(lsp.diagnostics.get(lsp.uri(`${prefix}/${file}`)) ?? []).toEqual([]);
}

const servers = serverPerTest();

async function start(files: Record<string, string>, folders: string[]): Promise<LspProcess> {
  const server = await servers.spawn(files);
  const { capabilities } = await server.initialize({ debounceMs: 0, today: TODAY }, true, folders);
  // What tells a client to send every folder and their changes.
  expect(capabilities.workspace?.workspaceFolders).toEqual({ supported: true, changeNotifications: true });
  // Nothing is published before the initialize result, which vscode-languageclient would drop.
  expect(server.publishedBeforeInitialize).toBe(0);
  return server;
}

describe("several KPI workspaces in one editor window", () => {
  it("sanity: the fixtures differ across workspaces where it matters", () => {
    const growth = expected(GROWTH);
    const support = expected(SUPPORT);
    expect(codes(growth.get("metrics/churn.kpi.yaml") ?? [])).toContain("ownership/unknown-owner");
    expect(codes(support.get("metrics/orphan.kpi.yaml") ?? [])).toContain("alignment/unknown-goal");
    expect(codes(support.get("metrics/first_response.kpi.yaml") ?? [])).toContain(
      "measurability/unknown-reference",
    );
    expect(codes(growth.get("metrics/activation.kpi.yaml") ?? [])).not.toContain(
      "measurability/unknown-reference",
    );
  });

  it("serves every workspace folder, each with its own index", async () => {
    const lsp = await start({ ...under("growth", GROWTH), ...under("support", SUPPORT) }, [
      "growth",
      "support",
    ]);
    await expectDiagnostics(lsp, "growth", GROWTH);
    await expectDiagnostics(lsp, "support", SUPPORT);
    const all = [...lsp.diagnostics.values()].flat();
    expect(codes(all)).not.toContain("id/duplicate");
    expect(codes(all)).not.toContain("schema");
  });

  it("serves the workspaces nested in one folder (nearest kpi.yaml), none across them", async () => {
    const lsp = await start({ ...under("teams/growth", GROWTH), ...under("teams/support", SUPPORT) }, [""]);
    await expectDiagnostics(lsp, "teams/growth", GROWTH);
    await expectDiagnostics(lsp, "teams/support", SUPPORT);
    const all = [...lsp.diagnostics.values()].flat();
    expect(codes(all)).not.toContain("id/duplicate");
    expect(codes(all)).not.toContain("schema");

    // Definition, references, rename and completion stay in the file's own workspace, although
    // both kpi.yaml define keep_customers and both workspaces have a KPI churn.
    const churn = lsp.uri("teams/support/metrics/churn.kpi.yaml");
    const onGoal = { textDocument: { uri: churn }, position: { line: 5, character: 8 } };
    const definition = await lsp.request<Location[]>("textDocument/definition", onGoal);
    expect(definition.map((location) => location.uri)).toEqual([lsp.uri("teams/support/kpi.yaml")]);
    const references = await lsp.request<Location[]>("textDocument/references", {
      ...onGoal,
      context: { includeDeclaration: true },
    });
    expect(references.length).toBeGreaterThan(1);
    for (const { uri } of references) expect(uri.startsWith(lsp.uri("teams/support/"))).toBe(true);
    const edit = await lsp.request<WorkspaceEdit>("textDocument/rename", { ...onGoal, newName: "retain" });
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([lsp.uri("teams/support/kpi.yaml"), churn].sort());
    const items = await lsp.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: lsp.uri("teams/support/metrics/orphan.kpi.yaml") },
      position: { line: 5, character: 6 },
    });
    expect(items.map((item) => item.label)).toEqual(["answer_fast", "keep_customers"]);
    // A formula naming a KPI of the other workspace resolves nowhere.
    const activation = await lsp.request<Location[] | null>("textDocument/definition", {
      textDocument: { uri: lsp.uri("teams/support/metrics/first_response.kpi.yaml") },
      position: { line: 10, character: 18 },
    });
    expect(activation ?? []).toEqual([]);

    // Workspace symbols and the summary cover every workspace; the lens names its own.
    const symbols = await lsp.request<SymbolInformation[]>("workspace/symbol", { query: "churn" });
    expect(symbols.map((symbol) => symbol.location.uri).sort()).toEqual(
      [lsp.uri("teams/growth/metrics/churn.kpi.yaml"), churn].sort(),
    );
    const lenses = await lsp.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: churn } });
    expect(lenses[0]?.command?.arguments).toEqual(["churn", join(servers.root, "teams/support")]);
    // Run without a workspace (an older client): a KPI id of two workspaces is refused, not guessed.
    await expect(
      lsp.request("workspace/executeCommand", { command: "kpi.runKpi", arguments: ["churn"] }),
    ).rejects.toMatchObject({ code: -32602 });
    type Summary = { root: string; goals: { id: string }[]; workspaces: { root: string }[] };
    const whole = await lsp.request<Summary>("kpi/workspaceSummary", { root: servers.root });
    expect(whole.goals).toEqual([]);
    expect(whole.workspaces.map((summary) => summary.root)).toEqual([
      join(servers.root, "teams/growth"),
      join(servers.root, "teams/support"),
    ]);
    const one = await lsp.request<Summary>("kpi/workspaceSummary", {
      root: join(servers.root, "teams/growth"),
    });
    expect(one.goals.map((goal) => goal.id)).toEqual(["grow_active_customers", "keep_customers"]);
    expect(one.workspaces.map((summary) => summary.root)).toEqual([join(servers.root, "teams/growth")]);
    expect((await lsp.request<Summary>("kpi/workspaceSummary", {})).workspaces).toHaveLength(2);
  });

  it("says which workspace owns the files below a kpi.yaml nested in another", async () => {
    const lsp = await start({ ...GROWTH, ...under("teams/support", SUPPORT) }, [""]);
    // On the nested kpi.yaml (teams/support/kpi.yaml:1:1), with that workspace's own diagnostics.
    await expectDiagnostics(lsp, "teams/support", SUPPORT, true);
    expect(shape(await lsp.diagnosticsFor("metrics/churn.kpi.yaml", (list) => list.length > 0))).toEqual(
      shape(expected(GROWTH).get("metrics/churn.kpi.yaml") ?? []),
    );
  });

  it("follows workspace folders added and removed (clearing what the removed one showed)", async () => {
    const lsp = await start({ ...under("growth", GROWTH), ...under("support", SUPPORT) }, ["growth"]);
    await expectDiagnostics(lsp, "growth", GROWTH);
    expect(lsp.diagnostics.has(lsp.uri("support/metrics/orphan.kpi.yaml"))).toBe(false);
    await lsp.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: { added: [lsp.folder("support")], removed: [] },
    });
    await expectDiagnostics(lsp, "support", SUPPORT);
    // A folder of another file system, and one that does not exist, are served as nothing.
    await lsp.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
      event: {
        added: [{ uri: "vscode-vfs://github/acme/kpis", name: "remote" }, lsp.folder("missing")],
        removed: [lsp.folder("growth")],
      },
    });
    expect(await lsp.diagnosticsFor("growth/metrics/churn.kpi.yaml", (list) => list.length === 0)).toEqual(
      [],
    );
    const items = await lsp.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: lsp.uri("support/metrics/orphan.kpi.yaml") },
      position: { line: 5, character: 6 },
    });
    expect(items.map((item) => item.label)).toEqual(["answer_fast", "keep_customers"]);
    const gone = await lsp.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: lsp.uri("growth/metrics/churn.kpi.yaml") },
      position: { line: 5, character: 6 },
    });
    expect(gone).toEqual([]);
  });

  it("discovers workspaces again when a kpi.yaml is created or deleted", async () => {
    // At first teams/support's files belong to the outer workspace (growth's kpi.yaml at the root).
    const support = Object.fromEntries(Object.entries(SUPPORT).filter(([file]) => file !== "kpi.yaml"));
    const lsp = await start({ ...GROWTH, ...under("teams/support", support) }, [""]);
    const orphan = "teams/support/metrics/orphan.kpi.yaml";
    const aligned = (list: Diagnostic[]) => !codes(list).includes("alignment/unknown-goal");
    await lsp.diagnosticsFor("metrics/churn.kpi.yaml", (list) => list.length > 0); // indexed
    expect(lsp.diagnostics.get(lsp.uri(orphan)) ?? []).toEqual([]);

    writeFile(servers.root, "teams/support/kpi.yaml", SUPPORT_PROJECT);
    await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: lsp.uri("teams/support/kpi.yaml"), type: 1 }],
    });
    await expectDiagnostics(lsp, "teams/support", SUPPORT, true);

    rmSync(join(servers.root, "teams/support/kpi.yaml"));
    await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: lsp.uri("teams/support/kpi.yaml"), type: 3 }],
    });
    expect(codes(await lsp.diagnosticsFor(orphan, aligned))).not.toContain("alignment/unknown-goal");
    expect(await lsp.diagnosticsFor("teams/support/kpi.yaml", (list) => list.length === 0)).toEqual([]);
    expect(lsp.alive).toBe(true);
  });
});
