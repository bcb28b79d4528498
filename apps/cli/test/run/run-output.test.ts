import { analyzeFile, buildWorkspace } from "@kpi-as-code/core";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import {
  affectedKpis,
  formatChange,
  formatRunJson,
  formatRunMarkdown,
  formatRunTable,
  globMatcher,
  previousRecord,
  runExitCode,
  runRows,
} from "../../src/run-output/index.js";
import { recorded, result, runOf } from "./sample-results.js";

const displays = new Map([
  ["activation", { name: "Activation | first week", unit: "ratio" as const, direction: "increase" as const }],
]);

describe("change against the previous recorded value", () => {
  it("compares with the latest value of an earlier period, in percentage points for ratios", () => {
    const history = [
      recorded("activation", { period: { start: "2026-10-01", end: "2026-11-01" }, value: 0.5 }),
      recorded("activation", { value: 0.25 }),
    ];
    const current = result("activation");
    expect(previousRecord(current, history)?.value).toBe(0.25);
    expect(formatChange(current, previousRecord(current, history), { unit: "ratio" })).toBe("▲ +6.0 pp");
    expect(formatChange(result("a", { value: 10 }), recorded("a", { value: 12 }), { unit: "count" })).toBe(
      "▼ -2",
    );
    expect(formatChange(result("a", { value: 3 }), recorded("a", { value: 3 }))).toBe("= 0");
  });

  it("compares with the previous period of the same length, never with a recorded quarter", () => {
    const november = result("nps", { period: { start: "2026-11-01", end: "2026-12-01" }, value: 30 });
    const history = [
      // Newest first: a Q3 run recorded after October's.
      recorded("nps", { period: { start: "2026-07-01", end: "2026-10-01" }, value: 268.78 }),
      recorded("nps", { period: { start: "2026-10-01", end: "2026-11-01" }, value: 28 }),
    ];
    expect(previousRecord(november, history)?.value).toBe(28);
    expect(formatChange(november, previousRecord(november, history), { unit: "count" })).toBe("▲ +2");
    // Nothing recorded for October: no change rather than one against another length.
    expect(previousRecord(november, history.slice(0, 1))).toBeUndefined();
    const q4 = result("nps", { period: { start: "2026-10-01", end: "2027-01-01" } });
    expect(previousRecord(q4, history)?.period).toEqual({ start: "2026-07-01", end: "2026-10-01" });
  });

  it("subtracts durations as hours (spec 1.2), shown in hours and minutes", () => {
    const hours = { unit: "duration" as const };
    // 8h 04m after 8h 13m: about nine minutes less, not "-153ms".
    expect(formatChange(result("frt", { value: 8.07 }), recorded("frt", { value: 8.223 }), hours)).toBe(
      "▼ -9m",
    );
    expect(formatChange(result("art", { value: 24 }), recorded("art", { value: 25.333 }), hours)).toBe(
      "▼ -1h 20m",
    );
    expect(formatChange(result("art", { value: 26 }), recorded("art", { value: 24 }), hours)).toBe(
      "▲ +2h 00m",
    );
  });

  it("names a new version instead of subtracting values that measured something else", () => {
    expect(formatChange(result("a", { version: 2 }), recorded("a"))).toBe("new v2");
    expect(formatChange(result("a"), undefined)).toBe("");
    expect(formatChange(result("a", { value: null }), recorded("a"))).toBe("");
  });
});

describe("table and markdown", () => {
  const run = runOf(
    result("activation"),
    result("churn", { status: "error", value: null, error: "source app: no such table users" }),
  );
  const rows = runRows(run, { displays, history: new Map([["activation", [recorded("activation")]]]) });

  it("puts symbol, value, change, target and period on each line and explains errors below", () => {
    const table = formatRunTable(rows, { color: false });
    const lines = table.split("\n");
    expect(lines[1]).toMatch(
      /^✔ on track\s+activation\s+31\.0%\s+▲ \+6\.0 pp\s+≥ 30\.0% by 2026-12-31\s+2026-10$/,
    );
    expect(lines[2]).toMatch(/^✗ error\s+churn\s+—/);
    expect(table).toContain("churn: source app: no such table users");
    expect(table).not.toContain("\u001b[");
  });

  it("colors the status only when asked, keeping the columns aligned", () => {
    const colored = formatRunTable(rows, { color: true });
    expect(colored).toContain("\u001b[");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI codes
    expect(colored.replace(/\u001b\[\d+m/g, "")).toBe(formatRunTable(rows, { color: false }));
  });

  it("renders a markdown table with escaped cells and one row per KPI", () => {
    const markdown = formatRunMarkdown(rows, run.period);
    const tableLines = markdown.split("\n").filter((line) => line.startsWith("|"));
    expect(tableLines).toHaveLength(4);
    expect(tableLines[1]).toBe("| --- | --- | ---: | ---: | --- | --- |");
    expect(tableLines[2]).toContain("**Activation \\| first week** (`activation`)");
    expect(tableLines[2]?.split(/(?<!\\)\|/)).toHaveLength(8);
    expect(markdown).toContain("- `churn`: source app: no such table users");
  });

  it("keeps names and engine messages from a pull request inert: no HTML, no links, no emphasis", () => {
    const hostile = "<img src=x onerror=alert(1)> [win](https://example.com) **bold** | cut";
    const rendered = new MarkdownIt().render(
      formatRunMarkdown(
        rows.map((row) => ({ ...row, name: hostile, note: `${hostile} <script>x</script>` })),
        run.period,
      ),
    );
    expect(rendered).not.toMatch(/<img|<a |<script|<strong>bold/);
    // Each row keeps its six cells: the pipe in the name is text, not a column.
    expect(rendered.match(/<tr>/g)).toHaveLength(3);
    expect([...rendered.matchAll(/<td[ >]/g)]).toHaveLength(12);
    expect(rendered).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("a series (--grain) in the table and markdown", () => {
  const series = [
    { start: "2026-07-01", end: "2026-08-01", value: 0.3, measures: {} },
    { start: "2026-08-01", end: "2026-09-01", value: 0.32, measures: {} },
    { start: "2026-09-01", end: "2026-10-01", value: null, measures: {} },
  ];
  const run = runOf(result("activation", { period: { start: "2026-07-01", end: "2026-10-01" }, series }));
  const rows = runRows(run, { displays, history: new Map() });

  it("shows one line per bucket under the KPI, with the change from the bucket before", () => {
    const lines = formatRunTable(rows, { color: false }).split("\n");
    expect(lines[1]).toMatch(/^✔ on track\s+activation\s+31\.0%.*2026-Q3$/);
    expect(lines[2]).toMatch(/^\s+↳\s+30\.0%\s+2026-07$/);
    expect(lines[3]).toMatch(/^\s+↳\s+32\.0%\s+▲ \+2\.0 pp\s+2026-08$/);
    expect(lines[4]).toMatch(/^\s+↳\s+—\s+2026-09$/);
  });

  it("adds one markdown row per bucket", () => {
    const tableLines = formatRunMarkdown(rows, run.period)
      .split("\n")
      .filter((line) => line.startsWith("|"));
    expect(tableLines).toHaveLength(2 + 1 + 3);
    expect(tableLines[4]).toBe("|  | ↳ `activation` | 32.0% | ▲ +2.0 pp |  | 2026-08 |");
  });
});

describe("json", () => {
  it("is the RunResult with period and results first, the spec's keys first in each result", () => {
    const run = runOf(
      result("activation", { breakdowns: { plan: [{ key: "pro", value: 1, measures: {} }] } }),
    );
    const text = formatRunJson(run);
    const parsed = JSON.parse(text);
    expect(parsed).toEqual(run);
    expect(Object.keys(parsed)).toEqual(["period", "results"]);
    expect(Object.keys(parsed.results[0]).slice(0, 7)).toEqual([
      "kpi",
      "version",
      "period",
      "value",
      "measures",
      "status",
      "target",
    ]);
  });
});

describe("exit codes", () => {
  const mixed = runOf(result("a"), result("b", { status: "at_risk" }), result("c", { status: "no_data" }));

  it("is 0 without --fail-on, 1 when a KPI is at the --fail-on status or worse", () => {
    expect(runExitCode(mixed)).toBe(0);
    expect(runExitCode(mixed, "at_risk")).toBe(1);
    expect(runExitCode(mixed, "off_track")).toBe(0);
    expect(runExitCode(runOf(result("a", { status: "off_track" })), "at_risk")).toBe(1);
  });

  it("counts an error as worse than off_track, and no_data never fails", () => {
    expect(runExitCode(runOf(result("a"), result("b", { status: "error" })), "off_track")).toBe(1);
    expect(runExitCode(runOf(result("a"), result("b", { status: "no_data" })), "at_risk")).toBe(0);
  });

  it("is 1 when some KPI ends in error, even without --fail-on: the check did not pass", () => {
    expect(runExitCode(runOf(result("a"), result("b", { status: "error" })))).toBe(1);
    expect(runExitCode(runOf(result("a", { status: "no_data" }), result("b", { status: "error" })))).toBe(1);
  });

  it("is 2 when nothing could run: every KPI errored, or there was no KPI", () => {
    expect(runExitCode(runOf(result("a", { status: "error" }), result("b", { status: "error" })))).toBe(2);
    expect(runExitCode(runOf())).toBe(2);
  });
});

describe("what --watch re-runs", () => {
  const kpi = (id: string, formula: string, measures = "") =>
    `kpi: ${id}\nversion: 1\nformula: ${formula}\n${measures ? `measures:\n${measures}` : ""}`;
  const workspace = buildWorkspace(
    [
      {
        file: "kpi.yaml",
        text: "project: p\nsources:\n  app: { type: duckdb, tables: { events: data/events/*.parquet, users: data/users.csv } }\n  crm: { type: sqlite, path: crm.sqlite }\n",
      },
      {
        file: "kpis/a.kpi.yaml",
        text: kpi("a", "n", "  n: { source: app, from: users, aggregate: count }\n"),
      },
      { file: "kpis/b.kpi.yaml", text: kpi("b", "a * 2") },
      { file: "kpis/c.kpi.yaml", text: kpi("c", "b + 1") },
      {
        file: "kpis/d.kpi.yaml",
        text: kpi("d", "m", "  m: { source: crm, from: deals, aggregate: count }\n"),
      },
    ].map((file) => analyzeFile(file)),
  );

  it("re-runs a changed KPI and everything whose formula depends on it, transitively", () => {
    expect(affectedKpis(workspace, "/ws", ["/ws/kpis/b.kpi.yaml"])).toEqual({ all: false, kpis: ["b", "c"] });
    expect(affectedKpis(workspace, "/ws", ["kpis/d.kpi.yaml"])).toEqual({ all: false, kpis: ["d"] });
  });

  it("re-runs the KPIs of a source whose data file changed, and everything when kpi.yaml changed", () => {
    expect(affectedKpis(workspace, "/ws", ["/ws/data/users.csv"])).toEqual({
      all: false,
      kpis: ["a", "b", "c"],
    });
    expect(affectedKpis(workspace, "/ws", ["/ws/data/events/2026-11.parquet"])).toMatchObject({
      kpis: ["a", "b", "c"],
    });
    expect(affectedKpis(workspace, "/ws", ["/ws/crm.sqlite"])).toEqual({ all: false, kpis: ["d"] });
    expect(affectedKpis(workspace, "/ws", ["/ws/data/other.csv"])).toEqual({ all: false, kpis: [] });
    expect(affectedKpis(workspace, "/ws", ["/ws/kpi.yaml"])).toEqual({ all: true });
  });

  it("matches the globs tables: accepts", () => {
    expect(globMatcher("data/*.csv")("data/a.csv")).toBe(true);
    expect(globMatcher("data/*.csv")("data/sub/a.csv")).toBe(false);
    expect(globMatcher("data/**/*.csv")("data/a.csv")).toBe(true);
    expect(globMatcher("data/**/*.csv")("data/x/y/a.csv")).toBe(true);
    expect(globMatcher("data/a?.csv")("data/ab.csv")).toBe(true);
    expect(globMatcher("data/a.csv")("data/aXcsv")).toBe(false);
  });
});
