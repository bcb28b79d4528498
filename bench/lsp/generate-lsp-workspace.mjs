// A deterministic workspace for the language-server benchmark: kpi.yaml with 20 goals and `count` KPI
// files in folders of 100, every tenth one carrying a mistake so that validation reports real work.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const GOALS = 20;
const OWNERS = ["growth", "product", "finance", "support", "sales", "ops"];

export function projectText() {
  const owners = OWNERS.map((owner) => `  ${owner}: { name: ${owner} team }`).join("\n");
  const goals = Array.from(
    { length: GOALS },
    (_, g) =>
      `  goal_${g}:\n    statement: Lift outcome ${g} by ${10 + g}% by 2027\n    owner: ${OWNERS[g % OWNERS.length]}`,
  ).join("\n");
  return `project: lsp-bench\nowners:\n${owners}\ngoals:\n${goals}\nsources:\n  app: { type: duckdb, tables: { events: data/events.csv } }\npolicy:\n  core_kpis: { min: 0, max: 20000 }\n`;
}

export function kpiText(index, { goal = `goal_${index % GOALS}` } = {}) {
  const id = `kpi_${index}`;
  const leading = index % 2 === 0;
  const mistake = index % 10 === 7;
  return `kpi: ${id}
version: ${1 + (index % 4)}
name: Benchmark KPI ${index}
description: >
  Share of events of kind ${index} among all events, by month.
owner: ${OWNERS[index % OWNERS.length]}
goal: ${goal}
indicator: ${leading ? "leading" : "lagging"}
unit: ratio
direction: ${mistake ? "sideways" : "increase"}
cadence: monthly
formula: hits / total${index > 0 && index % 50 === 0 ? ` + kpi_${index - 1} * 0` : ""}
measures:
  hits:
    source: app
    from: events
    aggregate: count
    where: kind = ${index}
    time: created_at
  total: { source: app, from: events, aggregate: count, time: created_at }
target:
  baseline: { value: 0.1, at: 2026-09-30 }
  short_term: { value: 0.2, by: 2027-03-31 }
  mid_term: { value: 0.3, by: 2027-09-30 }
thresholds: { warning: 0.15, critical: 0.12 }
`;
}

export function kpiFile(index) {
  return `group_${Math.floor(index / 100)}/kpi_${index}.kpi.yaml`;
}

export function generateLspWorkspace(root, count) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "kpi.yaml"), projectText());
  for (let index = 0; index < count; index++) {
    const file = join(root, kpiFile(index));
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, kpiText(index));
  }
}
