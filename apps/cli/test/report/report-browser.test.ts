import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ReportModel } from "@kpi-as-code/report";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/commands/report.js";
import { tempDir } from "../cli/run-cli.js";
import { launchChromium, openOffline } from "./browser.js";

// The examples' "today" (examples/README.md): their data runs to the end of 2026.
const TODAY = "2026-11-27";
const REPO = resolve(import.meta.dirname, "../../../..");
const ARTIFACTS = join(REPO, "test-artifacts", "report");
const EXAMPLES = ["saas", "ecommerce", "support"] as const;

let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Renders an example's report from a copy of it, so no history recorded elsewhere leaks in. */
async function renderExample(example: string): Promise<{ html: string; model: ReportModel }> {
  const root = join(tempDir("kpi-report-"), example);
  // The example without its local state (.kpi/: history a developer may have recorded).
  const source = join(REPO, "examples", example);
  cpSync(source, root, { recursive: true, filter: (path) => !path.startsWith(join(source, ".kpi")) });
  const out = join(ARTIFACTS, `${example}.html`);
  const code = await writeReport({ dir: root, out, today: TODAY });
  expect(code).toBe(0);
  const html = readFileSync(out, "utf8");
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1];
  return { html, model: JSON.parse(json ?? "null") as ReportModel };
}

function allKpis(model: ReportModel) {
  return [...model.goals.flatMap((goal) => [...goal.leading, ...goal.lagging]), ...model.unaligned];
}

describe.each(EXAMPLES)("kpi report for examples/%s in Chromium", (example) => {
  let html: string;
  let model: ReportModel;
  beforeAll(async () => {
    ({ html, model } = await renderExample(example));
  });

  it("draws every trend and breakdown from the data, offline and without console errors", async () => {
    const { page, problems } = await openOffline(browser, html);
    try {
      const kpis = allKpis(model);
      expect(kpis.length).toBeGreaterThan(0);
      for (const kpi of kpis) {
        const trend = page.locator(`figure[data-chart="trend"][data-kpi="${kpi.id}"]`);
        const points = kpi.trend.points.filter((point) => point.value !== null).length;
        // With no history, the report computes a monthly series for the last 12 months.
        expect(kpi.trend.source).toBe("computed");
        expect(kpi.trend.points).toHaveLength(12);
        expect(await trend.locator("svg g.trend-points circle").count()).toBe(points);
        if (points > 0) {
          expect(await trend.locator('svg g[aria-label="y-axis tick label"] text').count()).toBeGreaterThan(
            1,
          );
          expect(await trend.locator('svg g[aria-label="x-axis tick label"] text').count()).toBeGreaterThan(
            1,
          );
        }
        if (kpi.unit === "duration" && points > 0) {
          // Durations are hours (spec 1.2): the axis says so and its ticks are hours.
          const axis = await trend.locator('svg g[aria-label="y-axis label"] text').textContent();
          expect(axis).toContain("hours");
          const ticks = await trend.locator('svg g[aria-label="y-axis tick label"] text').allTextContents();
          for (const tick of ticks) expect(tick).toMatch(/^[-\d.,]+h$/);
        }
        if (kpi.unit === "score" && kpi.range) {
          expect(await page.locator(`#kpi-${kpi.id} .facts`).textContent()).toContain(
            `${kpi.range[0]} to ${kpi.range[1]}`,
          );
        }
        if (kpi.targetPath.length > 0 && points > 0) {
          expect(await trend.locator("svg g.target-points path").count()).toBe(kpi.targetPath.length);
        }
        if (points > 0) {
          // the ring of what the target path expects at the end of the current period (spec 5.1)
          const expected = kpi.expected !== null && kpi.period ? 1 : 0;
          expect(await trend.locator("svg g.expected-point circle").count()).toBe(expected);
        }
        if (kpi.bands.length > 0 && points > 0) {
          expect(await trend.locator("svg g.status-bands rect").count()).toBe(kpi.bands.length);
        }
        for (const breakdown of kpi.breakdowns) {
          const bars = page.locator(
            `figure[data-chart="breakdown"][data-kpi="${kpi.id}"][data-segment="${breakdown.segment}"] svg g.breakdown-bars rect`,
          );
          expect(await bars.count()).toBe(breakdown.rows.filter((row) => row.value !== null).length);
        }
      }
      expect(kpis.some((kpi) => kpi.breakdowns.length > 0)).toBe(true);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.requests).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `${example}.png`), fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it("shows the health summary, each status as symbol and word, and the KPI tree", async () => {
    const { page, problems } = await openOffline(browser, html, { colorScheme: "dark" });
    try {
      const tile = (status: string) => page.locator(`[data-health="${status}"] .count`).textContent();
      expect(Number(await tile("on_track"))).toBe(model.health.onTrack);
      expect(Number(await tile("at_risk"))).toBe(model.health.atRisk);
      expect(Number(await tile("off_track"))).toBe(model.health.offTrack);
      expect(Number(await tile("no_data"))).toBe(model.health.withoutData);
      // The examples are built so that some core KPIs are on track, some at risk and one off track.
      expect(model.health.onTrack).toBeGreaterThan(0);
      expect(model.health.atRisk + model.health.offTrack).toBeGreaterThan(0);
      for (const kpi of allKpis(model)) {
        const badge = page.locator(`#kpi-${kpi.id} .kpi-head .status`);
        expect(await badge.getAttribute("class")).toContain(`status-${kpi.status}`);
        expect((await badge.locator(".status-symbol").textContent())?.trim()).not.toBe("");
      }
      for (const goal of model.goals) {
        const goalNode = page.locator(`.kpi-tree > li[data-tree-node="goal:${goal.id}"]`);
        const aligned = [...goal.leading, ...goal.lagging].map((kpi) => kpi.id).sort();
        const shown = await goalNode
          .locator(":scope > ul > li")
          .evaluateAll((items) => items.map((item) => item.getAttribute("data-tree-node")));
        expect(shown.map((node) => node?.replace("kpi:", "")).sort()).toEqual(aligned);
      }
      expect(problems.consoleErrors).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `${example}-dark.png`), fullPage: true });
      await page.emulateMedia({ media: "print", colorScheme: "light" });
      await page.screenshot({ path: join(ARTIFACTS, `${example}-print.png`), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
