import { FORMULA_FUNCTION_DOCS } from "@kpi-as-code/core";
import { complete, hover } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import { InsertTextFormat } from "vscode-languageserver-types";
import { ACTIVATION, ACTIVATION_FILE, stateWith } from "./support/fixture.js";

const GROWTH = ACTIVATION.replace(
  "activated / signups",
  "activated / previous(activated, 12) - 1 + 0 * signups",
);

describe("formula functions in the editor", () => {
  it("offers previous(x) as a snippet with its semantics, after measures and KPIs", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      ACTIVATION.replace("activated / signups", "prev|"),
    );
    const items = complete(state, ACTIVATION_FILE, position);
    const previous = items.find((item) => item.label === "previous");
    expect(previous?.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(previous?.textEdit).toMatchObject({ newText: expect.stringMatching(/^previous\(\$\{1:x\}\)$/) });
    expect(previous?.documentation).toEqual({ kind: "markdown", value: FORMULA_FUNCTION_DOCS.previous });
    expect(items.indexOf(previous as (typeof items)[number])).toBeGreaterThan(
      items.findIndex((item) => item.label === "signups"),
    );
  });

  it("hovers previous with its semantics over the name only, and a measure inside it as a measure", () => {
    const column = GROWTH.split("\n")
      .find((line) => line.startsWith("formula:"))
      ?.indexOf("previous") as number;
    const line = GROWTH.split("\n").findIndex((text) => text.startsWith("formula:"));
    const onName = stateWith(ACTIVATION_FILE, GROWTH.replace("previous(", "prev|ious("));
    const result = hover(onName.state, ACTIVATION_FILE, onName.position);
    expect(result?.contents).toEqual({ kind: "markdown", value: FORMULA_FUNCTION_DOCS.previous });
    expect(result?.range).toEqual({
      start: { line, character: column },
      end: { line, character: column + "previous".length },
    });
    const onMeasure = stateWith(ACTIVATION_FILE, GROWTH.replace("previous(activated", "previous(activ|ated"));
    const measure = hover(onMeasure.state, ACTIVATION_FILE, onMeasure.position);
    expect(measure?.contents).not.toEqual({ kind: "markdown", value: FORMULA_FUNCTION_DOCS.previous });
    expect(measure?.range?.start.character).toBe(column + "previous(".length);
  });
});
