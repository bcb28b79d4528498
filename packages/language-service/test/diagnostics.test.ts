import { validateFiles } from "@kpi-as-code/core";
import { DiagnosticsPublisher, RULES_DOC_URL, toLspDiagnostic } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import {
  ACTIVATION,
  ACTIVATION_FILE,
  CHURN_FILE,
  FILES,
  PROJECT,
  stateWith,
  TODAY,
} from "./support/fixture.js";

describe("diagnostics", () => {
  it("are exactly those of the validation entry point kpi validate uses", () => {
    const broken = ACTIVATION.replace("goal: grow_active_customers", "goal: grow_actve_customers");
    const { state } = stateWith(ACTIVATION_FILE, `${broken}|`);
    const expected = validateFiles(
      Object.entries({ ...FILES, [ACTIVATION_FILE]: broken }).map(([file, text]) => ({ file, text })),
      { today: TODAY },
    ).diagnostics;
    const actual = [...state.diagnostics().values()].flat();
    expect(actual).toEqual(expected);
    expect(actual.map((diagnostic) => diagnostic.rule)).toContain("alignment/unknown-goal");
  });

  it("read a Unicode space after a value as YAML does, as kpi validate and kpi run do", () => {
    // YAML trims only spaces and tabs: "growth\u00a0" is no owner id, in the editor as everywhere.
    const spaced = ACTIVATION.replace(/^owner: (\w+)$/m, "owner: $1\u00a0");
    expect(spaced).not.toBe(ACTIVATION);
    const { state } = stateWith(ACTIVATION_FILE, `${spaced}|`);
    const expected = validateFiles(
      Object.entries({ ...FILES, [ACTIVATION_FILE]: spaced }).map(([file, text]) => ({ file, text })),
      { today: TODAY },
    ).diagnostics;
    const actual = [...state.diagnostics().values()].flat();
    expect(actual).toEqual(expected);
    expect(actual.filter((d) => d.file === ACTIVATION_FILE).map((d) => d.rule)).toContain("schema");
  });

  it("carry the rule id as code and a link to the rule's docs", () => {
    const { state } = stateWith(
      ACTIVATION_FILE,
      `${ACTIVATION.replace("cadence: weekly", "cadence: hourly")}|`,
    );
    const [first] = (state.diagnostics().get(ACTIVATION_FILE) ?? []).map(toLspDiagnostic);
    expect(first).toMatchObject({
      code: "schema",
      codeDescription: { href: `${RULES_DOC_URL}#schema` },
      severity: 1,
      range: { start: { line: 10, character: 9 }, end: { line: 10, character: 15 } },
    });
  });

  it("republishes only the files whose diagnostics changed", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    const publisher = new DiagnosticsPublisher();
    const withDiagnostics = [...state.diagnostics()]
      .filter(([, list]) => list.length > 0)
      .map(([file]) => file);
    expect(withDiagnostics).toContain("kpi.yaml");
    expect(publisher.changes(state).map((change) => change.file)).toEqual(withDiagnostics);
    expect(publisher.changes(state)).toEqual([]);
    // Renaming a goal breaks the KPI aligned to it and uncovers the new goal: two files, not three.
    state.setFile("kpi.yaml", PROJECT.replace("keep_customers:", "retain_customers:"));
    const changed = publisher.changes(state);
    expect(changed.map((change) => change.file).sort()).toEqual(["kpi.yaml", CHURN_FILE]);
    expect(changed.find((change) => change.file === CHURN_FILE)?.diagnostics.map((d) => d.code)).toContain(
      "alignment/unknown-goal",
    );
    state.deleteFile(CHURN_FILE);
    expect(publisher.changes(state).find((change) => change.file === CHURN_FILE)).toEqual({
      file: CHURN_FILE,
      diagnostics: [],
    });
  });

  it("do not depend on the order files were added in", () => {
    const duplicate = ACTIVATION.replace("name: First-week", "name: Copy of first-week");
    const { state } = stateWith("z/first_week_activation.kpi.yaml", `${duplicate}|`);
    state.setFile("a/first_week_activation.kpi.yaml", ACTIVATION);
    const files = state.fileNames().map((file) => ({ file, text: state.text(file) ?? "" }));
    const expected = validateFiles(files, { today: TODAY }).diagnostics;
    expect([...state.diagnostics().values()].flat()).toEqual(expected);
    expect(expected.map((diagnostic) => diagnostic.rule)).toContain("id/duplicate");
  });

  it("keep an unchanged file's analysis when its text is set again", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    const before = state.entry(ACTIVATION_FILE);
    expect(state.setFile(ACTIVATION_FILE, ACTIVATION)).toBe(false);
    expect(state.entry(ACTIVATION_FILE)).toBe(before);
  });
  it("follow edits, additions and deletions applied to the model when it is next read", () => {
    const { state } = stateWith(ACTIVATION_FILE, `${ACTIVATION}|`);
    const model = state.workspace;
    void state.diagnostics();
    const texts: Record<string, string> = { ...FILES, [ACTIVATION_FILE]: ACTIVATION };
    const edits: [string, string | undefined][] = [
      [ACTIVATION_FILE, ACTIVATION.replace("goal: grow_active_customers", "goal: nowhere")],
      ["x/copy.kpi.yaml", ACTIVATION],
      [CHURN_FILE, undefined],
      ["x/copy.kpi.yaml", undefined],
      ["x/copy.kpi.yaml", ACTIVATION.replace("name: First-week", "name: Again")],
    ];
    for (const [file, text] of edits) {
      if (text === undefined) {
        state.deleteFile(file);
        delete texts[file];
      } else {
        state.setFile(file, text);
        texts[file] = text;
      }
      const files = Object.entries(texts).map(([name, content]) => ({ file: name, text: content }));
      expect([...state.diagnostics().values()].flat()).toEqual(
        validateFiles(files, { today: TODAY }).diagnostics,
      );
    }
    // A few files changed: the same model was updated in place, so validation stayed incremental.
    expect(state.workspace).toBe(model);
    expect(state.workspace.kpiInFile(CHURN_FILE)).toBeUndefined();
  });
});
