import { envReferences, substituteEnv } from "./env.js";
import { MissingEnvError, SourceError } from "./errors.js";
import type { ConnectContext, SourceConfig } from "./types.js";

/** Reads a string setting of a source, `${env:...}` substituted; a missing one or a missing variable is a config SourceError. */
export function requireSourceSetting(
  config: SourceConfig,
  key: "url" | "path",
  context: ConnectContext,
): string {
  const value = optionalSourceSetting(config, key, context);
  if (value === undefined) {
    throw new SourceError({
      kind: "config",
      source: context.source,
      sourceType: config.type,
      detail: `the source needs a "${key}"`,
    });
  }
  return value;
}

export function optionalSourceSetting(
  config: SourceConfig,
  key: "url" | "path",
  context: ConnectContext,
): string | undefined {
  const raw = config[key];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new SourceError({
      kind: "config",
      source: context.source,
      sourceType: config.type,
      detail: `"${key}" must be a non-empty string`,
    });
  }
  return substituteSourceEnv(raw, config, context);
}

/** substituteEnv whose MissingEnvError becomes a config SourceError naming the source and the variable. */
export function substituteSourceEnv(value: string, config: SourceConfig, context: ConnectContext): string {
  try {
    return substituteEnv(value, context.env ?? process.env);
  } catch (error) {
    if (!(error instanceof MissingEnvError)) throw error;
    throw new SourceError({
      kind: "config",
      source: context.source,
      sourceType: config.type,
      detail: error.message,
      engineCode: error.code,
    });
  }
}

/**
 * The settings of a source that say how to connect. In an untrusted run `${env:NAME}` is expanded
 * only in these: a table path or a query naming a variable could otherwise carry its value out.
 */
export const CONNECTION_SETTINGS: readonly string[] = [
  "url",
  "path",
  "host",
  "port",
  "user",
  "username",
  "password",
  "database",
  "dbname",
];

/** Each setting of `config` with the `${env:NAME}` names it references (nested settings by dotted key). */
export function sourceEnvReferences(config: SourceConfig): Array<{ setting: string; variables: string[] }> {
  const found: Array<{ setting: string; variables: string[] }> = [];
  const visit = (value: unknown, setting: string): void => {
    if (typeof value === "string") {
      const variables = envReferences(value);
      if (variables.length > 0) found.push({ setting, variables });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value))
        visit(item, setting === "" ? key : `${setting}.${key}`);
    }
  };
  visit(config, "");
  return found;
}
