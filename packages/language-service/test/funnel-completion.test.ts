import { complete } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import { FILES, PROJECT, stateWith } from "./support/fixture.js";

const labels = (items: ReturnType<typeof complete>) => items.map((item) => item.label);

describe("completion in a funnel of kpi.yaml", () => {
  it("offers KPI ids for a step and goal ids for its goal", () => {
    const step = stateWith("kpi.yaml", `${PROJECT}funnels:\n  onboarding:\n    steps:\n      - |\n`, FILES);
    expect(labels(complete(step.state, "kpi.yaml", step.position)).sort()).toEqual([
      "churn_rate",
      "first_week_activation",
    ]);
    const goal = stateWith("kpi.yaml", `${PROJECT}funnels:\n  onboarding:\n    goal: |\n`, FILES);
    expect(labels(complete(goal.state, "kpi.yaml", goal.position)).sort()).toEqual([
      "grow_active_customers",
      "keep_customers",
    ]);
  });
});
