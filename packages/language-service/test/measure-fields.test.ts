import { complete, hover } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import { ACTIVATION, ACTIVATION_FILE, markBefore, stateWith } from "./support/fixture.js";

// The fields of spec section 4 reach the editor through the schema: completion offers them and
// hover explains them, with no list of fields in the language service.

const labels = (items: { label: string }[]) => items.map((item) => item.label);
const text = (result: ReturnType<typeof hover>) =>
  result && typeof result.contents === "object" && "value" in result.contents ? result.contents.value : "";

const WITH_FIELDS = ACTIVATION.replace(
  "    where: activated_at is not null\n    time: signed_up_at\n",
  "    where: activated_at is not null\n    time: signed_up_at\n    window: 28d\n  open:\n    source: app\n    from: users\n    aggregate: count\n    active: { from: signed_up_at, until: churned_at }\n",
).replace("formula: activated / signups", "formula: activated / signups + open");

describe("the measure fields of section 4 in the editor", () => {
  it("completes expr, duration, window, active and percentile among a measure's keys", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      markBefore(ACTIVATION, "    time: signed_up_at\n  activated", 4),
    );
    expect(labels(complete(state, ACTIVATION_FILE, position))).toEqual(
      expect.arrayContaining(["expr", "duration", "window", "active", "percentile"]),
    );
  });

  it("completes median and percentile as aggregates", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      ACTIVATION.replace("    aggregate: count\n    where", "    aggregate: m|\n    where"),
    );
    expect(labels(complete(state, ACTIVATION_FILE, position))).toEqual(
      expect.arrayContaining(["median", "percentile"]),
    );
  });

  it("completes the keys of active, at included", () => {
    const { state, position } = stateWith(
      ACTIVATION_FILE,
      WITH_FIELDS.replace("until: churned_at }", "until: churned_at, | }"),
    );
    expect(labels(complete(state, ACTIVATION_FILE, position))).toEqual(["at"]);
  });

  it("explains window and active on hover", () => {
    const window = stateWith(ACTIVATION_FILE, markBefore(WITH_FIELDS, "window: 28d", 2));
    expect(text(hover(window.state, ACTIVATION_FILE, window.position))).toContain(
      "end - N days <= time < end",
    );
    const active = stateWith(ACTIVATION_FILE, markBefore(WITH_FIELDS, "active:", 2));
    expect(text(hover(active.state, ACTIVATION_FILE, active.position))).toContain("`until` is null");
  });
});
