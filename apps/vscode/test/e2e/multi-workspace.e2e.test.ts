import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandView, openFile, runCommand } from "./harness/browser.js";
import { codeServerInstallable } from "./harness/code-server.js";
import {
  ARTIFACTS,
  type ExtensionHost,
  MINUTE,
  startExtensionHost,
  stopExtensionHost,
} from "./harness/extension-host.js";

/*
 * Several KPI workspaces in one real VS Code (code-server in headless Chromium, as
 * extension.e2e.test.ts): (1) a multi-root window of two folders, (2) one folder holding
 * teams/support/kpi.yaml and teams/growth/kpi.yaml. Each workspace gets its own diagnostics and none
 * from the other: a KPI id both declare is no id/duplicate, an owner or goal declared only in the
 * other workspace is unknown. Also checks the formula's semantic tokens in the editor. Screenshots
 * go to test-artifacts/vscode/.
 */

/** The two teams: each its own owner and goal; each has a KPI pointing at the other team's. */
const TEAMS = {
  support: { project: "support-desk", owner: "support_team", goal: "happy_customers" },
  growth: { project: "growth-team", owner: "growth_team", goal: "grow_signups" },
} as const;

/** What each workspace must show, by file: the rule and its place (line 1-based, column 1-based). */
const EXPECTED = {
  // support's late_reply aims at growth's goal: unknown here (goal: on line 6, value at column 7).
  "late_reply.kpi.yaml": { rule: "alignment/unknown-goal", at: "[Ln 6, Col 7]" },
  // growth's signup_rate is owned by support's owner: unknown here (owner: on line 5, column 8).
  "signup_rate.kpi.yaml": { rule: "ownership/unknown-owner", at: "[Ln 5, Col 8]" },
} as const;

function kpiFile(id: string, owner: string, goal: string, indicator: string): string {
  return `kpi: ${id}
version: 1
name: KPI ${id}
description: Share of satisfied answers.
owner: ${owner}
goal: ${goal}
indicator: ${indicator}
unit: ratio
direction: increase
cadence: monthly
formula: satisfied / answers
measures:
  satisfied: { source: app, from: surveys, aggregate: count, where: "score >= 4" }
  answers: { source: app, from: surveys, aggregate: count }
target:
  short_term: { value: 0.8, by: 2027-06-30 }
  mid_term: { value: 0.9, by: 2027-12-31 }
`;
}

/** A workspace of one team: kpi.yaml, `csat` (an id both teams use) and one KPI naming the other team. */
function writeTeam(dir: string, team: keyof typeof TEAMS): void {
  const own = TEAMS[team];
  const other = TEAMS[team === "support" ? "growth" : "support"];
  mkdirSync(join(dir, "data"), { recursive: true });
  writeFileSync(
    join(dir, "kpi.yaml"),
    `project: ${own.project}
owners:
  ${own.owner}: { name: Team ${team} }
goals:
  ${own.goal}:
    statement: The goal of ${team}
    owner: ${own.owner}
sources:
  app:
    type: duckdb
    tables:
      surveys: data/surveys.csv
policy:
  core_kpis: { min: 0, max: 7 }
  balance: off
`,
  );
  writeFileSync(join(dir, "data/surveys.csv"), "score\n5\n3\n");
  writeFileSync(join(dir, "csat.kpi.yaml"), kpiFile("csat", own.owner, own.goal, "lagging"));
  if (team === "support")
    writeFileSync(join(dir, "late_reply.kpi.yaml"), kpiFile("late_reply", own.owner, other.goal, "leading"));
  else
    writeFileSync(
      join(dir, "signup_rate.kpi.yaml"),
      kpiFile("signup_rate", other.owner, own.goal, "leading"),
    );
}

describe.runIf(codeServerInstallable())("several KPI workspaces in code-server", () => {
  let temp: string;
  let host: ExtensionHost | undefined;
  let page: Page | undefined;
  let nested: string;
  let multiRoot: string;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "kpi-vscode-multi-"));
    // (1) two folders of one .code-workspace; (2) one folder with two nested workspaces.
    writeTeam(join(temp, "multi/support"), "support");
    writeTeam(join(temp, "multi/growth"), "growth");
    multiRoot = join(temp, "multi/teams.code-workspace");
    writeFileSync(multiRoot, JSON.stringify({ folders: [{ path: "support" }, { path: "growth" }] }));
    nested = join(temp, "nested");
    writeTeam(join(nested, "teams/support"), "support");
    writeTeam(join(nested, "teams/growth"), "growth");
    host = await startExtensionHost(temp, nested, { "kpi.today": "2026-11-26" });
  }, 15 * MINUTE);

  afterAll(() => stopExtensionHost(host, temp), MINUTE);

  /** A fresh window on `query` (`folder=...` or `workspace=...`), the previous one closed. */
  async function openWindow(query: string): Promise<Page> {
    await page?.close();
    if (!host) throw new Error("code-server did not start");
    page = await host.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${host.server.url}/?${query}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: MINUTE });
    return page;
  }

  it(
    "a multi-root window: each folder's diagnostics, none across them",
    async () => {
      const window = await openWindow(`workspace=${encodeURIComponent(multiRoot)}`);
      await expectOwnDiagnostics(window, "multi-root-problems.png");
      await expectWorkspaceNodes(window);
    },
    4 * MINUTE,
  );

  it(
    "one folder with nested workspaces: each workspace's diagnostics, none across them",
    async () => {
      const window = await openWindow(`folder=${encodeURIComponent(nested)}`);
      await expectOwnDiagnostics(window, "nested-problems.png");
      await expectWorkspaceNodes(window);
      // The dashboard asks which workspace.
      await window.keyboard.press("Escape");
      await runCommand(window, "KPI: Show dashboard");
      const choices = window.locator(".quick-input-list .monaco-list-row");
      await expect
        .poll(async () => (await choices.allTextContents()).join(" | "), { timeout: 30_000 })
        .toMatch(/growth-team.*support-desk|support-desk.*growth-team/);
      await window.keyboard.press("Escape");
    },
    4 * MINUTE,
  );

  it(
    "colours a formula's measures apart from its operators (semantic tokens)",
    async () => {
      const window = await openWindow(`folder=${encodeURIComponent(nested)}`);
      await openFile(window, "late_reply.kpi.yaml");
      // Without semantic tokens the YAML grammar makes `satisfied / answers` one string token.
      const formula = window.locator(".editor-group-container.active .view-line", { hasText: "formula:" });
      try {
        await expect
          .poll(async () => formula.locator("span > span").allTextContents(), {
            timeout: 60_000,
            interval: 1000,
          })
          .toEqual(expect.arrayContaining(["satisfied", "/", "answers"]));
        const classOf = async (text: string) =>
          formula
            .locator("span > span", { hasText: new RegExp(`^${text}$`) })
            .first()
            .getAttribute("class");
        expect(await classOf("satisfied")).toBe(await classOf("answers"));
        expect(await classOf("satisfied")).not.toBe(await classOf("/"));
      } finally {
        await window.screenshot({ path: join(ARTIFACTS, "semantic-tokens.png") });
      }
    },
    3 * MINUTE,
  );
});

/**
 * The Problems panel lists, under late_reply.kpi.yaml and signup_rate.kpi.yaml, their own error at
 * its place, and no id/duplicate anywhere although both workspaces declare `csat`.
 */
async function expectOwnDiagnostics(page: Page, screenshot: string): Promise<void> {
  await page.keyboard.press("Control+Shift+M");
  try {
    await expect
      .poll(async () => problemsByFile(page), { timeout: 120_000, interval: 1000 })
      .toMatchObject(
        Object.fromEntries(
          Object.entries(EXPECTED).map(([file, { rule, at }]) => [
            file,
            expect.arrayContaining([
              expect.stringMatching(new RegExp(`^(?=.*${escapeRegExp(rule)})(?=.*${escapeRegExp(at)})`, "s")),
            ]),
          ]),
        ),
      );
    const problems = await problemsByFile(page);
    expect(Object.values(problems).flat().join("\n")).not.toContain("id/duplicate");
    // Only what each workspace's own model finds: one problem each, in no other file.
    expect(Object.keys(problems).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const file of Object.keys(EXPECTED)) expect(problems[file]).toHaveLength(1);
  } finally {
    await page.screenshot({ path: join(ARTIFACTS, screenshot) });
  }
}

/** The KPIs view shows one node per workspace, named by its project. */
async function expectWorkspaceNodes(page: Page): Promise<void> {
  await expandView(page, "KPIs");
  const view = page.locator(".pane", { has: page.locator(".pane-header", { hasText: /^KPIs$/i }) }).first();
  await expect
    .poll(async () => (await view.locator(".monaco-list-row").allTextContents()).join(" | "), {
      timeout: 60_000,
      interval: 1000,
    })
    .toMatch(/growth-team.*support-desk|support-desk.*growth-team/);
}

/** The Problems panel's rows by file name: each file row followed by its problem rows. */
async function problemsByFile(page: Page): Promise<Record<string, string[]>> {
  const rows = await page.locator(".markers-panel .monaco-list-row").allTextContents();
  const byFile: Record<string, string[]> = {};
  let file: string | undefined;
  for (const row of rows) {
    if (/\[Ln \d+, Col \d+\]/.test(row)) {
      if (file) byFile[file]?.push(row);
    } else {
      file = /([\w.-]+\.kpi\.yaml|kpi\.yaml)/.exec(row)?.[1] ?? row;
      byFile[file] ??= [];
    }
  }
  return byFile;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
