import { complete } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import { InsertTextFormat } from "vscode-languageserver-types";
import { ACTIVATION, ACTIVATION_FILE, markBefore, stateWith } from "./support/fixture.js";

const labels = (items: { label: string }[]) => items.map((item) => item.label);

describe("completion", () => {
  it("offers the top-level keys not yet written, with their schema docs", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, `${ACTIVATION}seg|`);
    const items = complete(state, ACTIVATION_FILE, position);
    expect(labels(items)).toContain("segments");
    expect(labels(items)).toContain("review");
    expect(labels(items)).not.toContain("formula");
    expect(items.find((item) => item.label === "segments")?.documentation).toBeTruthy();
  });

  it("offers the keys of a nested mapping and of a flow mapping", () => {
    const nested = stateWith(ACTIVATION_FILE, `${ACTIVATION}review:\n  |`);
    expect(labels(complete(nested.state, ACTIVATION_FILE, nested.position))).toEqual(["every", "next"]);
    const flow = stateWith(
      ACTIVATION_FILE,
      ACTIVATION.replace("{ value: 0.3, by: 2026-12-31 }", "{ value: 0.3, | }"),
    );
    expect(labels(complete(flow.state, ACTIVATION_FILE, flow.position))).toEqual(["by"]);
  });

  it("offers the keys of a measure inside the measures map", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "    time: signed_up_at\n  activated", 4),
    );
    const items = labels(complete(state, ACTIVATION_FILE, position));
    expect(items).toEqual(expect.arrayContaining(["column", "where", "sql"]));
    expect(items).not.toContain("from");
  });

  it("offers enum values with the field's description", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      ACTIVATION.replace("cadence: weekly", "cadence: w|"),
    );
    const items = complete(state, ACTIVATION_FILE, position);
    expect(labels(items)).toEqual(["daily", "weekly", "monthly", "quarterly", "yearly"]);
    expect(items[0]?.textEdit).toMatchObject({
      newText: "daily",
      range: { start: { line: 10, character: 9 } },
    });
  });

  it("offers goal, owner and source ids where they belong", () => {
    const goal = stateWith(ACTIVATION_FILE, ACTIVATION.replace("goal: grow_active_customers", "goal: |"));
    const goalItems = complete(goal.state, ACTIVATION_FILE, goal.position);
    expect(labels(goalItems)).toEqual(["grow_active_customers", "keep_customers"]);
    expect(JSON.stringify(goalItems[0]?.documentation)).toContain("Grow new sign-ups");
    const owner = stateWith(ACTIVATION_FILE, ACTIVATION.replace("owner: growth", "owner: gr|"));
    expect(labels(complete(owner.state, ACTIVATION_FILE, owner.position))).toEqual(["growth", "support"]);
    const source = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "app\n    from: users\n    aggregate: count\n    where"),
    );
    expect(labels(complete(source.state, ACTIVATION_FILE, source.position))).toEqual(["app"]);
    const planOwner = stateWith(ACTIVATION_FILE, `${ACTIVATION}    owner: |`);
    expect(labels(complete(planOwner.state, ACTIVATION_FILE, planOwner.position))).toEqual([
      "growth",
      "support",
    ]);
  });

  it("offers this KPI's measures, then the other KPIs, then the functions, inside a formula", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      ACTIVATION.replace("activated / signups", "activated / sig|"),
    );
    const items = complete(state, ACTIVATION_FILE, position);
    expect(labels(items)).toEqual(["signups", "activated", "churn_rate", "min", "max", "abs", "previous"]);
    expect(items[0]?.textEdit).toMatchObject({ range: { start: { character: 21 }, end: { character: 24 } } });
  });

  it("offers a whole KPI file as a snippet in an empty file, and target and measure snippets", () => {
    const empty = stateWith("metrics/new_metric.kpi.yaml", "|");
    const [item] = complete(empty.state, "metrics/new_metric.kpi.yaml", empty.position);
    expect(item?.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(item?.insertText).toMatch(/^kpi: \$\{1:new_metric\}$/m);
    expect(item?.insertText).toMatch(/^goal: \$\{5\|grow_active_customers,keep_customers\|\}$/m);
    const withoutTarget = ACTIVATION.slice(0, ACTIVATION.indexOf("target:"));
    const target = stateWith(ACTIVATION_FILE, `${withoutTarget}|`);
    expect(labels(complete(target.state, ACTIVATION_FILE, target.position))).toContain("target block");
    const measure = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "  activated:\n", 2));
    expect(labels(complete(measure.state, ACTIVATION_FILE, measure.position))).toContain("measure");
  });

  it("offers the project file's keys and owner ids for goals", () => {
    const { state, position } = stateWith(
      "kpi.yaml",
      "project: acme\nowners:\n  growth: {}\ngoals:\n  g:\n    statement: x\n    owner: |\n",
    );
    expect(labels(complete(state, "kpi.yaml", position))).toEqual(["growth"]);
  });
});
