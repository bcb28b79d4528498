import { writeFiles } from "./lead-lag-workspace.js";

/**
 * A DuckDB workspace for 2026-11 where users sign up, activate and purchase, by channel:
 * ads 100 / 40 / 10, seo 50 / 30 / 15 (so 150 / 70 / 25 in all); in 2026-10 ads 80 / 40 / 8 and
 * seo 20 / 12 / 6. Funnel `onboarding` runs signups -> activated -> purchased; funnel
 * `upside_down` puts activated before signups. `activation_rate` is activated / signups by channel.
 */
export const FUNNEL_TODAY = "2026-12-15";

function users(): string {
  const rows = ["id,signed_up_at,channel,activated,purchased"];
  const add = (month: string, channel: string, count: number, activated: number, purchased: number) => {
    for (let i = 0; i < count; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      rows.push(`${rows.length},${month}-${day},${channel},${i < activated},${i < purchased}`);
    }
  };
  add("2026-10", "ads", 80, 40, 8);
  add("2026-10", "seo", 20, 12, 6);
  add("2026-11", "ads", 100, 40, 10);
  add("2026-11", "seo", 50, 30, 15);
  return `${rows.join("\n")}\n`;
}

function stepKpi(id: string, where?: string): string {
  return [
    `kpi: ${id}`,
    "version: 1",
    `name: ${id}`,
    "description: d",
    "owner: a",
    "goal: g",
    "indicator: leading",
    "unit: count",
    "direction: increase",
    "cadence: monthly",
    "formula: n",
    "measures:",
    `  n: { source: app, from: users, aggregate: count, time: signed_up_at${where ? `, where: "${where}"` : ""} }`,
    "segments: [channel]",
    "",
  ].join("\n");
}

export function funnelWorkspace(): string {
  return writeFiles({
    "kpi.yaml": [
      "project: p",
      "owners: { a: { name: A } }",
      "goals: { g: { statement: Grow } }",
      "sources:",
      "  app: { type: duckdb, tables: { users: data/users.csv } }",
      "funnels:",
      "  onboarding: { goal: g, steps: [signups, activated, purchased] }",
      "  upside_down: { steps: [activated, signups] }",
      "",
    ].join("\n"),
    "data/users.csv": users(),
    "signups.kpi.yaml": stepKpi("signups"),
    "activated.kpi.yaml": stepKpi("activated", "activated"),
    "purchased.kpi.yaml": stepKpi("purchased", "purchased"),
    "activation_rate.kpi.yaml": stepKpi("activation_rate")
      .replace("unit: count", "unit: ratio")
      .replace(
        "formula: n\nmeasures:\n",
        "formula: activated / signups\nmeasures:\n  activated: { source: app, from: users, aggregate: count, time: signed_up_at, where: activated }\n",
      )
      .replace("  n: {", "  signups: {"),
  });
}
