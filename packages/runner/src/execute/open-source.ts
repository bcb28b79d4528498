import { type Connection, type SourceConfig, SourceError } from "@kpi-as-code/connection";
import { loadConnector, type MissingConnector } from "../connectors.js";
import type { RunNotice } from "../types.js";
import { failureText } from "./failure-text.js";

export interface OpenSourceOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  untrusted: boolean;
  allowPaths?: readonly string[];
}

export type OpenedSource =
  | { connection: Connection; notice?: RunNotice }
  | { failure: string; notice?: RunNotice };

/**
 * Connects to one source. A role that is a superuser or can read the server's files is a warning,
 * or in an untrusted run a refusal: such a role lets a KPI file read what the server can.
 */
export async function openSource(
  source: string,
  config: SourceConfig,
  kpis: string[],
  options: OpenSourceOptions,
): Promise<OpenedSource> {
  const context = { source, sourceType: config.type, untrusted: options.untrusted };
  let connection: Connection;
  try {
    const connector = await loadConnector(config.type);
    if (connector && "package" in connector) return connectorMissing(source, connector, kpis);
    if (!connector) {
      const detail = `no connector is registered for type "${config.type}"`;
      throw new SourceError({ kind: "config", source, sourceType: config.type, detail });
    }
    connection = await connector.connect(config, {
      workspaceRoot: options.root,
      source,
      env: options.env,
      ...(options.allowPaths ? { allowPaths: options.allowPaths } : {}),
    });
  } catch (error) {
    return { failure: failureText(error, { ...context, kind: "connect" }) };
  }
  const privileges = connection.privileges;
  if (!privileges || privileges.powers.length === 0) return { connection };
  const severity = options.untrusted ? "error" : "warning";
  const refused = new SourceError({
    kind: "privileged",
    source,
    sourceType: config.type,
    detail: `role "${privileges.role}" has ${privileges.powers.join(", ")}`,
  });
  const notice: RunNotice = {
    code: "source/privileged-role",
    severity,
    source,
    role: privileges.role,
    powers: privileges.powers,
    kpis,
    message: options.untrusted
      ? refused.message
      : `Source "${source}" (${config.type}): role "${privileges.role}" has ${privileges.powers.join(", ")}; a KPI file can read what the server can. Use a role that may only read the tables.`,
  };
  if (!options.untrusted) return { connection, notice };
  await connection.close().catch(() => undefined);
  return { failure: refused.message, notice };
}

/** Spec section 6: a source whose connector is not installed says which package to install. */
function connectorMissing(source: string, missing: MissingConnector, kpis: string[]): OpenedSource {
  const message = `Source "${source}" is of type ${missing.type}, whose connector is not installed: npm install -D ${missing.package}`;
  return {
    failure: message,
    notice: {
      code: "source/connector-missing",
      severity: "error",
      source,
      type: missing.type,
      package: missing.package,
      kpis,
      message,
    },
  };
}
