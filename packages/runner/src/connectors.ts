import { type Connector, getConnector } from "@kpi-as-code/connection";
import { isSourceType, SOURCE_TYPES } from "@kpi-as-code/core";

// DuckDB, the embedded default, comes with the runner. A literal import, so that bundles (the VS Code
// extension's) carry it; loaded on the first DuckDB source, so that commands that open none (`kpi
// validate`, `kpi --version`, the editor's start) do not pay for its native module (0.1-0.5 s here).
const EMBEDDED: Readonly<Record<string, () => Promise<unknown>>> = {
  duckdb: () => import("@kpi-as-code/connector-duckdb"),
};

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
    await (Object.hasOwn(EMBEDDED, type) ? (EMBEDDED[type] as () => Promise<unknown>)() : import(name));
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
