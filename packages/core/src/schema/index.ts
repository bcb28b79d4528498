export { kpiSchema } from "./kpi-schema.js";
export { projectSchema } from "./project-schema.js";
export {
  editDistance,
  type SchemaKind,
  type SchemaProblem,
  validateAgainstSchema,
} from "./validate-schema.js";
