import type { KpiFile } from "../model/types.js";
import { asRecord } from "../model/workspace.js";
import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const funnelSteps: Rule = {
  id: "funnel/steps",
  scope: "workspace",
  defaultSeverity: "error",
  summary: "A funnel step is not a `count` KPI, or its cadence differs from the first step's.",
  why: "A funnel divides each step by the one before: that only means a conversion when every step counts what reached it over the same kind of period. A rate or a weekly step among monthly ones gives a number that looks like a conversion and is not.",
  example:
    "funnels:\n  onboarding:\n    steps: [signups, activation_rate]   # activation_rate is a ratio, not a count\n",
  fix: "Make each step a KPI with `unit: count` (the number that reached the step), all of one cadence; a rate between two steps is what `kpi funnel` computes for you.",
  check(context) {
    const { workspace } = context;
    const project = workspace.project;
    if (!project) return;
    for (const [funnelId, funnel] of Object.entries(asRecord(project.data.funnels))) {
      const steps = asRecord(funnel).steps;
      if (!Array.isArray(steps)) continue;
      let firstCadence: string | undefined;
      let firstStep: string | undefined;
      steps.forEach((step, index) => {
        if (typeof step !== "string") return;
        const data = workspace.kpi(step)?.data as Partial<KpiFile> | undefined;
        // A step naming no KPI is measurability/unknown-reference's finding.
        if (!data) return;
        const at = { path: ["funnels", funnelId, "steps", index] };
        if (data.unit !== "count") {
          context.report(project.file, at, messages["funnel/steps"]({ step, unit: data.unit ?? "none" }));
        }
        if (typeof data.cadence !== "string") return;
        if (firstCadence === undefined) {
          firstCadence = data.cadence;
          firstStep = step;
        } else if (data.cadence !== firstCadence) {
          context.report(
            project.file,
            at,
            messages["funnel/steps"]({
              step,
              cadence: data.cadence,
              first: { step: firstStep as string, cadence: firstCadence },
            }),
          );
        }
      });
    }
  },
};
