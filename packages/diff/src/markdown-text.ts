import { escapeControl } from "@kpi-as-code/core";
import type { EntryChangeKind, KpiChangeKind, RiskId } from "./types.js";

/** Emoji and words per risk: the emoji is for the eye, the words for screen readers and search. */
export const RISK_LABELS: Record<RiskId, string> = {
  "target-eased": "📉 target eased",
  "threshold-eased": "📉 threshold eased",
  "meaning-changed": "🔀 meaning changed",
  "core-removed": "❌ core KPI removed",
  "goal-unbalanced": "⚖️ goal unbalanced",
  "version-not-bumped": "🏷️ version not bumped",
};

/** The order risks are listed in: the ones a reviewer must act on first. */
export const RISK_ORDER: readonly RiskId[] = [
  "version-not-bumped",
  "core-removed",
  "meaning-changed",
  "target-eased",
  "threshold-eased",
  "goal-unbalanced",
];

export const CHANGE_LABELS: Record<KpiChangeKind | EntryChangeKind, string> = {
  added: "➕ added",
  removed: "➖ removed",
  changed: "✏️ changed",
  moved: "🚚 moved",
  renamed: "🏷️ renamed",
};

/**
 * Text from KPI files made inert in a PR comment: no HTML, no emphasis, no links, no table breaks,
 * no @-mentions (a zero-width space after the `@`, as dependency bots write it, so a fork's KPI
 * name cannot notify people or teams).
 * Underscores inside words (snake_case ids) are left alone: GitHub never emphasizes those. Control
 * characters show as `\uXXXX`: the same text also reaches terminals (`kpi diff` run locally).
 */
export function escapeMarkdown(text: string): string {
  const inert = text
    .replace(/[\\`*[\]~|]/g, (char) => `\\${char}`)
    .replace(/</g, "&lt;")
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (match) => match.replace("_", "\\_"))
    .replace(/\r?\n/g, " ")
    .replace(/@(?=[A-Za-z0-9])/g, "@&#8203;");
  // Last, so the backslash of `\u001b` is not escaped again: GitHub shows it as written.
  return escapeControl(inert);
}

/** A code span that holds any text, backticks included (CommonMark: a longer fence). */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${escapeControl(text.replace(/\r?\n/g, " "))}${pad}${fence}`;
}

/** A fenced block that holds any text (GitHub renders no HTML inside): the fence outruns any backticks. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${escapeControl(text, { keep: "\n\t" })}\n${fence}`;
}
