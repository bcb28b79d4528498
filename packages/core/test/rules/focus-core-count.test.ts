import { describe, expect, it } from "vitest";
import {
  ACTIVATION_FILE,
  ACTIVATION_KPI,
  CHURN_FILE,
  CHURN_KPI,
  VALID_PROJECT,
  validate,
} from "../support/workspace-texts.js";

/** Issue #13 item 7: a core KPI with a schema error elsewhere in its file still counts as core. */
const PROJECT = VALID_PROJECT.replace("core_kpis: { min: 0, max: 7 }", "core_kpis: { min: 1, max: 7 }");
const coreCount = (activation: string) =>
  validate([
    { file: "kpi.yaml", text: PROJECT },
    { file: ACTIVATION_FILE, text: activation },
    { file: CHURN_FILE, text: CHURN_KPI.replace("core: true", "core: false") },
  ]).filter((diagnostic) => diagnostic.rule === "focus/core-count");

describe("focus/core-count", () => {
  it("counts a core KPI whose file has a schema error elsewhere", () => {
    expect(ACTIVATION_KPI).toContain("core: true");
    const broken = ACTIVATION_KPI.replace(/^version: \d+$/m, "version: three");
    expect(validate([{ file: ACTIVATION_FILE, text: broken }]).map((d) => d.rule)).toContain("schema");
    expect(coreCount(broken)).toEqual([]);
  });

  it("fires, at the policy, when the only core KPI's file cannot be read at all", () => {
    const unreadable = `${ACTIVATION_KPI}broken: [unclosed\n`;
    expect(coreCount(unreadable)).toEqual([
      expect.objectContaining({ file: "kpi.yaml", line: 17, column: 3 }),
    ]);
  });
});
