import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, LspProcess, removeWorkspace, writeWorkspace } from "./support/lsp-process.js";
import { CHURN_FILE, FILES } from "./support/workspace.js";

/** Text that looks like a KPI file half-typed, broken, or not YAML at all. */
const fragments = fc.constantFrom(
  "kpi: churn\n",
  "formula: a / (b\n",
  "measures:\n  a: { source: app\n",
  "  - hypothesis: x\n",
  "target:\n  short_term: { value: 1, by: 2026-01-01 }\n",
  "goal: &g keep_customers\nowner: *g\n",
  ": : :\n",
  "\t- [}\n",
  "description: >\n  folded\n",
  "\u0000",
  '"unterminated\n',
);
const documents = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join("")),
  fc
    .tuple(fc.nat(FILES[CHURN_FILE].length), fc.string({ maxLength: 20 }))
    .map(([at, insert]) => FILES[CHURN_FILE].slice(0, at) + insert + FILES[CHURN_FILE].slice(at)),
);

describe("fuzzing the server with random documents", () => {
  let root: string;
  let lsp: LspProcess;
  beforeAll(async () => {
    buildServer();
    root = writeWorkspace(FILES);
    lsp = new LspProcess(root);
    await lsp.initialize({ debounceMs: 0 });
    await lsp.open(CHURN_FILE, FILES[CHURN_FILE]);
  }, 120_000);
  afterAll(async () => {
    // Undefined when the build in beforeAll failed: its error is the one to read.
    await lsp?.stop();
    if (root) removeWorkspace(root);
  });

  it("never crashes and stays responsive", async () => {
    let version = 1;
    await fc.assert(
      fc.asyncProperty(
        fc.array(documents, { minLength: 1, maxLength: 4 }),
        fc.nat(30),
        async (texts, line) => {
          for (const text of texts) await lsp.change(CHURN_FILE, text, ++version);
          const textDocument = { uri: lsp.uri(CHURN_FILE) };
          const position = { line, character: 3 };
          await Promise.all([
            lsp.request("textDocument/hover", { textDocument, position }),
            lsp.request("textDocument/completion", { textDocument, position }),
            lsp.request("textDocument/documentSymbol", { textDocument }),
            lsp.request("textDocument/codeAction", {
              textDocument,
              range: { start: { line: 0, character: 0 }, end: position },
              context: { diagnostics: [] },
            }),
          ]);
          expect(lsp.alive).toBe(true);
        },
      ),
      { numRuns: 40, seed: 20261127 },
    );
    // Responsive after the storm: a valid file again gets its (empty) diagnostics back.
    await lsp.change(CHURN_FILE, FILES[CHURN_FILE], ++version);
    expect(await lsp.diagnosticsFor(CHURN_FILE, (list) => list.length === 0)).toEqual([]);
  }, 120_000);
});
