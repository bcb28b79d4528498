import { beforeAll, describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";

// End to end on a DuckDB workspace (needs `npm run build`). Today is fixed: no wall-clock dependence.
const TODAY = "2026-11-26";

function tickets(): string {
  const rows: string[] = [];
  // September: 10 by e-mail, 5 by chat; October: 12 by e-mail, 13 by chat (chat got worse by 8).
  for (let i = 0; i < 15; i++) rows.push(`2026-09-${10 + (i % 10)} 09:00:00,${i < 10 ? "email" : "chat"}`);
  for (let i = 0; i < 25; i++)
    rows.push(`2026-10-${String(1 + i).padStart(2, "0")} 09:00:00,${i < 12 ? "email" : "chat"}`);
  return `opened_at,channel\n${rows.join("\n")}\n`;
}

const kpiFile = (id: string, owner: string, next: string, extra = "") => `kpi: ${id}
version: 1
name: ${id.replace("_", " ")}
description: Tickets opened.
owner: ${owner}
goal: fast_support
indicator: leading
unit: count
direction: decrease
cadence: monthly
formula: opened
measures:
  opened: { source: app, from: tickets, aggregate: count, time: opened_at }
thresholds: { warning: 10, critical: 20 }
review: { every: month, next: ${next} }
${extra}`;

let root: string;
beforeAll(() => {
  root = writeWorkspace({
    "kpi.yaml": `project: acme-support
owners:
  support: { name: Support }
  ops: { name: Operations }
goals:
  fast_support:
    statement: Answer every ticket within a day
sources:
  app:
    type: duckdb
    tables: { tickets: data/tickets.csv }
`,
    "backlog.kpi.yaml": kpiFile(
      "backlog",
      "support",
      "2026-11-20",
      `segments: [channel]
action_plan:
  - hypothesis: A chat bot answers the simple questions
    owner: ops
    due: 2026-11-01
    started: 2026-10-15
  - hypothesis: Better help pages
    due: 2026-12-31
`,
    ),
    "chat_backlog.kpi.yaml": kpiFile(
      "chat_backlog",
      "ops",
      "2026-11-30",
      `target:
  baseline: { value: 30, at: 2026-09-30 }
  short_term: { value: 20, by: 2026-12-31 }
  mid_term: { value: 10, by: 2027-06-30 }
`,
    ),
    "later_backlog.kpi.yaml": kpiFile("later_backlog", "support", "2026-12-20"),
    "data/tickets.csv": tickets(),
  });
});

describe("kpi review", () => {
  it("lists what is due by today + 7 days, most overdue first, with the spec's JSON fields", () => {
    const review = runKpi(["review", "--dir", root, "--today", TODAY, "--format", "json"]);
    expect(review.status).toBe(0);
    const agenda = JSON.parse(review.stdout);
    expect(agenda.today).toBe(TODAY);
    expect(agenda.due.map((item: { kpi: string }) => item.kpi)).toEqual(["backlog", "chat_backlog"]);
    const [backlog, chat] = agenda.due;
    expect(Object.keys(backlog).slice(0, 9)).toEqual([
      "kpi",
      "owner",
      "next",
      "overdue",
      "status",
      "value",
      "expected",
      "previous_value",
      "actions",
    ]);
    expect(backlog).toMatchObject({
      owner: "support",
      next: "2026-11-20",
      overdue: true,
      status: "off_track",
    });
    expect(backlog.value).toBe(25);
    expect(backlog.previous_value).toBe(15);
    expect(backlog.worst_segment).toMatchObject({
      segment: "channel",
      key: "chat",
      value: 13,
      previous_value: 5,
    });
    expect(backlog.actions[0]).toMatchObject({
      owner: "ops",
      due: "2026-11-01",
      overdue: true,
      started: "2026-10-15",
    });
    // 42 days before 2026-10-15 hold all of September and 14 October tickets; the 42 days after, 11.
    expect(backlog.actions[0].effect).toMatchObject({
      days: 42,
      before: { value: 29 },
      after: { value: 11 },
      change: -18,
    });
    expect(backlog.actions[1]).toMatchObject({ due: "2026-12-31", overdue: false, started: null });
    expect(backlog.related.map((other: { kpi: string }) => other.kpi)).toEqual([
      "chat_backlog",
      "later_backlog",
    ]);
    expect(chat).toMatchObject({ overdue: false });
    // On the target path between the baseline (30 on 2026-09-30) and the short-term target (20 by 2026-12-31).
    expect(chat.expected).toBeGreaterThan(20);
    expect(chat.expected).toBeLessThan(30);
  });

  it("filters by owner and widens the window with --within", () => {
    const owner = JSON.parse(
      runKpi(["review", "--dir", root, "--today", TODAY, "--owner", "ops", "--format", "json"]).stdout,
    );
    expect(owner.due.map((item: { kpi: string }) => item.kpi)).toEqual(["chat_backlog"]);
    const wide = JSON.parse(
      runKpi(["review", "--dir", root, "--today", TODAY, "--within", "30", "--format", "json"]).stdout,
    );
    expect(wide.due.map((item: { kpi: string }) => item.kpi)).toEqual([
      "backlog",
      "chat_backlog",
      "later_backlog",
    ]);
    const none = JSON.parse(
      runKpi(["review", "--dir", root, "--today", "2026-01-01", "--format", "json"]).stdout,
    );
    expect(none.due).toEqual([]);
  });

  it("writes markdown for an issue: a summary table, then each KPI's section", () => {
    const review = runKpi(["review", "--dir", root, "--today", TODAY]);
    expect(review.status).toBe(0);
    expect(review.stdout).toContain("# KPI review, 2026-11-26");
    expect(review.stdout).toContain("| KPI | Owner | Review | Status | Value | Expected | Change |");
    expect(review.stdout).toContain("## backlog (`backlog`)");
    expect(review.stdout).toContain("- [ ] A chat bot answers the simple questions");
    expect(review.stdout).toContain("overdue");
  });

  it("refuses an unknown owner with exit 2", () => {
    expect(runKpi(["review", "--dir", root, "--today", TODAY, "--owner", "nobody"]).status).toBe(2);
  });
});
