import { AGGREGATE_NAMES } from "@kpi-as-code/core";

/** Snippets in LSP snippet syntax for the blocks people write most. */
export function newKpiSnippet(id: string, owners: string[], goals: string[]): string {
  return [
    `kpi: ${tab(1, id)}`,
    "version: 1",
    `name: ${tab(2, "Human-readable name")}`,
    `description: ${tab(3, "What the KPI means, in plain language.")}`,
    `owner: ${idChoice(4, owners, "owner_id")}`,
    `goal: ${idChoice(5, goals, "goal_id")}`,
    `indicator: ${pick(6, ["leading", "lagging"])}`,
    `direction: ${pick(7, ["increase", "decrease"])}`,
    `cadence: ${pick(8, ["daily", "weekly", "monthly", "quarterly", "yearly"])}`,
    `unit: ${pick(9, ["ratio", "percent", "count", "currency", "duration", "score"])}`,
    `formula: ${tab(10, "numerator / denominator")}`,
    "measures:",
    ...measureLines("numerator", 11, "  "),
    ...measureLines("denominator", 15, "  "),
    "",
  ].join("\n");
}

export function targetSnippet(): string {
  return [
    "target:",
    `  baseline: { value: ${tab(1, "0")}, at: ${tab(2, "2026-01-01")} }`,
    `  short_term: { value: ${tab(3, "0")}, by: ${tab(4, "2026-06-30")} }`,
    `  mid_term: { value: ${tab(5, "0")}, by: ${tab(6, "2026-12-31")} }`,
  ].join("\n");
}

export function measureSnippet(): string {
  return measureLines(tab(1, "measure_id"), 2, "").join("\n");
}

function measureLines(id: string, first: number, indent: string): string[] {
  return [
    `${id}:`,
    `  source: ${tab(first, "source_id")}`,
    `  from: ${tab(first + 1, "table")}`,
    `  aggregate: ${pick(first + 2, AGGREGATE_NAMES)}`,
    `  time: ${tab(first + 3, "created_at")}`,
  ].map((line) => indent + line);
}

/** `${n:text}`, written without a template placeholder so it stays literal. */
export function tab(index: number, text: string): string {
  return `$${"{"}${index}:${text}}`;
}

/** `${n|a,b|}`: a choice between values. */
function pick(index: number, values: readonly string[]): string {
  return `$${"{"}${index}|${values.join(",")}|}`;
}

function idChoice(index: number, values: string[], fallback: string): string {
  const ids = values.filter((value) => /^[a-z][a-z0-9_]*$/.test(value));
  return ids.length > 0 ? pick(index, ids) : tab(index, fallback);
}
