import { diffSourceFiles, renderJson, renderMarkdown } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

// `kpi diff --values` shows each definition's expected value and status beside its value (spec 5.1).
describe("values with their pace", () => {
  const diff = (values: NonNullable<ReturnType<typeof diffSourceFiles>["kpis"][number]["values"]>) => {
    const result = diffSourceFiles(
      files({ "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() }),
      files({
        "kpi.yaml": PROJECT,
        "a.kpi.yaml": kpiText({ formula: "activated / signups * 2", version: 2 }),
      }),
      LABELS,
    );
    const [kpi] = result.kpis;
    if (!kpi) throw new Error("expected one changed KPI");
    kpi.values = values;
    return result;
  };
  const period = { start: "2026-11-16", end: "2026-11-23" };

  it("writes the expected values and the statuses after the values", () => {
    const markdown = renderMarkdown(
      diff({
        period,
        before: "25.0%",
        after: "50.0%",
        beforeStatus: "at_risk",
        afterStatus: "on_track",
        beforeExpected: "27.9%",
        afterExpected: "27.0%",
      }),
    );
    expect(markdown).toContain(
      "with the new definition** (2026-11-16 to 2026-11-23); expected 27.9% → 27.0%, at risk → on track",
    );
  });

  it("says 'no target' on the side without one, and nothing more for values without pace", () => {
    const oneSided = renderMarkdown(
      diff({
        period,
        before: "3",
        after: "4",
        beforeStatus: "no_target",
        afterStatus: "at_risk",
        afterExpected: "5",
      }),
    );
    expect(oneSided).toContain("; expected no target → 5, no target → at risk");
    const bare = renderMarkdown(diff({ period, before: "3", after: "4" }));
    expect(bare).toContain("with the new definition** (2026-11-16 to 2026-11-23)\n");
  });

  it("carries them in JSON", () => {
    const json = renderJson(
      diff({ period, before: "3", after: "4", beforeStatus: "at_risk", afterStatus: "at_risk" }),
    );
    expect(JSON.parse(json).kpis[0].values).toMatchObject({
      beforeStatus: "at_risk",
      afterStatus: "at_risk",
    });
  });
});
