import {
  CONNECTION_SETTINGS,
  MissingEnvError,
  type SourceConfig,
  SourceError,
  sourceEnvReferences,
  substituteEnvDeep,
  urlSecrets,
} from "@kpi-as-code/connection";

/** Why a source cannot be opened because of its `${env:...}` references, before trying. */
export type EnvProblem =
  | { code: "source/env-missing"; variables: string[]; error: SourceError }
  | { code: "source/env-outside-connection"; settings: string[]; error: SourceError };

export interface SourceEnv {
  problem: EnvProblem | undefined;
  /** Texts to cut out of every output: URL passwords; in an untrusted run, every expanded value. */
  secrets: string[];
}

/**
 * Checks a source's `${env:NAME}` references once: every variable that is unset or empty (one
 * problem listing them all, not one per KPI), and in an untrusted run any reference outside the
 * connection settings (a table path naming a variable would carry its value into a query).
 */
export function checkSourceEnv(
  source: string,
  config: SourceConfig,
  env: NodeJS.ProcessEnv,
  untrusted: boolean,
): SourceEnv {
  // A description is text for people: nothing expands it, so it needs no variable.
  const references = sourceEnvReferences(config).filter((reference) => reference.setting !== "description");
  const errorBase = { kind: "config" as const, source, sourceType: config.type };
  if (untrusted) {
    const outside = references
      .map((reference) => reference.setting)
      .filter((setting) => !CONNECTION_SETTINGS.includes(setting));
    if (outside.length > 0) {
      const detail = `an untrusted run expands \${env:...} only in connection settings (${CONNECTION_SETTINGS.join(", ")}), not in ${outside.join(", ")}`;
      const error = new SourceError({ ...errorBase, detail });
      return { problem: { code: "source/env-outside-connection", settings: outside, error }, secrets: [] };
    }
  }
  const variables = [...new Set(references.flatMap((reference) => reference.variables))];
  const missing = variables.filter((name) => env[name] === undefined || env[name] === "");
  if (missing.length > 0) {
    const detail = missing.map((name) => new MissingEnvError(name).message).join(" ");
    const error = new SourceError({ ...errorBase, detail, engineCode: new MissingEnvError("").code });
    return { problem: { code: "source/env-missing", variables: missing, error }, secrets: [] };
  }
  const resolved = substituteEnvDeep({ ...config, description: undefined }, env);
  const secrets = typeof resolved.url === "string" ? urlSecrets(resolved.url) : [];
  if (untrusted) secrets.push(...variables.map((name) => env[name] as string));
  return { problem: undefined, secrets };
}
