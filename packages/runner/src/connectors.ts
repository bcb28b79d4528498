import { type Connector, getConnector } from "@kpi-as-code/connection";
import { isSourceType, SOURCE_TYPES } from "@kpi-as-code/core";
// DuckDB, the embedded default, comes with the runner; importing it registers it.
import "@kpi-as-code/connector-duckdb";

/** A source type whose connector package is not installed (spec section 6). */
export interface MissingConnector {
  type: string;
  package: string;
}

/**
 * The connector of a source type: registered already, or loaded from its package (the source-type
 * registry names it) the first time a source of that type is opened, so a workspace installs and
 * loads only the drivers it uses.
 */
export async function loadConnector(type: string): Promise<Connector | MissingConnector | undefined> {
  const registered = getConnector(type);
  if (registered || !isSourceType(type)) return registered;
  const name = SOURCE_TYPES[type].package;
  try {
    await import(name);
  } catch (error) {
    if (isModuleMissing(error, name)) return { type, package: name };
    throw error;
  }
  return getConnector(type);
}

function isModuleMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && (message ?? "").includes(name);
}
