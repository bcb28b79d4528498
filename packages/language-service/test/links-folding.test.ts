import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { documentLinks, foldingRanges, WorkspaceState } from "@kpi-as-code/language-service";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIVATION_FILE, FILES, TODAY } from "./support/fixture.js";

function stateOf(root: string, files: Record<string, string>): WorkspaceState {
  const state = new WorkspaceState(root, { today: TODAY });
  for (const [name, text] of Object.entries(files)) state.setFile(name, text);
  return state;
}

/** The text each link covers, with where it leads. */
function linked(text: string, state: WorkspaceState): string[] {
  const lines = text.split("\n");
  return documentLinks(state, "kpi.yaml").map((link) => {
    const { start, end } = link.range;
    expect(end.line).toBe(start.line);
    return `${lines[start.line]?.slice(start.character, end.character)} -> ${link.target}`;
  });
}

describe("document links from kpi.yaml's data files", () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "kpi-links-"));
    outside = mkdtempSync(join(tmpdir(), "kpi-links-outside-"));
    mkdirSync(join(root, "data"));
    writeFileSync(join(root, "data/users.csv"), "id\n1\n");
    writeFileSync(join(outside, "secret.csv"), "id\n1\n");
    symlinkSync(join(outside, "secret.csv"), join(root, "data/linked.csv"));
    symlinkSync(outside, join(root, "elsewhere"));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("link each table file and a source's path inside the workspace, and nothing that leads out", () => {
    const text = `project: acme
sources:
  app:
    type: duckdb
    path: "data/app.duckdb"
    tables:
      users: data/users.csv
      events: data/events/*.parquet
      later: 'data/not yet.csv'
      escaped: ../${outside.split("/").at(-1)}/secret.csv
      linked: data/linked.csv
      through: elsewhere/secret.csv
      missing_through: elsewhere/missing.csv
      absolute: ${join(outside, "secret.csv")}
      from_env: \${env:DATA}/users.csv
`;
    const state = stateOf(root, { "kpi.yaml": text });
    const url = (path: string) => pathToFileURL(join(root, path)).href;
    expect(linked(text, state)).toEqual([
      `data/users.csv -> ${url("data/users.csv")}`,
      `data/not yet.csv -> ${url("data/not yet.csv")}`,
      `data/app.duckdb -> ${url("data/app.duckdb")}`,
    ]);
    expect(documentLinks(state, "metrics/x.kpi.yaml")).toEqual([]);
  });

  it("cover exactly the path as written, whatever its Unicode and quoting", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }),
        fc.constantFrom<"plain" | "double" | "single">("plain", "double", "single"),
        (name, style) => {
          const path = `data/${name}.csv`;
          const written =
            style === "double"
              ? JSON.stringify(path)
              : style === "single"
                ? `'${path.replaceAll("'", "''")}'`
                : path;
          const text = `sources:\n  app: { type: duckdb, tables: { t: ${written} } }\n`;
          const state = stateOf(root, { "kpi.yaml": text });
          const tables = (
            (state.entry("kpi.yaml")?.data ?? {}) as { sources?: { app?: { tables?: { t?: unknown } } } }
          ).sources?.app?.tables?.t;
          fc.pre(tables === path && !/[*?[\]{}]|\.\.|\$\{/.test(path));
          const [link] = documentLinks(state, "kpi.yaml");
          fc.pre(link !== undefined); // a name like "/../.." leads out: no link, checked above
          const line = text.split("\n")[1] ?? "";
          const covered = line.slice(link.range.start.character, link.range.end.character);
          const verbatim = written.includes(path);
          // Spelled verbatim: the link covers the path itself; else (escapes) the whole value.
          expect(covered).toBe(verbatim ? path : written);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("folding ranges", () => {
  it("fold measures, each measure, target and a list, from the key's line to the last line", () => {
    const state = stateOf("/nonexistent/workspace", FILES);
    // ACTIVATION: measures on lines 12-23, target 24-27, action_plan 29-30.
    expect(foldingRanges(state, ACTIVATION_FILE)).toEqual([
      { startLine: 12, endLine: 23 },
      { startLine: 13, endLine: 17 },
      { startLine: 18, endLine: 23 },
      { startLine: 24, endLine: 27 },
      { startLine: 29, endLine: 30 },
    ]);
  });

  it("fold a multi-line SQL view and flow mappings over lines, not one-line ones", () => {
    const text = `sources:
  app:
    type: duckdb
    views:
      paid: |
        SELECT *
        FROM users

        WHERE paid
policy: { core_kpis: { min: 1,
  max: 7 } }
owners: { a: { name: A } }
`;
    const state = stateOf("/nonexistent/workspace", { "kpi.yaml": text });
    expect(foldingRanges(state, "kpi.yaml")).toEqual([
      { startLine: 0, endLine: 8 },
      { startLine: 1, endLine: 8 },
      { startLine: 3, endLine: 8 },
      { startLine: 4, endLine: 8 },
      { startLine: 9, endLine: 10 }, // policy and core_kpis start on one line: one range
    ]);
    expect(foldingRanges(state, "missing.kpi.yaml")).toEqual([]);
  });
});
