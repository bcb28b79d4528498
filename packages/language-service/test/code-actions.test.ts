import { codeActions, type FileCodeAction } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import {
  ACTIVATION,
  ACTIVATION_FILE,
  CHURN,
  CHURN_FILE,
  cursor,
  markBefore,
  PROJECT,
  stateWith,
} from "./support/fixture.js";

function apply(text: string, action: FileCodeAction | undefined, file: string): string {
  const edits = [...(action?.edits[file] ?? [])].reverse();
  const lines = (value: string) => value.split("\n");
  let result = text;
  for (const edit of edits) {
    const all = lines(result);
    const offset = (p: { line: number; character: number }) =>
      all.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}

const at = (marked: string) => {
  const { position } = cursor(marked);
  return { start: position, end: position };
};

describe("code actions", () => {
  it("suggest the closest goal for an unknown one, and creating it in kpi.yaml", () => {
    const typo = ACTIVATION.replace("goal: grow_active_customers", "goal: grow_actve_customers");
    const marked = markBefore(typo, "grow_actve", 2);
    const { state } = stateWith(ACTIVATION_FILE, marked);
    const actions = codeActions(state, ACTIVATION_FILE, at(marked), ["alignment/unknown-goal"]);
    const change = actions.find((action) => action.isPreferred);
    expect(apply(typo, change, ACTIVATION_FILE)).toBe(ACTIVATION);
    const create = actions.find((action) => action.edits["kpi.yaml"]);
    const project = apply(PROJECT, create, "kpi.yaml");
    state.setFile("kpi.yaml", project);
    expect(Object.keys(state.workspace.goals)).toContain("grow_actve_customers");
    expect([...state.diagnostics().values()].flat().map((d) => d.rule)).not.toContain("schema");
  });

  it("suggest the closest owner, source and formula reference", () => {
    const typos = CHURN.replace("owner: support", "owner: suport")
      .replace("lost: { source: app,", "lost: { source: ap,")
      .replace("lost / customers", "lost / customer");
    const { state } = stateWith(CHURN_FILE, `${typos}|`);
    const whole = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const fixes = codeActions(state, CHURN_FILE, whole).filter((action) => action.isPreferred);
    expect(fixes.map((action) => action.title).sort()).toEqual([
      "Change to `app`",
      "Change to `customers`",
      "Change to `support`",
    ]);
    let fixed = typos;
    for (const fix of fixes) fixed = apply(fixed, fix, CHURN_FILE);
    expect(fixed).toBe(CHURN);
  });

  it("add a target skeleton and an action plan when missing", () => {
    const withoutTarget = CHURN.slice(0, CHURN.indexOf("target:"));
    const { state } = stateWith(CHURN_FILE, `${withoutTarget}|`);
    const actions = codeActions(state, CHURN_FILE, at(`${withoutTarget}|`), ["target/missing"]);
    const target = actions.find((action) => action.fixes?.includes("target/missing"));
    state.setFile(CHURN_FILE, apply(withoutTarget, target, CHURN_FILE));
    expect((state.diagnostics().get(CHURN_FILE) ?? []).map((d) => d.rule)).not.toContain("target/missing");
    const plan = actions.find((action) => action.title.includes("action plan"));
    expect(apply(withoutTarget, plan, CHURN_FILE)).toMatch(
      /\naction_plan:\n {2}- hypothesis: .+\n {4}experiment: .+\n$/,
    );
  });

  it("bump the version on the version line", () => {
    const marked = markBefore(ACTIVATION, "3\n");
    const { state } = stateWith(ACTIVATION_FILE, marked);
    const bump = codeActions(state, ACTIVATION_FILE, at(marked)).find((action) =>
      action.title.startsWith("Bump"),
    );
    expect(apply(ACTIVATION, bump, ACTIVATION_FILE)).toContain("version: 4\n");
  });

  it("swap inverted thresholds", () => {
    const inverted = ACTIVATION.replace(
      "{ warning: 0.27, critical: 0.22 }",
      "{ warning: 0.22, critical: 0.27 }",
    );
    const marked = markBefore(inverted, "critical");
    const { state } = stateWith(ACTIVATION_FILE, marked);
    const swap = codeActions(state, ACTIVATION_FILE, at(marked)).find((action) =>
      action.title.startsWith("Swap"),
    );
    const fixed = apply(inverted, swap, ACTIVATION_FILE);
    expect(fixed).toBe(ACTIVATION);
    state.setFile(ACTIVATION_FILE, fixed);
    expect((state.diagnostics().get(ACTIVATION_FILE) ?? []).map((d) => d.rule)).not.toContain(
      "thresholds/order",
    );
  });
});
