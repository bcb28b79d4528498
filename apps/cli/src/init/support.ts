import { kpiPlan, projectYaml } from "./kpi-yaml.js";
import { csv, DAY, logNormal, pick, sampleWindow, seededRandom, timestamp } from "./sample-data.js";
import type { InitDates, InitTemplate } from "./template.js";

// `kpi init --template support`: a support desk. The median first response leads; resolution time
// and satisfaction (survey answers joined to their tickets by a view) lag; the backlog at the
// period's end is watched beside them.

/** Where the benchmarks of this start come from: a placeholder the team replaces. */
const BENCHMARK = "Support benchmark report (replace with yours)";

const HOUR = 3_600_000;

const projectFile = (project: string, d: InitDates) =>
  projectYaml(
    project,
    `owners:
  support: { name: Customer support, contact: support@example.com }
goals:
  resolve_issues_fast:
    statement: Answer half of the tickets within 30 minutes and resolve them within 16 hours on average, with customers rating support 4.2 of 5
    owner: support
    period: { start: ${d.periodStart}, end: ${d.periodEnd} }
sources:
  desk:
    type: duckdb            # embedded: reads the CSV files below, nothing to install
    tables:
      tickets: data/tickets.csv
      surveys: data/surveys.csv
    views:
      # The survey tool stores only the ticket id; the channel lives on the ticket.
      rated_tickets: |
        SELECT s.survey_id, s.answered_at, s.score, t.channel, t.priority
        FROM surveys s JOIN tickets t ON t.ticket_id = s.ticket_id
`,
  );

const firstResponseTime = (d: InitDates) => `kpi: first_response_time
version: 1
name: Median first response time (hours)
description: Median hours from a ticket's creation to the first reply, for the tickets created in the week.
owner: support
goal: resolve_issues_fast
category: operations
indicator: leading
core: true
unit: duration
direction: decrease
cadence: weekly
formula: median_hours
measures:
  median_hours:
    source: desk
    from: tickets
    aggregate: median
    duration: { from: created_at, to: first_response_at }
    time: created_at
segments: [channel, priority]
${kpiPlan(d, BENCHMARK, {
  baseline: 0.7,
  shortTerm: 0.6,
  midTerm: 0.5,
  benchmark: 1,
  thresholds: { warning: 1.5, critical: 2.5 },
  hypothesis: "Routing password and billing questions to a help article answers them at once",
  experiment: "Enable auto-replies with the article for half of the e-mail for four weeks",
  review: "week",
})}tags: [speed]
`;

const resolutionTime = (d: InitDates) => `kpi: resolution_time
version: 1
name: Average resolution time (hours)
description: Mean hours from a ticket's creation to its resolution, for the tickets resolved in the week.
owner: support
goal: resolve_issues_fast
category: operations
indicator: lagging
core: true
unit: duration
direction: decrease
cadence: weekly
formula: hours_to_resolve
measures:
  hours_to_resolve:
    source: desk
    from: tickets
    aggregate: avg
    duration: { from: created_at, to: resolved_at }
    time: resolved_at
segments: [channel]
${kpiPlan(d, BENCHMARK, {
  baseline: 20,
  shortTerm: 18,
  midTerm: 16,
  benchmark: 24,
  thresholds: { warning: 26, critical: 32 },
  hypothesis: "A daily slot with engineering unblocks the tickets that wait on a fix",
  experiment: "Hold a 15-minute daily triage with engineering for four weeks",
  review: "week",
})}tags: [speed]
`;

const satisfaction = (d: InitDates) => `kpi: satisfaction
version: 1
name: Customer satisfaction (CSAT)
description: Mean answer, 1 to 5, to the survey sent when a ticket is resolved; by the ticket's channel through the view rated_tickets.
owner: support
goal: resolve_issues_fast
category: experience
indicator: lagging
core: true
unit: score
range: [1, 5]
direction: increase
cadence: monthly
formula: average_score
measures:
  average_score: { source: desk, from: rated_tickets, aggregate: avg, column: score, time: answered_at }
segments: [channel, priority]
${kpiPlan(d, BENCHMARK, {
  baseline: 3.9,
  shortTerm: 4.1,
  midTerm: 4.2,
  benchmark: 4.1,
  thresholds: { warning: 3.7, critical: 3.4 },
  hypothesis: "Customers who had to write twice rate low; a follow-up call after a reopen wins them back",
  experiment: "Call half of the customers whose ticket was reopened and compare their scores",
  review: "month",
})}tags: [satisfaction, survey]
`;

const openBacklog = (d: InitDates) => `kpi: open_backlog
version: 1
name: Open tickets at the end of the week
description: Tickets created but not resolved at the week's end (a state at an instant, with active).
owner: support
goal: resolve_issues_fast
category: operations
indicator: leading
core: false
unit: count
direction: decrease
cadence: weekly
formula: open_tickets
measures:
  open_tickets:
    source: desk
    from: tickets
    aggregate: count
    active: { from: created_at, until: resolved_at }
segments: [channel]
${kpiPlan(d, BENCHMARK, {
  baseline: 12,
  shortTerm: 10,
  midTerm: 8,
  benchmark: 12,
  thresholds: { warning: 20, critical: 30 },
  hypothesis:
    "Tickets waiting on the customer stay open for weeks; closing them after a week of silence keeps the queue honest",
  experiment: "Auto-close tickets waiting on the customer after seven days for half of the queue",
  review: "month",
})}tags: [backlog]
`;

const CHANNELS = ["email", "email", "chat", "phone"] as const;
const RESPONSE_MEDIAN_HOURS = { email: 2.2, chat: 0.1, phone: 0.05 } as const;

/** Tickets of the last six months and the survey answers to a fifth of the resolved ones. */
function sampleData(today: string): Record<string, string> {
  const random = seededRandom(11);
  const { start, end } = sampleWindow(today);
  const tickets: (string | number | null)[][] = [];
  const surveys: (string | number | null)[][] = [];
  const at = (time: number) => (time < end ? timestamp(time) : null);
  for (let id = 1; id <= 3000; id++) {
    const createdAt = start + random() * (end - start);
    const channel = pick(random, CHANNELS);
    const priority = random() < 0.2 ? "high" : "normal";
    const respondedAt = createdAt + logNormal(random, RESPONSE_MEDIAN_HOURS[channel], 0.9) * HOUR;
    const resolvedAt = respondedAt + logNormal(random, 12, 0.9) * HOUR;
    tickets.push([id, channel, priority, timestamp(createdAt), at(respondedAt), at(resolvedAt)]);
    if (resolvedAt < end && random() < 0.2) {
      const answeredAt = resolvedAt + random() * 2 * DAY;
      const slow = resolvedAt - createdAt > 30 * HOUR;
      const score = Math.min(5, Math.max(1, Math.round((slow ? 3.3 : 4.3) + (random() - 0.5) * 2.4)));
      if (answeredAt < end) surveys.push([surveys.length + 1, id, timestamp(answeredAt), score]);
    }
  }
  return {
    "data/tickets.csv": csv(
      ["ticket_id", "channel", "priority", "created_at", "first_response_at", "resolved_at"],
      tickets,
    ),
    "data/surveys.csv": csv(["survey_id", "ticket_id", "answered_at", "score"], surveys),
  };
}

export const SUPPORT: InitTemplate = {
  description:
    "a support desk: median first response, resolution time, CSAT by channel, backlog (tickets.csv, surveys.csv)",
  files: (project, dates) => ({
    "kpi.yaml": projectFile(project, dates),
    "kpis/first_response_time.kpi.yaml": firstResponseTime(dates),
    "kpis/resolution_time.kpi.yaml": resolutionTime(dates),
    "kpis/satisfaction.kpi.yaml": satisfaction(dates),
    "kpis/open_backlog.kpi.yaml": openBacklog(dates),
    ...sampleData(dates.today),
  }),
};
