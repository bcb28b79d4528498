import { definition, prepareRename, references, rename } from "@kpi-as-code/language-service";
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

describe("definition and references", () => {
  it("goes from a KPI's goal to its declaration in kpi.yaml", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "grow_active_customers"));
    expect(definition(state, ACTIVATION_FILE, position)).toEqual([
      { file: "kpi.yaml", range: { start: { line: 6, character: 2 }, end: { line: 6, character: 23 } } },
    ]);
  });

  it("goes from a formula identifier to its measure, and lists an owner's uses across files", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "signups", 2));
    expect(definition(state, ACTIVATION_FILE, position)).toEqual([
      {
        file: ACTIVATION_FILE,
        range: { start: { line: 13, character: 2 }, end: { line: 13, character: 9 } },
      },
    ]);
    const owner = stateWith("kpi.yaml", markBefore(PROJECT, "support:"));
    const found = references(owner.state, "kpi.yaml", owner.position, true).map(
      (ref) => `${ref.file}:${ref.range.start.line}`,
    );
    expect(found.sort()).toEqual(["kpi.yaml:11", "kpi.yaml:3", `${CHURN_FILE}:4`].sort());
    expect(references(owner.state, "kpi.yaml", owner.position, false)).toHaveLength(2);
  });

  it("finds the KPIs that build on a KPI", () => {
    const churn = CHURN.replace("lost / customers", "lost / customers * first_week_activation");
    const files = { [CHURN_FILE]: churn };
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "first_week_activation", 1),
      {
        "kpi.yaml": PROJECT,
        ...files,
      },
    );
    expect(references(state, ACTIVATION_FILE, position, false)).toEqual([
      { file: CHURN_FILE, range: { start: { line: 10, character: 28 }, end: { line: 10, character: 49 } } },
    ]);
  });
});

describe("rename", () => {
  it("renames a goal in kpi.yaml and in every KPI aligned to it", () => {
    const { state, position } = stateWith("kpi.yaml", markBefore(PROJECT, "keep_customers", 2));
    expect(prepareRename(state, "kpi.yaml", position)).toMatchObject({ placeholder: "keep_customers" });
    const result = rename(state, "kpi.yaml", position, "retain_customers");
    expect(result).toEqual({
      edits: {
        "kpi.yaml": [
          {
            range: { start: { line: 9, character: 2 }, end: { line: 9, character: 16 } },
            newText: "retain_customers",
          },
        ],
        [CHURN_FILE]: [
          {
            range: { start: { line: 5, character: 6 }, end: { line: 5, character: 20 } },
            newText: "retain_customers",
          },
        ],
      },
    });
  });

  it("renames a measure in its key and inside the formula only", () => {
    const { state, position } = stateWith(CHURN_FILE, markBefore(CHURN, "customers:"));
    const result = rename(state, CHURN_FILE, position, "active");
    expect("edits" in result && result.edits[CHURN_FILE]?.map((edit) => edit.range.start)).toEqual([
      { line: 13, character: 2 },
      { line: 10, character: 16 },
    ]);
  });

  it("moves a KPI file named after its id along with the id", () => {
    const { state, position } = stateWith(CHURN_FILE, markBefore(CHURN, "churn_rate", 2));
    const result = rename(state, CHURN_FILE, position, "customer_churn");
    expect(result).toMatchObject({ move: { from: CHURN_FILE, to: "metrics/customer_churn.kpi.yaml" } });
    const misnamed = stateWith("metrics/other.kpi.yaml", markBefore(CHURN, "churn_rate", 2));
    expect(
      rename(misnamed.state, "metrics/other.kpi.yaml", misnamed.position, "customer_churn"),
    ).not.toHaveProperty("move");
  });

  it("renames a quoted owner without its quotes", () => {
    const quoted = ACTIVATION.replace("owner: growth", 'owner: "growth"');
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(quoted, "growth", 2));
    const result = rename(state, ACTIVATION_FILE, position, "marketing");
    expect("edits" in result && result.edits[ACTIVATION_FILE]?.[0]?.range).toEqual({
      start: { line: 4, character: 8 },
      end: { line: 4, character: 14 },
    });
    expect(Object.keys("edits" in result ? result.edits : {}).sort()).toEqual(["kpi.yaml", ACTIVATION_FILE]);
  });

  it("refuses what is not an id, and names that are not ids", () => {
    const number = stateWith(ACTIVATION_FILE, ACTIVATION.replace("version: 3", "version: |3"));
    expect(prepareRename(number.state, ACTIVATION_FILE, number.position)).toBeUndefined();
    const key = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "cadence"));
    expect(prepareRename(key.state, ACTIVATION_FILE, key.position)).toBeUndefined();
    const goal = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "grow_active_customers"));
    expect(rename(goal.state, ACTIVATION_FILE, goal.position, "Not An Id")).toHaveProperty("error");
  });
});
