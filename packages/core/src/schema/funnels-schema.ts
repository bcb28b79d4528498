import { ID_PATTERN, idSchema } from "./common.js";

const funnel = {
  type: "object",
  description:
    "KPIs that are the steps of one path, in order (sign-up → activation → purchase): `kpi funnel` computes the conversion from step to step and the biggest drop.",
  additionalProperties: false,
  required: ["steps"],
  properties: {
    goal: idSchema("The goal (from `goals`) this funnel serves."),
    steps: {
      type: "array",
      minItems: 2,
      description:
        "KPI ids, first step first. Each a count, all of the same cadence, so that each step's value can be compared with the one before.",
      items: idSchema("A KPI id: a count of what reached this step."),
    },
  },
};

/** `funnels` of kpi.yaml (spec 5.5): by id. */
export const funnelsSchema = {
  type: "object",
  description:
    "Funnels, by id: KPIs that are the steps of one path, where `kpi funnel` finds the biggest drop.",
  propertyNames: { pattern: ID_PATTERN },
  additionalProperties: funnel,
};
