import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "./run-cli.js";

/**
 * `kpi validate` and `kpi run` read a file through the same analyzeFile, so they agree on every
 * whitespace and encoding variant of it: the variants YAML reads as the same value validate clean
 * and compute; those it reads as another value are an error at the same place in both.
 */
const PROJECT = `project: p
owners:
  finance: { name: Finance }
goals:
  grow: { statement: Grow }
sources:
  lake: { type: duckdb, tables: { orders: data/orders.csv } }
policy:
  core_kpis: { min: 0, max: 7 }
  balance: off
`;

const KPI = `kpi: revenue
version: 1
name: Revenue
description: Paid revenue. # a comment
owner: finance
goal: grow
indicator: lagging
unit: count
direction: increase
cadence: monthly
formula: paid
measures:
  paid: { source: lake, from: orders, aggregate: count, time: paid_at }
target:
  short_term: { value: 3, by: 2027-03-31 }
  mid_term: { value: 4, by: 2027-09-30 }
`;

const ORDERS = "id,paid_at\n1,2026-10-03 10:00:00\n2,2026-10-04 11:00:00\n3,2026-11-02 09:00:00\n";

function check(kpiText: string) {
  const root = writeWorkspace({
    "kpi.yaml": PROJECT,
    "revenue.kpi.yaml": kpiText,
    "data/orders.csv": ORDERS,
  });
  const args = ["--dir", root, "--format", "json"];
  const validate = runKpi(["validate", ...args, "--today", "2026-11-27"]);
  const run = runKpi(["run", ...args, "--period", "2026-10", "--no-record"]);
  const diagnostics = JSON.parse(validate.stdout).diagnostics as {
    rule: string;
    line: number;
    column: number;
  }[];
  const result = (
    JSON.parse(run.stdout).results as { kpi: string; value: number | null; error?: string }[]
  )[0];
  return { validate, diagnostics, result };
}

const SAME_VALUE: Record<string, (text: string) => string> = {
  "a byte-order mark": (text) => `\ufeff${text}`,
  "CRLF line ends": (text) => text.replaceAll("\n", "\r\n"),
  "a tab in a comment": (text) => text.replace("# a comment", "#\ta comment\t"),
  "trailing spaces and tabs": (text) => text.replace("owner: finance", "owner: finance \t "),
};

const OTHER_VALUE: Record<string, [(text: string) => string, number, number]> = {
  "U+00A0 after an id": [(text) => text.replace("owner: finance", "owner: finance\u00a0"), 5, 8],
  "U+3000 after a source": [(text) => text.replace("source: lake", "source: lake\u3000"), 13, 19],
  "U+2003 after a number": [(text) => text.replace("version: 1", "version: 1\u2003"), 2, 10],
};

describe("one reading of a file in kpi validate and kpi run", () => {
  for (const [name, variant] of Object.entries(SAME_VALUE)) {
    it(`validates clean and computes with ${name}`, () => {
      const { validate, diagnostics, result } = check(variant(KPI));
      expect(diagnostics).toEqual([]);
      expect(validate.status).toBe(0);
      expect(result).toMatchObject({ kpi: "revenue", value: 2 });
    });
  }

  for (const [name, [variant, line, column]] of Object.entries(OTHER_VALUE)) {
    it(`reports ${name} at the same place in both`, () => {
      const { diagnostics, result } = check(variant(KPI));
      const errors = diagnostics.filter((d) => d.rule === "schema");
      expect(errors[0]).toMatchObject({ line, column });
      expect(result?.value).toBeNull();
      expect(result?.error).toContain(`revenue.kpi.yaml:${line}:${column} schema`);
    });
  }
});
