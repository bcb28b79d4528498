// Helply, a customer-support desk for a software product. Story: two agents
// left at the end of September 2026 and were not replaced; e-mail queues grew,
// first responses slowed down and resolution took longer; NPS slid. On
// 2026-11-02 two contract agents joined the e-mail queue: first responses
// recover (at risk, then on track) and first-contact resolution rises, but
// resolution time and NPS lag behind (off track).
import { atHour, DATA_END, days, HOUR, officeHour, utc } from "./calendar.mjs";

const STAFFING_CUT = utc("2026-10-01");
// Two contract agents join the e-mail queue: replies speed up, the work itself less so.
const CONTRACTORS_START = utc("2026-11-02");

const CHANNELS = {
  email: { share: 0.55, responseMedian: 1.6, workMedian: 16, firstContact: 0.68 },
  chat: { share: 0.3, responseMedian: 0.08, workMedian: 1.5, firstContact: 0.8 },
  phone: { share: 0.15, responseMedian: 0.03, workMedian: 0.8, firstContact: 0.84 },
};
const channelShares = Object.fromEntries(Object.entries(CHANNELS).map(([name, { share }]) => [name, share]));
const PRIORITIES = { low: 0.3, normal: 0.55, high: 0.15 };
const REGIONS = { emea: 0.5, americas: 0.35, apac: 0.15 };

const EASY_SCORES = { 7: 0.35, 6: 0.33, 5: 0.15, 4: 0.08, 3: 0.05, 2: 0.02, 1: 0.02 };
const HARD_SCORES = { 7: 0.1, 6: 0.2, 5: 0.25, 4: 0.2, 3: 0.12, 2: 0.08, 1: 0.05 };
const NPS_GROUPS_BEFORE = { promoter: 0.5, passive: 0.35, detractor: 0.15 };
const NPS_GROUPS_AFTER = { promoter: 0.42, passive: 0.36, detractor: 0.22 };
const NPS_GROUPS_RECOVERING = { promoter: 0.46, passive: 0.36, detractor: 0.18 };
const NPS_SCORES = {
  promoter: { 10: 0.45, 9: 0.55 },
  passive: { 8: 0.55, 7: 0.45 },
  detractor: { 6: 0.35, 5: 0.25, 4: 0.14, 3: 0.1, 2: 0.07, 1: 0.05, 0: 0.04 },
};

const columns = (spec) => spec.map(([name, type, digits]) => ({ name, type, digits }));
const seconds = (hours) => Math.round(hours * 3600) * 1000;
const hoursBetween = (from, to) => (to - from) / HOUR;

/** E-mail is answered in office hours (08:00-18:00) only; later mail waits for the morning. */
function waitForOfficeHours(hourOfDay) {
  if (hourOfDay < 8) return 8 - hourOfDay;
  if (hourOfDay >= 18) return 24 - hourOfDay + 8;
  return 0;
}

function createTicket(random, day, id) {
  const understaffed = day.start >= STAFFING_CUT;
  const contractors = day.start >= CONTRACTORS_START;
  const channelName = random.weighted(channelShares);
  const channel = CHANNELS[channelName];
  const priority = random.weighted(PRIORITIES);
  const hourOfDay = officeHour(random, 12, 3.5, 0.2);
  const createdAt = atHour(day.start, hourOfDay);
  const urgency = priority === "high" ? 0.5 : 1;

  let responseHours = random.logNormal(channel.responseMedian, channelName === "email" ? 0.9 : 0.7) * urgency;
  if (channelName === "email")
    responseHours =
      responseHours * (contractors ? 0.85 : understaffed ? 4 : 1) + waitForOfficeHours(hourOfDay);
  const firstResponseAt = createdAt + seconds(responseHours);

  // The contractors take the simple e-mail, answered in one go.
  const firstContact = channel.firstContact + (contractors && channelName === "email" ? 0.06 : 0);
  const contacts = random.chance(firstContact) ? 1 : random.chance(0.7) ? 2 : 3;
  let workHours = random.logNormal(channel.workMedian, 0.9) * (contractors ? 1.25 : understaffed ? 1.5 : 1);
  for (let extra = 1; extra < contacts; extra++) workHours += random.logNormal(20, 0.6);
  const resolvedAt = firstResponseAt + seconds(workHours);

  return {
    id,
    createdAt,
    channel: channelName,
    priority,
    region: random.weighted(REGIONS),
    firstResponseAt: firstResponseAt <= DATA_END ? firstResponseAt : null,
    resolvedAt: resolvedAt <= DATA_END ? resolvedAt : null,
    contacts: resolvedAt <= DATA_END ? contacts : null,
  };
}

function npsResponse(random, day) {
  const groups =
    day.start >= CONTRACTORS_START
      ? NPS_GROUPS_RECOVERING
      : day.start >= STAFFING_CUT
        ? NPS_GROUPS_AFTER
        : NPS_GROUPS_BEFORE;
  const group = random.weighted(groups);
  return {
    customerId: random.integer(1, 6000),
    answeredAt: atHour(day.start, officeHour(random, 15, 4, 0.3)),
    region: random.weighted(REGIONS),
    score: Number(random.weighted(NPS_SCORES[group])),
  };
}

export function generateSupport(random) {
  const tickets = [];
  const effortResponses = [];
  const npsResponses = [];
  for (const day of days()) {
    const weekend = day.weekday >= 5;
    const count = random.poisson((weekend ? 20 : 65) * (1 + 0.2 * day.progress));
    const dayTickets = [];
    for (let index = 0; index < count; index++) dayTickets.push(createTicket(random, day, 0));
    dayTickets.sort((a, b) => a.createdAt - b.createdAt);
    for (const ticket of dayTickets) {
      ticket.id = tickets.length + 1;
      tickets.push(ticket);
      if (ticket.resolvedAt === null || !random.chance(0.22)) continue;
      const answeredAt = ticket.resolvedAt + seconds(random.exponential(6) + 0.1);
      const score = Number(random.weighted(ticket.contacts === 1 ? EASY_SCORES : HARD_SCORES));
      if (answeredAt <= DATA_END) effortResponses.push({ ticket, answeredAt, score });
    }
    const npsCount = random.poisson(weekend ? 7 : 18);
    const dayNps = [];
    for (let index = 0; index < npsCount; index++) dayNps.push(npsResponse(random, day));
    dayNps.sort((a, b) => a.answeredAt - b.answeredAt);
    npsResponses.push(...dayNps);
  }
  effortResponses.sort((a, b) => a.answeredAt - b.answeredAt || a.ticket.id - b.ticket.id);

  return {
    "tickets.parquet": {
      columns: columns([
        ["ticket_id", "INTEGER"],
        ["created_at", "TIMESTAMP"],
        ["channel", "VARCHAR"],
        ["priority", "VARCHAR"],
        ["region", "VARCHAR"],
        ["first_response_at", "TIMESTAMP"],
        ["first_response_hours", "DOUBLE", 2],
        ["resolved_at", "TIMESTAMP"],
        ["resolution_hours", "DOUBLE", 2],
        ["contacts_to_resolve", "INTEGER"],
      ]),
      rows: tickets.map((t) => [
        t.id,
        t.createdAt,
        t.channel,
        t.priority,
        t.region,
        t.firstResponseAt,
        t.firstResponseAt === null ? null : hoursBetween(t.createdAt, t.firstResponseAt),
        t.resolvedAt,
        t.resolvedAt === null ? null : hoursBetween(t.createdAt, t.resolvedAt),
        t.contacts,
      ]),
    },
    "ces_responses.csv": {
      columns: columns([
        ["response_id", "INTEGER"],
        ["ticket_id", "INTEGER"],
        ["answered_at", "TIMESTAMP"],
        ["score", "INTEGER"],
      ]),
      rows: effortResponses.map((r, index) => [index + 1, r.ticket.id, r.answeredAt, r.score]),
    },
    "nps_responses.csv": {
      columns: columns([
        ["response_id", "INTEGER"],
        ["customer_id", "INTEGER"],
        ["answered_at", "TIMESTAMP"],
        ["region", "VARCHAR"],
        ["score", "INTEGER"],
      ]),
      rows: npsResponses.map((r, index) => [index + 1, r.customerId, r.answeredAt, r.region, r.score]),
    },
  };
}
