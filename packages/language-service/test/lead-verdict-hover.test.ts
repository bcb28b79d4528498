import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { definition, hover, refreshValues, WorkspaceState } from "@kpi-as-code/language-service";
import { type StoredAnalysis, writeAnalysis } from "@kpi-as-code/runner/history";
import { describe, expect, it } from "vitest";
import {
  ACTIVATION,
  ACTIVATION_FILE,
  CHURN,
  CHURN_FILE,
  markBefore,
  PROJECT,
  stateWith,
} from "./support/fixture.js";

const text = (result: ReturnType<typeof hover>) =>
  result && typeof result.contents === "object" && "value" in result.contents ? result.contents.value : "";

const ANALYSIS: StoredAnalysis = {
  today: "2026-12-15",
  periods: 12,
  maxLag: 3,
  pairs: [
    {
      goal: "grow_active_customers",
      leading: "first_week_activation",
      lagging: "churn_rate",
      lag: 1,
      r: 0.81,
      n: 10,
      verdict: "supports",
    },
  ],
};

describe("hover on a leading KPI", () => {
  it("shows the verdict of the last kpi analyze read from .kpi/analysis.json, with the caveat", async () => {
    const root = mkdtempSync(join(tmpdir(), "kpi-hover-analysis-"));
    await writeAnalysis(root, ANALYSIS);
    const { state: fixture, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "first_week_activation", 4),
    );
    const state = new WorkspaceState(root, fixture.options);
    state.setFile("kpi.yaml", PROJECT);
    state.setFile(ACTIVATION_FILE, ACTIVATION);
    state.setFile(CHURN_FILE, CHURN);
    await refreshValues(state);
    const shown = text(hover(state, ACTIVATION_FILE, position));
    expect(shown).toContain("Leads `churn_rate`? **supports** (r = 0.81 at lag 1, n = 10)");
    expect(shown).toContain("evidence, not proof of cause");
  });

  it("shows no verdict without an analysis", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "first_week_activation", 4),
    );
    expect(text(hover(state, ACTIVATION_FILE, position))).not.toContain("Leads");
  });

  it("goes from a funnel step in kpi.yaml to the KPI's definition", () => {
    const project = `${PROJECT}funnels:\n  onboarding: { steps: [first_week_activation, churn_rate] }\n`;
    const { state, position } = stateWith("kpi.yaml", markBefore(project, "churn_rate]", 2));
    state.setFile(ACTIVATION_FILE, ACTIVATION);
    state.setFile(CHURN_FILE, CHURN);
    const targets = definition(state, "kpi.yaml", position);
    expect(targets.map((target) => target.file)).toEqual([CHURN_FILE]);
  });
});
