import { isSqlMeasure } from "../model/types.js";
import { asRecord } from "../model/workspace.js";
import { messages } from "./messages.js";
import { closestMatch, projectIsReadable, type Rule, validKpis } from "./rule.js";

/**
 * The names a source's `from` may read when all of them are in kpi.yaml: a DuckDB source without a
 * database file (`path`) is an in-memory database holding only its `tables` and `views`. Undefined
 * for every other source, whose tables live in a database only `kpi validate --sources` can see.
 */
function declaredNames(definition: unknown): { tables: string[]; views: string[] } | undefined {
  const source = asRecord(definition);
  if (source.type !== "duckdb" || source.path !== undefined) return undefined;
  return { tables: Object.keys(asRecord(source.tables)), views: Object.keys(asRecord(source.views)) };
}

/**
 * DuckDB folds a table's name (quoted or not), and its `tables` live in the in-memory database's main
 * schema (`memory.main.users`, `main.users`); a view is found by its exact name, as the runner does.
 */
function names(from: string, declared: { tables: string[]; views: string[] }): boolean {
  const table = from.replace(/^(?:memory\.)?(?:main\.)?/i, "").toLowerCase();
  return declared.views.includes(from) || declared.tables.some((name) => name.toLowerCase() === table);
}

export const measurabilityUnknownTable: Rule = {
  id: "measurability/unknown-table",
  scope: "file",
  defaultSeverity: "error",
  summary:
    "A measure's `from` names no table or view of its source: for an in-memory `duckdb` source, none of its `tables` or `views`; with `--sources`, none the database has.",
  why: "A measure over a table that does not exist fails on every run. A DuckDB source without a database file (`path`) is an in-memory database holding exactly the `tables` and `views` kpi.yaml declares, so a misspelt name is found in the files alone. A DuckDB source with a database file may hold tables kpi.yaml never names, and other engines' tables live in their databases: for those, only `kpi validate --sources` asks the database.",
  example:
    "# kpi.yaml: sources: { app: { type: duckdb, tables: { users: data/users.csv } } }\nmeasures:\n  signups: { source: app, from: user, aggregate: count }   # no table 'user'\n",
  fix: "Name one of the source's `tables` or `views` (for a DuckDB source with a database file, or another engine, a table or view the database has), or declare the table in kpi.yaml.",
  check(context) {
    if (!projectIsReadable(context.workspace)) return;
    const sources = context.workspace.sources;
    for (const entry of validKpis(context.workspace)) {
      for (const [measure, definition] of Object.entries(entry.data.measures ?? {})) {
        if (isSqlMeasure(definition) || !Object.hasOwn(sources, definition.source)) continue;
        const declared = declaredNames(sources[definition.source]);
        if (!declared || names(definition.from, declared)) continue;
        const suggestion = closestMatch(definition.from, [...declared.tables, ...declared.views]);
        context.report(
          entry.file,
          { path: ["measures", measure, "from"] },
          messages["measurability/unknown-table"]({
            table: definition.from,
            source: definition.source,
            suggestion,
          }),
        );
      }
    }
  },
};
