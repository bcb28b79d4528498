import { renderReportHtml } from "@kpi-as-code/report";
import { loadWorkspace, recordRun, runWorkspace } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { reportModel } from "../../src/commands/report.js";
import { kpiFile, workspace } from "./small-workspace.js";

const TODAY = "2026-11-26";

describe("kpi report --grain", () => {
  it("says the trend was computed by that grain, not that nothing is recorded, when the history has records", async () => {
    const root = workspace({ "a.kpi.yaml": kpiFile("a", "up") });
    const loaded = await loadWorkspace(root);
    const months = [
      { start: "2026-09-01", end: "2026-10-01" },
      { start: "2026-10-01", end: "2026-11-01" },
    ];
    for (const period of months)
      await recordRun(root, await runWorkspace({ root, workspace: loaded, period }));
    const model = await reportModel(root, { period: undefined, grain: "month", today: TODAY });
    const kpi = model.unaligned[0] ?? model.goals[0]?.leading[0];
    expect(kpi?.trend).toMatchObject({ source: "computed", grain: "month" });
    const html = renderReportHtml(model);
    const caption = /<figcaption id="kpi-a-trend-caption">([^<]*)<\/figcaption>/.exec(html)?.[1] ?? "";
    expect(caption).toContain("by month");
    expect(caption).not.toContain("nothing recorded");

    // Without --grain the same history is drawn, as recorded.
    const recorded = await reportModel(root, { period: undefined, today: TODAY });
    const fromHistory = recorded.unaligned[0] ?? recorded.goals[0]?.leading[0];
    expect(fromHistory?.trend.source).toBe("history");
    expect(fromHistory?.trend.points.map((point) => point.start)).toEqual(["2026-09-01", "2026-10-01"]);
  });
});
