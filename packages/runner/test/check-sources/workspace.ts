import { writeFileSync } from "node:fs";
import path from "node:path";

/** Views of the checked source: one that compiles, one naming a column its table lacks. */
export const VIEWS = {
  buyers: "SELECT user_id, amount FROM events WHERE kind = 'purchase'",
  broken: "SELECT nope FROM events",
};

/** A fixture KPI's first ten lines: its formula goes on line 11, so findings' lines stay fixed. */
export const kpiHead = (id: string, name = id) => `kpi: ${id}
version: 1
name: ${name}
description: Source check fixture.
owner: growth
goal: grow
indicator: lagging
unit: count
direction: increase
cadence: monthly
`;

/** Line 13 on: one measure a line, so each finding's line says which measure it is. */
export const CHECKED = `${kpiHead("checked")}formula: good + expr_good + bad_column + bad_table + bad_view + bad_where + bad_expr + raw_good + raw_bad + on_view + upper
measures:
  good: { source: db, from: events, aggregate: sum, column: amount, time: occurred_at, where: "kind = 'purchase' AND occurred_at >= :start" }
  expr_good: { source: db, from: events, aggregate: sum, expr: "amount * 2", active: { from: occurred_at, until: occurred_at } }
  bad_column: { source: db, from: events, aggregate: count, time: ocurred_at }
  bad_table: { source: db, from: event, aggregate: count }
  bad_view: { source: db, from: buyer, aggregate: count }
  bad_where: { source: db, from: events, aggregate: count, where: "kind = = 'x'" }
  bad_expr: { source: db, from: events, aggregate: sum, expr: "amount +" }
  raw_good: { source: db, sql: "SELECT count(*) FROM events WHERE occurred_at < :end" }
  raw_bad: { source: db, sql: "SELECT count(*) FROM events WHERE" }
  on_view: { source: db, from: buyers, aggregate: count_distinct, column: usr_id }
  upper: { source: db, from: events, aggregate: sum, column: AMOUNT }
`;

/** Segments apply to every measure: a misspelt one is reported once, at the segment. */
export const SEGMENTED = `${kpiHead("segmented")}formula: n + m
segments: [channel, chanel]
measures:
  n: { source: db, from: events, aggregate: count, time: occurred_at }
  m: { source: db, from: events, aggregate: avg, column: amount }
`;

export function projectText(sources: Record<string, Record<string, unknown>>): string {
  const lines = [
    "project: checks",
    "owners:",
    "  growth: { name: Growth }",
    "goals:",
    "  grow: { statement: Grow }",
    "sources:",
  ];
  for (const [id, source] of Object.entries(sources)) lines.push(`  ${id}: ${JSON.stringify(source)}`);
  return `${lines.join("\n")}\n`;
}

export function writeCheckedWorkspace(
  dir: string,
  source: Record<string, unknown>,
  extra: Record<string, Record<string, unknown>> = {},
): void {
  writeFileSync(path.join(dir, "kpi.yaml"), projectText({ db: { ...source, views: VIEWS }, ...extra }));
  writeFileSync(path.join(dir, "checked.kpi.yaml"), CHECKED);
  writeFileSync(path.join(dir, "segmented.kpi.yaml"), SEGMENTED);
}

/** Where `token` first appears on 1-based `line` of `text`: the position a diagnostic at that value has. */
export function positionOf(text: string, line: number, token: string): { line: number; column: number } {
  const column = (text.split("\n")[line - 1] ?? "").indexOf(token);
  if (column < 0) throw new Error(`"${token}" is not on line ${line}`);
  return { line, column: column + 1 };
}
