// The sources' findings take `policy.rules` like every rule's: a severity override or `off`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkSources } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../fixtures/engines.js";
import { kpiHead, projectText } from "./workspace.js";

const kpi = `${kpiHead("spend", "Spend")}formula: n + m
measures:
  n: { source: db, from: events, aggregate: sum, column: amont }
  m: { source: db, from: events, aggregate: count, where: "kind = = 'x'" }
`;

let dir: string;
let source: Record<string, unknown>;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kpi-check-policy-"));
  source = (await loadEngine("duckdb", dir)).source;
  writeFileSync(path.join(dir, "spend.kpi.yaml"), kpi);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withPolicy(rules: Record<string, string>): void {
  const policy = Object.entries(rules).map(([rule, setting]) => `    ${rule}: ${setting}\n`);
  writeFileSync(
    path.join(dir, "kpi.yaml"),
    `${projectText({ db: source })}policy:\n  rules:\n${policy.join("")}`,
  );
}

describe("checkSources and policy.rules", () => {
  it("reports a finding at the severity policy.rules sets, and not at all when off", async () => {
    withPolicy({ "measurability/unknown-column": "warning", "measurability/sql-error": "off" });
    const result = await checkSources(dir);
    expect(result.diagnostics.map(({ rule, severity, line }) => ({ rule, severity, line }))).toEqual([
      { rule: "measurability/unknown-column", severity: "warning", line: 13 },
    ]);
  }, 30_000);
});
