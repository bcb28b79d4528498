import { analyzeFile, buildWorkspace } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import { kpisOnNewSql } from "../../src/commands/untrusted-sql.js";

const PROJECT = `project: acme
owners: { growth: { name: Growth } }
goals: { grow: { statement: Grow, owner: growth } }
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
`;

function kpi(id: string, formula: string, measures: string): string {
  return `kpi: ${id}
version: 1
name: ${id}
description: d
owner: growth
goal: grow
indicator: leading
unit: count
direction: increase
cadence: monthly
formula: ${formula}
measures:
${measures}`;
}

const SIGNUPS = "  signups: { source: app, from: users, aggregate: count }\n";
const ACTIVE = '  active: { source: app, from: users, aggregate: count, where: "active = 1" }\n';

function workspace(files: Record<string, string>) {
  return buildWorkspace(Object.entries(files).map(([file, text]) => analyzeFile({ file, text })));
}

const base = {
  "kpi.yaml": PROJECT,
  "a.kpi.yaml": kpi("a", "signups", SIGNUPS),
  "b.kpi.yaml": kpi("b", "active", ACTIVE),
};

function tainted(head: Record<string, string>): string[] {
  return [...kpisOnNewSql(workspace(base), workspace({ ...base, ...head }))].sort();
}

describe("kpisOnNewSql (what kpi diff --values --untrusted withholds)", () => {
  it("trusts a head that changed no SQL, even with a changed formula or aggregate", () => {
    expect(
      tainted({ "a.kpi.yaml": kpi("a", "signups * 2", SIGNUPS.replace("count }", "count, time: at }")) }),
    ).toEqual([]);
  });

  it("flags a raw sql measure, a changed where and a new expr", () => {
    expect(tainted({ "a.kpi.yaml": kpi("a", "s", '  s: { source: app, sql: "select 1" }\n') })).toEqual([
      "a",
    ]);
    expect(tainted({ "b.kpi.yaml": kpi("b", "active", ACTIVE.replace("active = 1", "1 = 1")) })).toEqual([
      "b",
    ]);
    const expr = '  s: { source: app, from: users, aggregate: sum, expr: "length(name)" }\n';
    expect(tainted({ "a.kpi.yaml": kpi("a", "s", expr) })).toEqual(["a"]);
  });

  it("keeps an unchanged where trusted", () => {
    expect(tainted({ "b.kpi.yaml": kpi("b", "active + 1", ACTIVE) })).toEqual([]);
  });

  it("flags every KPI on a source whose definition changed in kpi.yaml", () => {
    const project = PROJECT.replace("data/users.csv", "data/other.csv");
    expect(tainted({ "kpi.yaml": project })).toEqual(["a", "b"]);
  });

  it("flags a KPI whose formula reads a flagged KPI, through a chain", () => {
    expect(
      tainted({
        "n.kpi.yaml": kpi("n", "s", '  s: { source: app, sql: "select 42" }\n'),
        "m.kpi.yaml": kpi("m", "n * 1", ""),
        "a.kpi.yaml": kpi("a", "m + signups", SIGNUPS),
      }),
    ).toEqual(["a", "m", "n"]);
  });
});
