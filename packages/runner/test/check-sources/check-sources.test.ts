// Issue #12, spec 4.8: `kpi validate --sources` asks each engine, without reading data, whether the
// tables, views, columns and SQL of the KPI files exist and compile.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkSources } from "@kpi-as-code/runner";
import { afterAll, describe, expect, it } from "vitest";
import { type EngineName, type LoadedEngine, loadEngine, selectedEngines } from "../fixtures/engines.js";
import { CHECKED, positionOf, projectText, SEGMENTED, VIEWS, writeCheckedWorkspace } from "./workspace.js";

interface Expected {
  file: string;
  rule: string;
  line: number;
  column: number;
}

const checked = (rule: string, line: number, token: string): Expected => ({
  file: "checked.kpi.yaml",
  rule,
  ...positionOf(CHECKED, line, token),
});

/** What every engine must find in the fixture workspace. */
function expectedFindings(engine: EngineName): Expected[] {
  const project = projectText({ db: { views: VIEWS } });
  const viewLine = project.split("\n").findIndex((line) => line.startsWith("  db:")) + 1;
  const found = [
    {
      file: "kpi.yaml",
      rule: "measurability/sql-error",
      ...positionOf(project, viewLine, `"${VIEWS.broken}"`),
    },
    checked("measurability/unknown-column", 15, "ocurred_at"),
    checked("measurability/unknown-table", 16, "event,"),
    checked("measurability/unknown-table", 17, "buyer,"),
    checked("measurability/sql-error", 18, `"kind = = 'x'"`),
    checked("measurability/sql-error", 19, `"amount +"`),
    checked("measurability/sql-error", 21, `"SELECT count(*) FROM events WHERE"`),
    checked("measurability/unknown-column", 22, "usr_id"),
    {
      file: "segmented.kpi.yaml",
      rule: "measurability/unknown-column",
      ...positionOf(SEGMENTED, 12, "chanel"),
    },
  ];
  // PostgreSQL keeps the case of a quoted name; the other engines fold it.
  if (engine === "postgres") found.push(checked("measurability/unknown-column", 23, "AMOUNT"));
  return found;
}

const dirs: string[] = [];
const loaded: LoadedEngine[] = [];
afterAll(async () => {
  for (const engine of loaded) await engine.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(selectedEngines())("checkSources on %s", (engine) => {
  it("finds the misspelt table, view and columns and the SQL that does not compile, each at its value", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), `kpi-check-${engine}-`));
    dirs.push(dir);
    const source = await loadEngine(engine, dir);
    loaded.push(source);
    // The fixture's view line in kpi.yaml must match the one expectedFindings computes.
    writeCheckedWorkspace(dir, { ...source.source });
    const result = await checkSources(dir);
    const actual = result.diagnostics.map(({ file, rule, line, column }) => ({ file, rule, line, column }));
    const sortKey = (d: Expected) => `${d.file}:${String(d.line).padStart(4, "0")}:${d.rule}`;
    const expected = expectedFindings(engine);
    // The view's value sits after the engine's own settings on the source's line.
    const viewFinding = expected[0] as Expected;
    const project = projectText({ db: { ...source.source, views: VIEWS } });
    Object.assign(viewFinding, positionOf(project, viewFinding.line, `"${VIEWS.broken}"`));
    expect([...actual].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [...expected].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    expect(result.diagnostics.every((d) => d.severity === "error")).toBe(true);
    // A superuser test role is a warning notice; nothing else concerns the source as a whole.
    expect(result.notices.filter((notice) => notice.code !== "source/privileged-role")).toEqual([]);
  }, 60_000);
});
