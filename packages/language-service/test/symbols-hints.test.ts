import { codeLenses, documentSymbols, inlayHints, workspaceSymbols } from "@kpi-as-code/language-service";
import type { LatestValue } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { ACTIVATION, ACTIVATION_FILE, stateWith } from "./support/fixture.js";

const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe("symbols", () => {
  it("list a KPI with its measures, and kpi.yaml's owners, goals and sources", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    const [kpi] = documentSymbols(state, ACTIVATION_FILE);
    expect(kpi?.name).toBe("first_week_activation");
    expect(kpi?.children?.map((child) => child.name)).toEqual(["signups", "activated"]);
    expect(documentSymbols(state, "kpi.yaml").map((symbol) => `${symbol.detail}:${symbol.name}`)).toEqual([
      "owner:growth",
      "owner:support",
      "goal:grow_active_customers",
      "goal:keep_customers",
      "source:app",
    ]);
  });

  it("find declarations across the workspace by a fuzzy query", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    expect(workspaceSymbols(state, "chrn").map((symbol) => `${symbol.file}:${symbol.name}`)).toEqual([
      "metrics/churn_rate.kpi.yaml:churn_rate",
    ]);
    expect(workspaceSymbols(state, "").length).toBeGreaterThan(8);
  });
});

describe("inlay hints and the run lens", () => {
  it("show the latest value at the kpi line and the progress at the target line", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    const latest = {
      runId: "r",
      recordedAt: "2026-11-27T08:00:00Z",
      version: 3,
      definitionHash: "h",
      period: { start: "2026-11-16", end: "2026-11-23" },
      value: 0.273,
      status: "at_risk" as const,
    };
    state.values = { first_week_activation: { latest, recent: [latest] } satisfies LatestValue };
    const hints = inlayHints(state, ACTIVATION_FILE, everything, new Date("2026-11-27T10:00:00Z"));
    expect(hints.map((hint) => [hint.position, hint.label])).toEqual([
      // the week's last day 2026-11-22 is 53 of the 92 days from the 25% baseline to 30%: 27.9% expected
      [{ line: 0, character: 26 }, "27.3%, expected 27.9% now, 30% by 2026-12-31 · at risk · 2 h ago"],
      [{ line: 24, character: 6 }, "46% of the way from 25% to 30%"],
    ]);
    expect(inlayHints(state, "metrics/churn_rate.kpi.yaml", everything)).toEqual([]);
  });

  it("put a Run lens on the kpi key that runs that KPI", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    expect(codeLenses(state, ACTIVATION_FILE)).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
        command: { title: "▶ Run", command: "kpi.runKpi", arguments: ["first_week_activation"] },
      },
    ]);
  });
});
