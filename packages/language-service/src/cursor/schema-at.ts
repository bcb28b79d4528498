import { kpiSchema, type Path, projectSchema } from "@kpi-as-code/core";

/** The part of the JSON Schema the editor reads: descriptions, properties, enums. */
export interface SchemaNode {
  type?: string;
  description?: string;
  enum?: readonly unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: readonly string[];
  items?: SchemaNode;
  prefixItems?: readonly SchemaNode[];
}

export type FileKind = "project" | "kpi";

export function rootSchema(kind: FileKind): SchemaNode {
  return (kind === "kpi" ? kpiSchema : projectSchema) as unknown as SchemaNode;
}

/** The schema of the node at `path` (properties, then id-keyed maps, then array items). */
export function schemaAt(kind: FileKind, path: Path): SchemaNode | undefined {
  let node: SchemaNode | undefined = rootSchema(kind);
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === "number") {
      node = node.prefixItems?.[segment] ?? node.items;
      continue;
    }
    const additional: SchemaNode | boolean | undefined = node.additionalProperties;
    node = node.properties?.[segment] ?? (typeof additional === "object" ? additional : undefined);
  }
  return node;
}
