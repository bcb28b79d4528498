import { assertReadOnlyQuery, inlineTables, type SqlDialect } from "@kpi-as-code/connection";
import { viewsNamedIn } from "@kpi-as-code/core";

/** A source's views, name -> one SELECT in the source's dialect (kpi.yaml `views:`). */
export type SourceViews = Readonly<Record<string, string>>;

/**
 * The views a query over `table` needs, each after the views it reads: `table` itself when it is a
 * view, and every view its SQL names, transitively. Throws on a cycle (the rules report it in the
 * editor; a run must not loop).
 */
export function viewsInDependencyOrder(table: string, views: SourceViews): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, path: readonly string[]): void => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`View cycle: ${[...path, name].join(" -> ")}`);
    visiting.add(name);
    for (const other of viewsNamedIn(views[name] as string, Object.keys(views)))
      visit(other, [...path, name]);
    visiting.delete(name);
    ordered.push(name);
  };
  if (Object.hasOwn(views, table)) visit(table, []);
  return ordered;
}

/**
 * Puts the views a statement reads in front of it as common table expressions (every engine here
 * has them: DuckDB, SQLite, PostgreSQL, MySQL 8 and MariaDB 10.2+). Each view must be one read-only
 * SELECT; a failure names the view.
 */
export function prependViews(sql: string, table: string, views: SourceViews, dialect: SqlDialect): string {
  const names = viewsInDependencyOrder(table, views);
  if (names.length === 0) return sql;
  const bodies = new Map<string, string>();
  for (const name of names) {
    const body = (views[name] as string).trim().replace(/;\s*$/, "");
    try {
      assertReadOnlyQuery(body, dialect);
    } catch (error) {
      throw new Error(`View "${name}": ${error instanceof Error ? error.message : String(error)}`);
    }
    // Without WITH (ClickHouse 18.16), each view is inlined where FROM or JOIN names it, after the views it reads.
    bodies.set(
      name,
      dialect.commonTableExpressions ? body : inlineTables(body, dialect, (n) => bodies.get(n)),
    );
  }
  if (!dialect.commonTableExpressions) return inlineTables(sql, dialect, (n) => bodies.get(n));
  const ctes = names.map((name) => `${dialect.quoteIdentifier(name)} AS (\n${bodies.get(name)}\n)`);
  return `WITH ${ctes.join(",\n")}\n${sql}`;
}
