import type { RuleId } from "../registry/rule-ids.js";

const didYouMean = (suggestion?: string) => (suggestion ? ` (did you mean "${suggestion}"?)` : "");
const list = (items: readonly string[]) => items.map((item) => `"${item}"`).join(", ");

/**
 * The message catalog: one typed function per rule. Rules build their messages here and only here;
 * tests never match on the text.
 */
export const messages = {
  "yaml/syntax": (p: { detail: string }) => `YAML syntax error: ${p.detail}`,
  "file/unreadable": (p: { detail: string }) => `file not read: ${p.detail}`,
  schema: (p: { detail: string }) => p.detail,
  "id/duplicate": (p: { kind: string; id: string; other: string }) =>
    `duplicate ${p.kind} id "${p.id}" (also defined in ${p.other})`,
  "id/filename": (p: { id: string; expected: string }) =>
    `KPI "${p.id}" should live in a file named "${p.expected}"`,
  "alignment/unknown-goal": (p: { goal: string; suggestion?: string }) =>
    `unknown goal "${p.goal}": not declared under goals in kpi.yaml${didYouMean(p.suggestion)}`,
  "alignment/uncovered-goal": (p: { goal: string }) => `goal "${p.goal}" has no KPI aligned to it`,
  "ownership/unknown-owner": (p: { owner: string; suggestion?: string }) =>
    `unknown owner "${p.owner}": not declared under owners in kpi.yaml${didYouMean(p.suggestion)}`,
  "measurability/formula-syntax": (p: { detail: string }) => `formula does not parse: ${p.detail}`,
  "measurability/unknown-reference": (p: { name: string; suggestion?: string }) =>
    `"${p.name}" is neither a measure of this KPI nor a KPI id${didYouMean(p.suggestion)}`,
  "measurability/unused-measure": (p: { measure: string }) =>
    `measure "${p.measure}" is not used by the formula`,
  "measurability/unknown-source": (p: { source: string; suggestion?: string }) =>
    `unknown source "${p.source}": not declared under sources in kpi.yaml${didYouMean(p.suggestion)}`,
  "measurability/reference-cycle": (p: { cycle: readonly string[] }) =>
    `KPI formulas reference each other in a cycle: ${p.cycle.join(" -> ")}`,
  "measurability/view": (p: { view: string; source: string; cycle?: string[] }) =>
    p.cycle
      ? `view "${p.view}" of source "${p.source}" is part of a cycle of views: ${p.cycle.join(" -> ")}`
      : `view "${p.view}" of source "${p.source}" is not one read-only SELECT: a view may only read`,
  "measurability/unknown-table": (p: {
    table: string;
    source: string;
    suggestion?: string;
    engine?: string;
  }) =>
    p.engine === undefined
      ? `"${p.table}" is neither a table nor a view of source "${p.source}"${didYouMean(p.suggestion)}`
      : `source "${p.source}" has no table or view "${p.table}" it can read${didYouMean(p.suggestion)}: ${p.engine}`,
  "measurability/unknown-column": (p: {
    column: string;
    table: string;
    source: string;
    suggestion?: string;
  }) => `"${p.table}" of source "${p.source}" has no column "${p.column}"${didYouMean(p.suggestion)}`,
  "measurability/sql-error": (p: { what: string; source: string; engine: string }) =>
    `${p.what} does not compile on source "${p.source}": ${p.engine}`,
  "measurability/source-unreachable": (p: { source: string; detail: string; kpis: readonly string[] }) =>
    `source "${p.source}" could not be checked: ${p.detail}${p.kpis.length > 0 ? ` (KPIs not checked: ${p.kpis.join(", ")})` : ""}`,
  "measurability/segment-sql": (p: { measure: string }) =>
    `measure "${p.measure}" is raw SQL and cannot be broken down by the KPI's segments`,
  "measurability/unit-range": (p: { field: string; value: number; unit: string; range: string }) =>
    `${p.field} ${p.value} lies outside the range of unit ${p.unit} (${p.range})`,
  "target/missing": (p: { missing: readonly string[]; core: boolean }) =>
    `${p.core ? "core KPI " : ""}target is missing ${list(p.missing)}`,
  "target/direction": (p: {
    from: string;
    to: string;
    fromValue: number;
    toValue: number;
    direction: string;
  }) => `target moves against direction "${p.direction}": ${p.from} ${p.fromValue} -> ${p.to} ${p.toValue}`,
  "target/dates": (p: { earlier: string; later: string }) => `${p.earlier} must be before ${p.later}`,
  "target/overdue": (p: { field: string; date: string; today: string }) =>
    `${p.field} target date ${p.date} has passed (today is ${p.today}): set the next target`,
  "thresholds/order": (p: { direction: string; warning: number; critical: number; expected: string }) =>
    `thresholds contradict direction "${p.direction}": critical ${p.critical} must be ${p.expected} warning ${p.warning}`,
  "balance/leading-lagging": (p: { scope: string; missing: "leading" | "lagging" }) =>
    `${p.scope} has no ${p.missing} KPI: watch it with both leading and lagging indicators`,
  "focus/core-count": (p: { count: number; min: number; max: number; unread: number }) =>
    `${p.count} core KPIs; the policy asks for ${p.min} to ${p.max}` +
    (p.unread > 0
      ? ` (${p.unread} KPI file${p.unread === 1 ? "" : "s"} could not be read: fix them first)`
      : ""),
  "vanity/raw-count": (p: { measure: string }) =>
    `core KPI is the raw count "${p.measure}": a volume that can rise while the business does not; use a rate or ratio`,
  "actionable/no-action-plan": (p: { kpi: string }) => `core KPI "${p.kpi}" has no action_plan`,
  "review/overdue": (p: { date: string; today: string }) =>
    `review was due on ${p.date} (today is ${p.today})`,
  "version/not-bumped": (p: { changed: readonly string[]; version: number }) =>
    `meaning changed (${p.changed.join(", ")}) but version is still ${p.version}: bump it`,
  "version/decreased": (p: { from: number; to: number }) => `version went down from ${p.from} to ${p.to}`,
  "alerts/unknown-channel": (p: { channel: string; suggestion?: string }) =>
    `unknown channel "${p.channel}": not declared under alerts.channels${didYouMean(p.suggestion)}`,
  "alerts/unknown-owner": (p: { owner: string; suggestion?: string }) =>
    `unknown owner "${p.owner}": not declared under owners in kpi.yaml${didYouMean(p.suggestion)}`,
  "alerts/secret-in-url": (p: { channel: string; kind: "password" | "parameter" | "token" }) =>
    `the URL of channel "${p.channel}" holds what looks like a ${p.kind === "password" ? "password" : "token"}: put it in the environment and write \${env:NAME}`,
  "funnel/steps": (p: {
    step: string;
    unit?: string;
    cadence?: string;
    first?: { step: string; cadence: string };
  }) =>
    p.first
      ? `funnel step "${p.step}" is ${p.cadence} but the first step "${p.first.step}" is ${p.first.cadence}: every step needs the same cadence`
      : `funnel step "${p.step}" has unit ${p.unit}, not count: a funnel compares counts of what reached each step`,
  "workspace/nested": (p: { folder: string; outer: string; project?: string }) =>
    `this kpi.yaml makes ${p.folder} a workspace of its own inside the workspace of ${p.outer}${p.project ? ` (project "${p.project}")` : ""}: the files below ${p.folder} belong to this one, no longer to that one`,
  "calendar/unknown-timezone": (p: { timezone: string }) =>
    `"${p.timezone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`,
  "measurability/previous-arity": (p: { detail: string }) => `previous cannot be computed: ${p.detail}`,
} satisfies Record<RuleId, (params: never) => string>;
