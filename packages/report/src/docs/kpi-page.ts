import {
  asRecord,
  isSqlMeasure,
  type KpiEntry,
  type KpiFile,
  type MeasureDef,
  type Workspace,
} from "@kpi-as-code/core";
import { formatValue } from "../format/format-value.js";
import { referencedKpis } from "../model/kpi-tree.js";
import { valueDisplay } from "../model/kpi-view.js";
import { GENERATED_MARKER, ownerName } from "./common.js";
import { cell, code, page, table } from "./markdown.js";
import { measureWhat, measureWhen } from "./measure-text.js";

/** One KPI's page: the method's template (definition, formula, measures, cadence, targets, owner, action plan, review). */
export function kpiPage(workspace: Workspace, entry: KpiEntry): string {
  const data = entry.data as Partial<KpiFile>;
  const id = entry.id as string;
  const value = (number: number | undefined) =>
    number === undefined ? "—" : formatValue(number, valueDisplay(data));
  const goalKnown = typeof data.goal === "string" && Object.hasOwn(workspace.goals, data.goal);
  const unit = [data.unit, data.currency, data.range ? `range ${data.range[0]}..${data.range[1]}` : undefined]
    .filter(Boolean)
    .join(", ");
  const references = referencedKpis(workspace, entry);
  return page([
    GENERATED_MARKER,
    `# ${data.name ?? id}`,
    data.description?.trim(),
    table(
      ["Field", "Value"],
      [
        ["Id", code(id)],
        ["Version", cell(data.version)],
        ["Goal", goalKnown ? `[${data.goal}](../goals/${data.goal}.md)` : cell(data.goal)],
        ["Owner", cell(ownerName(workspace, data.owner))],
        ["Category", cell(data.category)],
        ["Indicator", cell(data.indicator)],
        ["Core KPI", data.core === true ? "yes" : "no"],
        ["Unit", cell(unit)],
        [
          "Direction",
          data.direction === "decrease"
            ? "decrease (lower is better)"
            : cell(data.direction && `${data.direction} (higher is better)`),
        ],
        ["Cadence", cell(data.cadence)],
        ["Segments", data.segments?.length ? data.segments.map(code).join(", ") : "—"],
        ["Tags", data.tags?.length ? data.tags.map(code).join(", ") : "—"],
        ["Defined in", code(entry.file)],
      ],
    ),
    "## Formula",
    `\`\`\`\n${data.formula ?? ""}\n\`\`\``,
    references.length > 0 &&
      `Computed from the KPIs ${references.map((kpi) => `[${kpi}](${kpi}.md)`).join(", ")}.`,
    "## Measures and their sources",
    measuresBlock(workspace, data.measures),
    "## Target",
    table(
      ["Point", "Value", "Date"],
      [
        ["Baseline", value(data.target?.baseline?.value), cell(data.target?.baseline?.at)],
        ["Short term", value(data.target?.short_term?.value), cell(data.target?.short_term?.by)],
        ["Mid term", value(data.target?.mid_term?.value), cell(data.target?.mid_term?.by)],
      ],
    ),
    data.thresholds &&
      `Thresholds: warning at ${value(data.thresholds.warning)}, critical at ${value(data.thresholds.critical)}.`,
    "## Benchmark",
    data.benchmark
      ? `${value(data.benchmark.value)}${data.benchmark.source ? ` (${data.benchmark.source})` : ""}`
      : "None.",
    "## Action plan",
    actionPlan(workspace, data.action_plan),
    "## Review",
    data.review
      ? `Every ${data.review.every}${data.review.next ? `; next review ${data.review.next}` : ""}.`
      : "No review set.",
    "[Back to the catalog](../index.md)",
  ]);
}

function measuresBlock(workspace: Workspace, measures: Record<string, MeasureDef> | undefined): string {
  const entries = Object.entries(measures ?? {});
  if (entries.length === 0) return "None: the formula uses only other KPIs.";
  const rows = entries.map(([name, measure]) => {
    const source = asRecord(workspace.sources[measure.source]);
    const sourceText = `${code(measure.source)}${typeof source.type === "string" ? ` (${source.type})` : ""}`;
    if (isSqlMeasure(measure)) return [code(name), sourceText, `SQL: ${code(cell(measure.sql))}`, "—", "—"];
    return [
      code(name),
      sourceText,
      measureWhat(workspace, measure),
      measure.where ? code(cell(measure.where)) : "—",
      measureWhen(measure),
    ];
  });
  return table(["Measure", "Source", "What", "Where", "Which rows"], rows);
}

function actionPlan(workspace: Workspace, plan: KpiFile["action_plan"] | undefined): string {
  if (!plan || plan.length === 0) return "None.";
  return plan
    .map((step, index) => {
      const details = [
        step.experiment ? `experiment: ${step.experiment}` : "",
        step.owner ? `owner: ${ownerName(workspace, step.owner)}` : "",
        step.due ? `due ${step.due}` : "",
      ].filter(Boolean);
      return `${index + 1}. ${step.hypothesis}${details.length > 0 ? `\n   - ${details.join("\n   - ")}` : ""}`;
    })
    .join("\n");
}
