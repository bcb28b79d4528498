import { kpiSchema } from "../schema/kpi-schema.js";
import { projectSchema } from "../schema/project-schema.js";

/**
 * The JSON Schema files shipped in packages/core/schema/, by file name. Editors' YAML tooling (the VS Code
 * extension contributes them) reads these files, the validator the objects: a test keeps them equal.
 */
export const SCHEMA_FILES: readonly { file: string; schema: object }[] = [
  { file: "kpi.schema.json", schema: kpiSchema },
  { file: "kpi-project.schema.json", schema: projectSchema },
];

/** A schema as file text; the formatter (biome) may rewrap it, the parsed content is what must match. */
export function renderSchemaFile(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
