// The rows behind the three cross-engine workspaces (a support desk, a SaaS product, a subscription
// business): the same tables on every engine. Deterministic (Park–Miller), with NULLs, ties, a NULL
// segment value and rows exactly on period bounds. Times are whole minutes and amounts multiples of
// 0.25, so hours and sums are exact enough to compare engines at a relative 1e-9.

export type ColumnType = "int" | "text" | "timestamp" | "double";
export type Cell = string | number | null;

export interface Table {
  name: string;
  columns: [string, ColumnType][];
  rows: Cell[][];
}

function sequence(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 48_271) % 2_147_483_647;
    return state % below;
  };
}

/** `YYYY-MM-DD HH:MM:SS` for a minute offset from 2025-12-01 00:00 UTC. */
function at(minutes: number): string {
  return new Date(Date.UTC(2025, 11, 1) + minutes * 60_000).toISOString().slice(0, 19).replace("T", " ");
}

const DAY = 24 * 60;
const pick = <T>(values: readonly T[], index: number): T => values[index % values.length] as T;

function tickets(): Table {
  const next = sequence(101);
  const rows: Cell[][] = [];
  for (let id = 1; id <= 220; id++) {
    // December 2025 to mid-April 2026.
    const created = next(135 * DAY);
    const answered = next(9) === 0 ? null : created + 1 + next(600);
    const resolved = answered === null || next(7) === 0 ? null : answered + next(5 * DAY);
    rows.push([
      id,
      pick(["email", "chat", "phone", "email", null], next(5)),
      pick(["low", "normal", "normal", "high"], next(4)),
      at(created),
      answered === null ? null : at(answered),
      resolved === null ? null : at(resolved),
    ]);
  }
  // On the bounds: created at February's first instant, resolved at March's first instant.
  rows.push([221, "chat", "high", "2026-02-01 00:00:00", "2026-02-01 00:30:00", "2026-03-01 00:00:00"]);
  rows.push([222, "email", "low", "2026-01-31 23:59:00", "2026-02-01 01:00:00", "2026-02-01 00:00:00"]);
  return {
    name: "tickets",
    columns: [
      ["ticket_id", "int"],
      ["channel", "text"],
      ["priority", "text"],
      ["created_at", "timestamp"],
      ["first_response_at", "timestamp"],
      ["resolved_at", "timestamp"],
    ],
    rows,
  };
}

function surveys(ticketRows: Cell[][]): Table {
  const next = sequence(202);
  const rows: Cell[][] = [];
  for (const ticket of ticketRows) {
    const resolved = ticket[5] as string | null;
    if (resolved === null || next(3) === 0) continue;
    const answered = (Date.parse(`${resolved.replace(" ", "T")}Z`) - Date.UTC(2025, 11, 1)) / 60_000;
    rows.push([rows.length + 1, ticket[0] as number, 1 + next(5), at(answered + 30 + next(3 * DAY))]);
  }
  return {
    name: "surveys",
    columns: [
      ["survey_id", "int"],
      ["ticket_id", "int"],
      ["score", "int"],
      ["answered_at", "timestamp"],
    ],
    rows,
  };
}

function users(): Table {
  const next = sequence(303);
  const rows: Cell[][] = [];
  for (let id = 1; id <= 90; id++) {
    const signedUp = next(135 * DAY);
    const activated = next(3) === 0 ? null : signedUp + next(10 * DAY);
    rows.push([
      id,
      pick(["free", "pro", "team"], next(3)),
      pick(["ads", "organic", "referral", "organic"], next(4)),
      at(signedUp),
      activated === null ? null : at(activated),
    ]);
  }
  return {
    name: "users",
    columns: [
      ["user_id", "int"],
      ["plan", "text"],
      ["channel", "text"],
      ["signed_up_at", "timestamp"],
      ["activated_at", "timestamp"],
    ],
    rows,
  };
}

function events(): Table {
  const next = sequence(404);
  const rows: Cell[][] = [];
  for (let id = 1; id <= 600; id++) {
    const kind = pick(["visit", "visit", "purchase", "visit", "refund", "purchase"], next(6));
    const amount = kind === "visit" || next(6) === 0 ? null : 1 + next(300) * 0.25;
    rows.push([id, 1 + next(90), kind, amount, at(next(135 * DAY))]);
  }
  rows.push([601, 3, "purchase", 12.5, "2026-03-01 00:00:00"]);
  return {
    name: "events",
    columns: [
      ["event_id", "int"],
      ["user_id", "int"],
      ["kind", "text"],
      ["amount", "double"],
      ["occurred_at", "timestamp"],
    ],
    rows,
  };
}

function subscriptions(): Table {
  const next = sequence(505);
  const rows: Cell[][] = [];
  for (let id = 1; id <= 260; id++) {
    // Started up to a year before the data's months; a third cancelled later on.
    const started = next(135 * DAY) - 240 * DAY;
    const cancelled = next(3) === 0 ? started + 20 * DAY + next(200 * DAY) : null;
    const plan = pick(["basic", "plus", "premium"], next(3));
    rows.push([
      id,
      1 + next(200),
      plan,
      pick(["emea", "americas", "apac"], next(3)),
      (plan === "basic" ? 19 : plan === "plus" ? 49 : 99) + next(4) * 0.25,
      at(started),
      cancelled === null ? null : at(cancelled),
    ]);
  }
  // Cancelled at March's first instant: active at February's end and at March's start.
  rows.push([261, 201, "plus", "emea", 49, "2025-11-15 10:00:00", "2026-03-01 00:00:00"]);
  return {
    name: "subscriptions",
    columns: [
      ["subscription_id", "int"],
      ["customer_id", "int"],
      ["plan", "text"],
      ["region", "text"],
      ["mrr", "double"],
      ["started_at", "timestamp"],
      ["cancelled_at", "timestamp"],
    ],
    rows,
  };
}

/** Every table, in load order. */
export function workspaceTables(): Table[] {
  const ticketTable = tickets();
  return [ticketTable, surveys(ticketTable.rows), users(), events(), subscriptions()];
}
