import { readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { validateFiles } from "@kpi-as-code/core";
import { toLspDiagnostic } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import type {
  CompletionItem,
  Hover,
  Location,
  SymbolInformation,
  WorkspaceEdit,
} from "vscode-languageserver-types";
import { codes, type LspProcess } from "./support/lsp-process.js";
import { serverPerTest } from "./support/server-per-test.js";
import { ACTIVATION_FILE, CHURN_FILE, FILES, kpiText } from "./support/workspace.js";

const TODAY = "2026-11-27";
const servers = serverPerTest();

async function start(files: Record<string, string> = FILES): Promise<LspProcess> {
  const server = await servers.spawn(files);
  await server.initialize({ debounceMs: 0, today: TODAY });
  return server;
}

describe("the language server over stdio", () => {
  it("initializes and publishes an opened file's diagnostics with the rule id as code", async () => {
    const typo = kpiText("churn", "keep_customer");
    const lsp = await start({ ...FILES, [CHURN_FILE]: typo });
    await lsp.open(CHURN_FILE, typo);
    const [diagnostic] = await lsp.diagnosticsFor(CHURN_FILE, (list) => list.length > 0);
    expect(diagnostic).toMatchObject({
      code: "alignment/unknown-goal",
      codeDescription: { href: expect.stringMatching(/docs\/rules\.md#alignment-unknown-goal$/) },
      range: { start: { line: 5, character: 6 } },
    });
  });

  it("exits when its client goes away: 0 after a shutdown request, 1 without", async () => {
    const lsp = await start();
    expect(await lsp.closeInput()).toBe(1);
    const polite = await start();
    await polite.request("shutdown", null);
    expect(await polite.closeInput()).toBe(0);
  });

  it("ends with the right diagnostics after 100 rapid edits", async () => {
    const lsp = await start();
    await lsp.open(CHURN_FILE, FILES[CHURN_FILE]);
    let text = "";
    for (let version = 2; version <= 101; version++) {
      text = kpiText("churn", version % 2 ? "keep_customers" : `goal_${version}`).replace(
        "version: 1",
        `version: ${version}`,
      );
      if (version === 101) text = text.replace("cadence: monthly", "cadence: hourly");
      void lsp.change(CHURN_FILE, text, version);
    }
    const files = Object.entries({ ...FILES, [CHURN_FILE]: text }).map(([file, content]) => ({
      file,
      text: content,
    }));
    const expected = validateFiles(files, { today: TODAY })
      .diagnostics.filter((diagnostic) => diagnostic.file === CHURN_FILE)
      .map(toLspDiagnostic);
    expect(codes(expected)).toEqual(["schema"]);
    expect(
      await lsp.diagnosticsFor(CHURN_FILE, (list) => JSON.stringify(list) === JSON.stringify(expected)),
    ).toEqual(expected);
  });

  it("follows deletes and renames on disk reported through didChangeWatchedFiles", async () => {
    const lsp = await start();
    const workspace = servers.root;
    rmSync(join(workspace, CHURN_FILE));
    await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: lsp.uri(CHURN_FILE), type: 3 }],
    });
    // The activation formula uses churn, which no longer exists; keep_customers lost its KPI.
    expect(codes(await lsp.diagnosticsFor(ACTIVATION_FILE, (list) => list.length > 0))).toEqual([
      "measurability/unknown-reference",
    ]);
    expect(codes(await lsp.diagnosticsFor("kpi.yaml", (list) => list.length > 0))).toEqual([
      "alignment/uncovered-goal",
    ]);
    const renamed = "metrics/activation_rate.kpi.yaml";
    renameSync(join(workspace, ACTIVATION_FILE), join(workspace, renamed));
    await lsp.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [
        { uri: lsp.uri(ACTIVATION_FILE), type: 3 },
        { uri: lsp.uri(renamed), type: 1 },
      ],
    });
    expect(await lsp.diagnosticsFor(ACTIVATION_FILE, (list) => list.length === 0)).toEqual([]);
    expect(codes(await lsp.diagnosticsFor(renamed, (list) => list.length > 1))).toEqual([
      "id/filename",
      "measurability/unknown-reference",
    ]);
  });

  it("answers completion, hover, definition and rename", async () => {
    const lsp = await start();
    const uri = lsp.uri(CHURN_FILE);
    await lsp.open(CHURN_FILE, FILES[CHURN_FILE]);
    const items = await lsp.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri },
      position: { line: 5, character: 6 },
    });
    expect(items.map((item) => item.label)).toEqual(["grow_active_customers", "keep_customers"]);
    const hover = await lsp.request<Hover>("textDocument/hover", {
      textDocument: { uri },
      position: { line: 5, character: 8 },
    });
    expect(JSON.stringify(hover.contents)).toContain("Keep monthly churn");
    const definition = await lsp.request<Location[]>("textDocument/definition", {
      textDocument: { uri },
      position: { line: 5, character: 8 },
    });
    expect(definition).toEqual([
      {
        uri: lsp.uri("kpi.yaml"),
        range: { start: { line: 8, character: 2 }, end: { line: 8, character: 16 } },
      },
    ]);
    const edit = await lsp.request<WorkspaceEdit>("textDocument/rename", {
      textDocument: { uri },
      position: { line: 0, character: 6 },
      newName: "churn_rate",
    });
    expect(Object.keys(edit.changes ?? {}).sort()).toEqual([lsp.uri(ACTIVATION_FILE), uri].sort());
    await expect(
      lsp.request("textDocument/rename", {
        textDocument: { uri },
        position: { line: 1, character: 9 },
        newName: "x",
      }),
    ).rejects.toThrow();
    expect(readFileSync(join(servers.root, CHURN_FILE), "utf8")).toBe(FILES[CHURN_FILE]);
  });

  it("answers read-only requests while indexing, from the indexed files and the editor's text", async () => {
    // Enough files that indexing takes many slices; they sort after everything else, so the last
    // one is still unread when the first requests arrive.
    const bulk = Object.fromEntries(
      Array.from({ length: BULK }, (_, i) => [
        `zbulk/b${i}.kpi.yaml`,
        kpiText(`b${i}`, "grow_active_customers"),
      ]),
    );
    const lsp = await start({ ...FILES, ...bulk });
    const uri = lsp.uri(CHURN_FILE);
    // On disk churn serves keep_customers; the editor moved it to the other goal.
    await lsp.open(CHURN_FILE, kpiText("churn", "grow_active_customers"));
    const at = { textDocument: { uri }, position: { line: 5, character: 8 } };
    const [hover, items, last, churn] = await Promise.all([
      lsp.request<Hover>("textDocument/hover", at),
      lsp.request<CompletionItem[]>("textDocument/completion", at),
      lsp.request<SymbolInformation[]>("workspace/symbol", { query: `b${BULK - 1}` }),
      lsp.request<SymbolInformation[]>("workspace/symbol", { query: "churn" }),
    ]);
    expect(last).toEqual([]); // answered before the last file was indexed
    expect(churn.map((symbol) => symbol.location.uri)).toEqual([uri]);
    expect(JSON.stringify(hover.contents)).toContain("Grow new sign-ups");
    expect(items.map((item) => item.label)).toEqual(["grow_active_customers", "keep_customers"]);

    // A rename waits for the whole workspace: it edits every file that names the goal.
    const edit = await lsp.request<WorkspaceEdit>("textDocument/rename", {
      ...at,
      newName: "grow_customers",
    });
    expect(Object.keys(edit.changes ?? {})).toHaveLength(BULK + 3); // + kpi.yaml, activation, churn
    const indexed = await lsp.request<SymbolInformation[]>("workspace/symbol", { query: `b${BULK - 1}` });
    expect(indexed.map((symbol) => symbol.location.uri)).toEqual([lsp.uri(`zbulk/b${BULK - 1}.kpi.yaml`)]);
  }, 60_000);
});

const BULK = 4000;

describe("kpi/workspaceSummary", () => {
  it("gives the goals with their aligned KPIs, and declines a folder it does not serve", async () => {
    const lsp = await start({ ...FILES, "misc/orphan.kpi.yaml": kpiText("orphan", "no_such_goal") });
    const summary = (await lsp.connection.sendRequest("kpi/workspaceSummary", { root: servers.root })) as {
      root: string;
      goals: { id: string; kpis: { id: string; file: string; status?: string }[] }[];
      unaligned: { id: string }[];
    };
    expect(summary.root).toBe(servers.root);
    expect(summary.goals.map((goal) => [goal.id, goal.kpis.map((kpi) => kpi.id)])).toEqual([
      ["grow_active_customers", ["activation"]],
      ["keep_customers", ["churn"]],
    ]);
    expect(summary.goals[0]?.kpis[0]?.file).toBe(join(servers.root, ACTIVATION_FILE));
    expect(summary.unaligned.map((kpi) => kpi.id)).toEqual(["orphan"]);
    await expect(
      lsp.connection.sendRequest("kpi/workspaceSummary", { root: join(servers.root, "elsewhere") }),
    ).rejects.toMatchObject({ code: -32601 });
  });
});
