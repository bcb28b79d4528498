import { substituteEnv } from "./env.js";
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
