import { analyzeFile, buildWorkspace } from "@kpi-as-code/core";
import { diffSourceFiles, diffWorkspaces } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

const diffOf = (base: Record<string, string>, head: Record<string, string>) =>
  diffSourceFiles(files(base), files(head), LABELS);

const riskIds = (risks: readonly { id: string }[]) => risks.map((risk) => risk.id).sort();

describe("KPI changes", () => {
  it("reports a lowered target and an un-bumped formula change with their risks", () => {
    const diff = diffOf(
      { "kpi.yaml": PROJECT, "activation.kpi.yaml": kpiText() },
      {
        "kpi.yaml": PROJECT,
        "activation.kpi.yaml": kpiText({ shortTerm: 0.27, formula: "activated / visits" }),
      },
    );
    expect(diff.kpis).toHaveLength(1);
    const [kpi] = diff.kpis;
    expect(kpi).toMatchObject({ id: "activation", change: "changed", file: "activation.kpi.yaml" });
    expect(kpi?.fields.map((field) => [field.field, field.before, field.after])).toEqual([
      ["formula", "activated / signups", "activated / visits"],
      ["target.short_term.value", 0.3, 0.27],
    ]);
    expect(riskIds(kpi?.risks ?? [])).toEqual(["meaning-changed", "target-eased", "version-not-bumped"]);
    expect(diff.summary.kpis).toEqual({ added: 0, removed: 0, changed: 1, moved: 0 });
    expect(diff.summary.risks).toEqual({ "meaning-changed": 1, "target-eased": 1, "version-not-bumped": 1 });
  });

  it("judges easing by the KPI's direction", () => {
    const lowerDecrease = diffOf(
      { "a.kpi.yaml": kpiText({ direction: "decrease", shortTerm: 0.3, warning: 0.4 }) },
      { "a.kpi.yaml": kpiText({ direction: "decrease", shortTerm: 0.2, warning: 0.5, version: 4 }) },
    );
    expect(riskIds(lowerDecrease.kpis[0]?.risks ?? [])).toEqual(["threshold-eased"]);
    const raiseIncrease = diffOf(
      { "a.kpi.yaml": kpiText({ shortTerm: 0.3, warning: 0.27 }) },
      { "a.kpi.yaml": kpiText({ shortTerm: 0.35, warning: 0.25, version: 4 }) },
    );
    expect(riskIds(raiseIncrease.kpis[0]?.risks ?? [])).toEqual(["threshold-eased"]);
  });

  it("counts a removed target or threshold as eased", () => {
    const withoutTarget = kpiText()
      .replace(/^target:\n(?: {2}.*\n)+/m, "")
      .replace(/^thresholds:.*\n/m, "");
    const diff = diffOf({ "a.kpi.yaml": kpiText() }, { "a.kpi.yaml": withoutTarget });
    const risks = diff.kpis[0]?.risks ?? [];
    expect(riskIds(risks)).toEqual([
      "target-eased",
      "target-eased",
      "threshold-eased",
      "threshold-eased",
      // The version rule counts target and thresholds as meaning.
      "version-not-bumped",
    ]);
    // Target and threshold changes move the bar; they do not change what is measured.
    expect(risks.some((risk) => risk.id === "meaning-changed")).toBe(false);
  });

  it("does not flag a bumped version, and ignores key order", () => {
    const reordered = kpiText().replace(
      "measures:\n  signups: { source: app, from: users, aggregate: count, time: signed_up_at }",
      "measures:\n  signups: { time: signed_up_at, aggregate: count, from: users, source: app }",
    );
    expect(diffOf({ "a.kpi.yaml": kpiText() }, { "a.kpi.yaml": reordered }).kpis).toEqual([]);
    const bumped = diffOf(
      { "a.kpi.yaml": kpiText() },
      { "a.kpi.yaml": kpiText({ version: 4, formula: "activated / visits" }) },
    );
    expect(riskIds(bumped.kpis[0]?.risks ?? [])).toEqual(["meaning-changed"]);
  });

  it("matches a KPI by id across a move, with and without edits", () => {
    const moved = diffOf({ "a/activation.kpi.yaml": kpiText() }, { "b/activation.kpi.yaml": kpiText() });
    expect(moved.kpis).toEqual([
      expect.objectContaining({
        change: "moved",
        file: "b/activation.kpi.yaml",
        previousFile: "a/activation.kpi.yaml",
        fields: [],
      }),
    ]);
    const edited = diffOf(
      { "a/activation.kpi.yaml": kpiText() },
      { "b/renamed.kpi.yaml": kpiText({ version: 4 }) },
    );
    expect(edited.kpis).toEqual([
      expect.objectContaining({ change: "changed", previousFile: "a/activation.kpi.yaml" }),
    ]);
    expect(edited.kpis[0]?.fields.map((field) => field.field)).toEqual(["version"]);
  });

  it("reports added and removed KPIs, flagging a removed core KPI", () => {
    const diff = diffOf(
      { "kpi.yaml": PROJECT, "old.kpi.yaml": kpiText({ id: "old", core: true }) },
      { "kpi.yaml": PROJECT, "new.kpi.yaml": kpiText({ id: "new" }) },
    );
    expect(diff.kpis.map((kpi) => [kpi.id, kpi.change, riskIds(kpi.risks)])).toEqual([
      ["new", "added", []],
      ["old", "removed", ["core-removed"]],
    ]);
  });

  it("describes measures added, removed and changed field by field", () => {
    const changed = kpiText()
      .replace("where: activated,", "where: activated and not test,")
      .replace(/ {2}visits: .*\n/, "  trials: { source: app, sql: 'select count(*) from trials' }\n");
    const diff = diffOf({ "a.kpi.yaml": kpiText() }, { "a.kpi.yaml": changed });
    expect(
      diff.kpis[0]?.fields.map((field) => [
        field.field,
        field.before === undefined,
        field.after === undefined,
      ]),
    ).toEqual([
      ["measures.activated.where", false, false],
      ["measures.visits", false, true],
      ["measures.trials", true, false],
    ]);
  });

  it("diffs full workspaces the same way as file sets", () => {
    const base = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() };
    const head = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText({ shortTerm: 0.25 }) };
    const workspace = (map: Record<string, string>) =>
      buildWorkspace(files(map).map((file) => analyzeFile(file)));
    expect(diffWorkspaces(workspace(base), workspace(head), LABELS)).toEqual(diffOf(base, head));
  });
});
