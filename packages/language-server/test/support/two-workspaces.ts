import { validateFiles } from "@kpi-as-code/core";
import { toLspDiagnostic } from "@kpi-as-code/language-service";
import type { Diagnostic } from "vscode-languageserver-types";
import { kpiText, PROJECT } from "./workspace.js";

/** Two KPI workspaces whose ids overlap, for the tests of several workspaces in one window. */

export const TODAY = "2026-11-27";

/** A second project: goal keep_customers as in PROJECT, answer_fast instead of grow_active_customers. */
export const SUPPORT_PROJECT = PROJECT.replace(
  /grow_active_customers:\n {4}statement: [^\n]*\n {4}owner: growth/,
  "answer_fast:\n    statement: Answer every ticket within a day\n    owner: support",
);

/** Growth: one KPI with an unknown owner, one using churn (of its own workspace). */
export const GROWTH = {
  "kpi.yaml": PROJECT,
  "metrics/churn.kpi.yaml": kpiText("churn", "keep_customers").replace("owner: growth", "owner: nobody"),
  "metrics/activation.kpi.yaml": kpiText("activation", "grow_active_customers", "a / b + churn * 0"),
};

/**
 * Support: the same KPI id churn (no id/duplicate across workspaces), a KPI aligned to a goal only
 * growth has, and a formula naming a KPI only growth has.
 */
export const SUPPORT = {
  "kpi.yaml": SUPPORT_PROJECT,
  "metrics/churn.kpi.yaml": kpiText("churn", "keep_customers"),
  "metrics/first_response.kpi.yaml": kpiText("first_response", "answer_fast", "a / b + activation * 0"),
  "metrics/orphan.kpi.yaml": kpiText("orphan", "grow_active_customers"),
};

export function under(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [`${prefix}/${file}`, text]));
}

/** The outer workspace's report on a nested workspace's kpi.yaml (core's listWorkspace). */
const NESTED = {
  code: "workspace/nested",
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
} as Diagnostic;

/**
 * What `kpi validate` reports for each file of one workspace, as LSP diagnostics; `nested`: the
 * workspace lies inside another, which adds workspace/nested on its kpi.yaml.
 */
export function expected(files: Record<string, string>, nested = false): Map<string, Diagnostic[]> {
  const list = validateFiles(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    { today: TODAY },
  ).diagnostics;
  return new Map(
    Object.keys(files).map((file) => [
      file,
      [
        ...list.filter((diagnostic) => diagnostic.file === file).map(toLspDiagnostic),
        ...(nested && file === "kpi.yaml" ? [NESTED] : []),
      ],
    ]),
  );
}

/** Rule ids and ranges, in a stable order: what a test compares. */
export const shape = (list: Diagnostic[]) =>
  list.map(({ code, range }) => ({ code, range })).sort((a, b) => key(a).localeCompare(key(b)));

const key = ({ code, range }: Pick<Diagnostic, "code" | "range">) =>
  `${code}@${String(range.start.line).padStart(6, "0")}:${String(range.start.character).padStart(6, "0")}`;
