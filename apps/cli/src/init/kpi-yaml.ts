import type { InitDates } from "./template.js";

// The parts every template's files share, so that the three starts cannot drift apart in shape:
// the project file's header and policy, and a KPI's plan (target, benchmark, thresholds, action
// plan, review). Each template keeps its own owners, goals, sources, measures and numbers.

/** `kpi.yaml`: the header, `project:`, the template's owners/goals/sources, and the default policy. */
export const projectYaml = (
  project: string,
  body: string,
) => `# The project file: owners, goals and data sources of this KPI workspace.
# Reference: docs/format.md of kpi-as-code.
project: ${project}
${body}policy:
  core_kpis: { min: 3, max: 7 }
  balance: per_goal
`;

/** What a KPI plans to reach and do: its numbers, the benchmark's value and one experiment. */
export interface KpiPlan {
  baseline: number;
  shortTerm: number;
  midTerm: number;
  benchmark: number;
  thresholds: { warning: number; critical: number };
  hypothesis: string;
  experiment: string;
  review: "week" | "month";
}

/**
 * A KPI file's plan, from `target:` to `review:`, dated by `d`; `benchmarkSource` names the
 * template's benchmark report.
 */
export const kpiPlan = (d: InitDates, benchmarkSource: string, p: KpiPlan) => `target:
  baseline: { value: ${p.baseline}, at: ${d.baseline} }
  short_term: { value: ${p.shortTerm}, by: ${d.shortTerm} }
  mid_term: { value: ${p.midTerm}, by: ${d.midTerm} }
benchmark: { value: ${p.benchmark}, source: ${benchmarkSource} }
thresholds: { warning: ${p.thresholds.warning}, critical: ${p.thresholds.critical} }
action_plan:
  - hypothesis: ${p.hypothesis}
    experiment: ${p.experiment}
review: { every: ${p.review}, next: ${d.review} }
`;
