import { measureSummary } from "./describe-measures.js";
import { formatPlain } from "./format-value.js";
import { CHANGE_LABELS, code, codeBlock, escapeMarkdown, RISK_LABELS, RISK_ORDER } from "./markdown-text.js";
import type { EntryDiff, FieldChange, KpiDiff, Risk, WorkspaceDiff } from "./types.js";

/** The hidden line the GitHub Action looks for to update its one comment instead of adding another. */
export const COMMENT_MARKER = "<!-- kpi-diff -->";

/** GitHub refuses comments over 65,536 characters: the table takes at most half, details the rest. */
export const MAX_COMMENT_CHARS = 60_000;
/** A field change longer than this (or on several lines) is folded into `<details>`. */
const LONG_TEXT = 100;

/**
 * The diff as a pull-request comment: a title, a summary table of every change with its risk flags,
 * then the details. Deterministic: the same diff always gives the same text.
 */
export function renderMarkdown(diff: WorkspaceDiff): string {
  const head = [
    `## KPI changes`,
    "",
    `Comparing ${code(diff.base)} → ${code(diff.head)}: ${summaryLine(diff)}`,
    "",
  ];
  if (isEmpty(diff))
    return [...head, "No KPI, goal, owner or source changed.", "", COMMENT_MARKER, ""].join("\n");
  const lines = [...head, ...fitTable(summaryRows(diff), MAX_COMMENT_CHARS / 2), ""];
  let length = lines.join("\n").length;
  const sections = detailSections(diff);
  let shown = 0;
  for (const section of sections) {
    if (length + section.length > MAX_COMMENT_CHARS) break;
    lines.push(section);
    length += section.length + 1;
    shown += 1;
  }
  if (shown < sections.length) {
    lines.push(
      `_${sections.length - shown} more sections left out to fit a comment: run \`kpi diff\` locally._`,
      "",
    );
  }
  lines.push(COMMENT_MARKER, "");
  return lines.join("\n");
}

export interface SummaryRow {
  cells: string[];
  risky: boolean;
}

/**
 * The summary table, whole when it fits in `budget` characters; otherwise the rows with risk flags
 * come first and the rest is counted, so a huge change still shows what needs attention.
 */
export function fitTable(rows: SummaryRow[], budget: number): string[] {
  const header = ["| KPI | Change | Risk flags |", "| --- | --- | --- |"];
  const render = (row: SummaryRow) => `| ${row.cells.join(" | ")} |`;
  const all = rows.map(render);
  if (all.join("\n").length <= budget) return [...header, ...all];
  const ordered = [...rows.filter((row) => row.risky), ...rows.filter((row) => !row.risky)];
  const kept: string[] = [];
  let length = 0;
  for (const row of ordered.map(render)) {
    if (length + row.length > budget) break;
    kept.push(row);
    length += row.length + 1;
  }
  return [
    ...header,
    ...kept,
    "",
    `_${rows.length - kept.length} more rows left out to fit a comment: run \`kpi diff\` locally._`,
  ];
}

export function summaryLine(diff: Pick<WorkspaceDiff, "summary">): string {
  const { kpis, risks } = diff.summary;
  const counts = (["changed", "added", "removed", "moved"] as const).map((kind) => `${kpis[kind]} ${kind}`);
  const flags = Object.values(risks).reduce((sum, count) => sum + (count ?? 0), 0);
  return `${counts.join(", ")} · ${flags === 0 ? "no risk flags" : `${flags} risk flag${flags === 1 ? "" : "s"}`}`;
}

export function isEmpty(diff: WorkspaceDiff): boolean {
  return [diff.kpis, diff.goals, diff.owners, diff.sources, diff.project].every((list) => list.length === 0);
}

export function summaryRows(diff: WorkspaceDiff): SummaryRow[] {
  const row = (cells: string[], risks: readonly Risk[] = []) => ({ cells, risky: risks.length > 0 });
  const rows = [
    ...diff.kpis.map((kpi) =>
      row([kpiCell(kpi), changeCell(kpi.change, kpi.fields), riskCell(kpi.risks)], kpi.risks),
    ),
    ...diff.goals.map((goal) =>
      row([`goal ${code(goal.id)}`, changeCell(goal.change, goal.fields), riskCell(goal.risks)], goal.risks),
    ),
    ...diff.owners.map((owner) =>
      row([`owner ${code(owner.id)}`, changeCell(owner.change, owner.fields), riskCell(owner.risks)]),
    ),
    ...diff.sources.map((source) =>
      row([`source ${code(source.id)}`, changeCell(source.change, source.fields), riskCell(source.risks)]),
    ),
  ];
  if (diff.project.length > 0)
    rows.push(row(["project settings", changeCell("changed", diff.project), riskCell([])]));
  return rows;
}

function kpiCell(kpi: KpiDiff): string {
  return kpi.name ? `${code(kpi.id)} ${escapeMarkdown(kpi.name)}` : code(kpi.id);
}

function changeCell(change: keyof typeof CHANGE_LABELS, fields: readonly FieldChange[]): string {
  if (change !== "changed" || fields.length === 0) return CHANGE_LABELS[change];
  return `${CHANGE_LABELS.changed} (${fields.length} field${fields.length === 1 ? "" : "s"})`;
}

function riskCell(risks: readonly Risk[]): string {
  const ids = RISK_ORDER.filter((id) => risks.some((risk) => risk.id === id));
  return ids.length === 0 ? "—" : ids.map((id) => RISK_LABELS[id]).join("<br>");
}

/**
 * One block per changed item, KPIs first, each ready to be appended whole; section headings at
 * `level` (3: `###`), a KPI's one deeper.
 */
export function detailSections(diff: WorkspaceDiff, level = 3): string[] {
  const heading = "#".repeat(level);
  const sections = diff.kpis
    .filter((kpi) => kpi.change !== "added" || kpi.risks.length > 0)
    .map((kpi) => kpiSection(kpi, `${heading}#`));
  const entries = (title: string, list: readonly EntryDiff[]) =>
    list.length === 0 ? [] : [`${heading} ${title}\n\n${list.map(entryBlock).join("\n")}`];
  sections.push(
    ...entries("Goals", diff.goals),
    ...entries("Owners", diff.owners),
    ...entries("Sources", diff.sources),
  );
  if (diff.project.length > 0)
    sections.push(`${heading} Project settings\n\n${diff.project.map(fieldLine).join("\n")}\n`);
  if (diff.kpis.length > 0) sections.unshift(`${heading} KPI details\n`);
  return sections;
}

function kpiSection(kpi: KpiDiff, heading: string): string {
  const title = `${heading} ${code(kpi.id)} ${CHANGE_LABELS[kpi.change]}`;
  const where = kpi.previousFile ? `${code(kpi.previousFile)} → ${code(kpi.file)}` : code(kpi.file);
  const lines = [title, "", kpi.name ? `${escapeMarkdown(kpi.name)} · ${where}` : where];
  const bullets = kpi.fields.map(fieldLine);
  if (kpi.values) {
    const { period, before, after } = kpi.values;
    bullets.unshift(
      `- **${escapeMarkdown(kpi.id)}: ${escapeMarkdown(before)} → ${escapeMarkdown(after)} with the new definition** (${period.start} to ${period.end})${paceNote(kpi.values)}`,
    );
  }
  if (kpi.valuesWithheld === "untrusted-sql") {
    bullets.unshift(
      "- _Values not computed: this pull request wrote or changed the SQL they rest on, and it is untrusted._",
    );
  }
  if (bullets.length > 0) lines.push("", ...bullets);
  if (kpi.risks.length > 0) lines.push("", "Risk flags:", "", ...riskLines(kpi.risks));
  return `${lines.join("\n")}\n`;
}

/** `; expected 27.9% → 27.0%, at risk → on track`: the pace under each definition (spec 5.1). */
function paceNote(values: NonNullable<KpiDiff["values"]>): string {
  const parts: string[] = [];
  if (values.beforeExpected !== undefined || values.afterExpected !== undefined) {
    const side = (text: string | undefined) => escapeMarkdown(text ?? "no target");
    parts.push(`expected ${side(values.beforeExpected)} → ${side(values.afterExpected)}`);
  }
  if (values.beforeStatus && values.afterStatus) {
    const label = (status: string) => status.replace(/_/g, " ");
    parts.push(`${label(values.beforeStatus)} → ${label(values.afterStatus)}`);
  }
  return parts.length > 0 ? `; ${parts.join(", ")}` : "";
}

function entryBlock(entry: EntryDiff): string {
  const renamed = entry.previousId ? ` (was ${code(entry.previousId)})` : "";
  const lines = [`- ${code(entry.id)} ${CHANGE_LABELS[entry.change]}${renamed}`];
  // Every line of a folded change moves into the nested item, not only its first.
  lines.push(...entry.fields.map((field) => fieldLine(field).replace(/^(?=.)/gm, "  ")));
  lines.push(...riskLines(entry.risks).map((line) => `  ${line}`));
  return `${lines.join("\n")}\n`;
}

function riskLines(risks: readonly Risk[]): string[] {
  return [...risks]
    .sort((a, b) => RISK_ORDER.indexOf(a.id) - RISK_ORDER.indexOf(b.id))
    .map((risk) => `- **${RISK_LABELS[risk.id]}**: ${escapeMarkdown(risk.description)}`);
}

/** A field change as one bullet, or folded into `<details>` with both versions when it is long. */
function fieldLine(change: FieldChange): string {
  const measure = wholeMeasure(change);
  if (measure) return measure;
  if (change.description.length <= LONG_TEXT && !change.description.includes("\n")) {
    return `- ${escapeMarkdown(change.description)}`;
  }
  const block = (label: string, value: unknown) =>
    value === undefined
      ? []
      : [`${label}:`, "", codeBlock(typeof value === "string" ? value.trimEnd() : formatPlain(value)), ""];
  return (
    [
      `- <details><summary>${escapeMarkdown(change.field)} changed</summary>`,
      "",
      ...block("Before", change.before),
      ...block("After", change.after),
      "</details>",
    ]
      // A code block spans several lines: every one of them is indented into the list item, or
      // CommonMark ends the item at the first and runs the fence to the end of the comment.
      .flatMap((entry) => entry.split("\n"))
      .map((line, index) => (index === 0 || line === "" ? line : `  ${line}`))
      .join("\n")
  );
}

/** A measure added or removed whole, said in words: "added measure `resolved`: count of tickets where …". */
function wholeMeasure(change: FieldChange): string | undefined {
  const id = /^measures\.([^.]+)$/.exec(change.field)?.[1];
  if (id === undefined) return undefined;
  if (change.before === undefined && change.after !== undefined)
    return `- added measure ${code(id)}: ${escapeMarkdown(measureSummary(change.after))}`;
  if (change.after === undefined && change.before !== undefined)
    return `- removed measure ${code(id)} (was ${escapeMarkdown(measureSummary(change.before))})`;
  return undefined;
}
