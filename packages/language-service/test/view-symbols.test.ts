// A source's views are symbols: `from` goes to the view's declaration in kpi.yaml, and hovering a
// view shows its SQL. A `from` naming a table has no definition (it is a table of the database).
import { complete, definition, hover } from "@kpi-as-code/language-service";
import { describe, expect, it } from "vitest";
import { ACTIVATION, ACTIVATION_FILE, markBefore, PROJECT, stateWith } from "./support/fixture.js";

const VIEW_SQL = "SELECT * FROM raw_users WHERE deleted_at IS NULL";
const PROJECT_WITH_VIEW = PROJECT.replace(
  "    path: data/app.duckdb\n",
  `    path: data/app.duckdb\n    views:\n      users: ${VIEW_SQL}\n`,
);
const VIEW_LINE = PROJECT_WITH_VIEW.split("\n").findIndex((line) => line.startsWith("      users:"));

describe("views as symbols", () => {
  it("goes from a measure's from to the view in kpi.yaml", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "from: users", 7), {
      "kpi.yaml": PROJECT_WITH_VIEW,
    });
    expect(definition(state, ACTIVATION_FILE, position)).toEqual([
      {
        file: "kpi.yaml",
        range: { start: { line: VIEW_LINE, character: 6 }, end: { line: VIEW_LINE, character: 11 } },
      },
    ]);
  });

  it("shows the view's SQL on hover", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "from: users", 7), {
      "kpi.yaml": PROJECT_WITH_VIEW,
    });
    const result = hover(state, ACTIVATION_FILE, position);
    const contents = result?.contents as { value: string } | undefined;
    expect(contents?.value).toContain(VIEW_SQL);
  });

  it("has no definition for a table", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "from: users", 7), {
      "kpi.yaml": PROJECT,
    });
    expect(definition(state, ACTIVATION_FILE, position)).toEqual([]);
  });
});

describe("completing a measure's from", () => {
  const PROJECT_WITH_TABLES = PROJECT_WITH_VIEW.replace(
    "    path: data/app.duckdb\n",
    "    tables:\n      raw_users: data/users.csv\n",
  ).replace("  app:\n", "  other:\n    type: duckdb\n    views:\n      elsewhere: SELECT 1 AS x\n  app:\n");

  it("offers the views and declared tables of the measure's own source, the view with its SQL", () => {
    const { state, position } = stateWith(ACTIVATION_FILE, markBefore(ACTIVATION, "users\n", 0), {
      "kpi.yaml": PROJECT_WITH_TABLES,
    });
    const items = complete(state, ACTIVATION_FILE, position);
    expect(items.map((item) => [item.label, item.kind])).toEqual([
      ["users", 8],
      ["raw_users", 22],
    ]);
    expect(JSON.stringify(items[0]?.documentation)).toContain(VIEW_SQL);
  });
});
