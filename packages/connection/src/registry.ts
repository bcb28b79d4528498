import type { Connector } from "./types.js";

// Kept on globalThis so that a second copy of this module (built and source
// builds loaded side by side) still shares one registry.
const REGISTRY_KEY = Symbol.for("kpi-as-code.connectors");
type GlobalWithRegistry = typeof globalThis & { [REGISTRY_KEY]?: Map<string, Connector> };

function registry(): Map<string, Connector> {
  const global = globalThis as GlobalWithRegistry;
  global[REGISTRY_KEY] ??= new Map();
  return global[REGISTRY_KEY];
}

/** Makes a connector available by its `type`; a later registration of the same type replaces it. */
export function registerConnector(connector: Connector): void {
  registry().set(connector.type, connector);
}

export function getConnector(type: string): Connector | undefined {
  return registry().get(type);
}

export function connectorTypes(): string[] {
  return [...registry().keys()].sort();
}
