import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeWorkspace } from "@kpi-as-code/language-service";
import { latestValues, loadWorkspace, recordRun, runWorkspace } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allKpis, countStatuses } from "../src/protocol.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/saas", import.meta.url));

describe("summarizeWorkspace on examples/saas", () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "kpi-summary-"));
    // The example without its local state (.kpi/: history a developer may have recorded).
    cpSync(EXAMPLE, root, { recursive: true, filter: (path) => !path.startsWith(join(EXAMPLE, ".kpi")) });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lists the goals of kpi.yaml with their aligned KPIs, none run yet", async () => {
    const summary = summarizeWorkspace(root, await loadWorkspace(root), await latestValues(root));
    expect(summary.project).toBe("flowdesk-saas");
    expect(summary.goals.map((goal) => goal.id)).toEqual(["grow_new_customers", "grow_recurring_revenue"]);
    const kpis = allKpis(summary);
    expect(kpis.map((kpi) => kpi.id).sort()).toContain("first_week_activation");
    expect(summary.unaligned).toEqual([]);
    expect(kpis.every((kpi) => kpi.status === undefined && kpi.display === undefined)).toBe(true);
    expect(kpis.every((kpi) => kpi.expected === undefined && kpi.pace === undefined)).toBe(true);
    expect(kpis.find((kpi) => kpi.id === "cac")?.file).toBe(join(root, "cac.kpi.yaml"));
  });

  it("shows a KPI's recorded value and status once it ran", async () => {
    const workspace = await loadWorkspace(root);
    await recordRun(
      root,
      await runWorkspace({ root, workspace, kpis: ["first_week_activation"], today: "2026-11-26" }),
    );
    const summary = summarizeWorkspace(root, workspace, await latestValues(root));
    const activation = allKpis(summary).find((kpi) => kpi.id === "first_week_activation");
    expect(activation?.status).toBeDefined();
    expect(activation?.display).toMatch(/^\d+(\.\d+)?%$/);
    // the tree shows what the target path expects at the end of the value's period (spec 5.1)
    // 2026-W47 ends 2026-11-22, 53 of the 182 days from 45% to 46%: 45.3%
    expect(activation?.expected).toBe("45.3%");
    expect(activation?.pace).toBe("expected 45.3% now, 46% by 2027-03-31");
    const counts = countStatuses(summary);
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(1);
  });
});
