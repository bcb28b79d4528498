// `kpi init --template saas|ecommerce|support`, end to end with the built CLI (needs `npm run build`):
// each start validates clean and `kpi run` computes a value for every KPI from its sample data on
// the embedded DuckDB; no template is the same shop as before; an unknown one is exit 2, naming them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir } from "../cli/run-cli.js";

const TODAY = "2026-12-03";
const TEMPLATES = ["saas", "ecommerce", "support"] as const;

/** The KPI files each template writes: its kind of team's start. */
const KPIS: Record<(typeof TEMPLATES)[number], string[]> = {
  saas: ["activation_rate", "churn_rate", "mrr_growth", "revenue_per_account"],
  ecommerce: ["average_order_value", "refund_rate", "repeat_purchase_rate"],
  support: ["first_response_time", "open_backlog", "resolution_time", "satisfaction"],
};

interface RunJson {
  results: { kpi: string; value: number | null; status: string; breakdowns?: Record<string, unknown[]> }[];
}

/** Every file below `dir`, relative, with its content. */
function contents(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, contents(dir, path));
    else files[path] = readFileSync(join(dir, path), "utf8");
  }
  return files;
}

describe.each(TEMPLATES)("kpi init --template %s", (template) => {
  const root = join(tempDir("kpi-init-"), template);

  it("writes its own kpi.yaml, KPI files and sample data, and validates clean", () => {
    const init = runKpi(["init", root, "--template", template, "--today", TODAY]);
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    expect(
      readdirSync(join(root, "kpis"))
        .map((file) => file.replace(/\.kpi\.yaml$/, ""))
        .sort(),
    ).toEqual(KPIS[template]);
    expect(readdirSync(join(root, "data")).length).toBeGreaterThan(0);
    const validate = runKpi(["validate", "--dir", root, "--today", TODAY, "--format", "json"]);
    expect(JSON.parse(validate.stdout).diagnostics).toEqual([]);
    expect(validate.status).toBe(0);
  });

  it("runs on the embedded DuckDB: every KPI and every segment gets a value", () => {
    const run = runKpi(["run", "--dir", root, "--today", TODAY, "--format", "json"]);
    expect(run.stderr).toBe("");
    const { results } = JSON.parse(run.stdout) as RunJson;
    expect(results.map((result) => result.kpi).sort()).toEqual(KPIS[template]);
    for (const result of results) {
      expect(["on_track", "at_risk", "off_track"], result.kpi).toContain(result.status);
      expect(typeof result.value, result.kpi).toBe("number");
      for (const [segment, rows] of Object.entries(result.breakdowns ?? {}))
        expect(rows.length, `${result.kpi} by ${segment}`).toBeGreaterThan(1);
    }
  });
});

describe("kpi init's templates", () => {
  it("without --template writes the shop it always wrote: the ecommerce template", () => {
    const plain = join(tempDir("kpi-init-"), "shop");
    const chosen = join(tempDir("kpi-init-"), "shop");
    expect(runKpi(["init", plain, "--today", TODAY]).status).toBe(0);
    expect(runKpi(["init", chosen, "--template", "ecommerce", "--today", TODAY]).status).toBe(0);
    expect(contents(plain)).toEqual(contents(chosen));
    expect(Object.keys(contents(plain))).toContain("data/orders.csv");
  });

  it("gives the same files for the same day (deterministic sample data)", () => {
    const first = join(tempDir("kpi-init-"), "desk");
    const second = join(tempDir("kpi-init-"), "desk");
    for (const root of [first, second])
      expect(runKpi(["init", root, "--template", "support", "--today", TODAY]).status).toBe(0);
    expect(contents(first)).toEqual(contents(second));
  });

  it("refuses an unknown template with exit 2, naming the choices, before writing anything", () => {
    const root = join(tempDir("kpi-init-"), "typo");
    const result = runKpi(["init", root, "--template", "sass"]);
    expect(result.status).toBe(2);
    for (const template of TEMPLATES) expect(result.stderr).toContain(template);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(root)).toBe(false);
  });

  it("lists the templates in its help", () => {
    const help = runKpi(["init", "--help"]);
    expect(help.status).toBe(0);
    for (const template of TEMPLATES) expect(help.stdout).toMatch(new RegExp(`^\\s+${template}\\s`, "m"));
  });
});
