import { MissingEnvError } from "./errors.js";

const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces every `${env:NAME}` in `value`. An unset or empty variable throws
 * MissingEnvError: silently connecting to "" would hide the mistake.
 */
export function substituteEnv(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(ENV_REFERENCE, (_reference, name: string) => {
    const replacement = env[name];
    if (replacement === undefined || replacement === "") throw new MissingEnvError(name);
    return replacement;
  });
}

/** substituteEnv applied to every string inside a plain JSON-like value (a source config). */
export function substituteEnvDeep<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  if (typeof value === "string") return substituteEnv(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => substituteEnvDeep(item, env)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteEnvDeep(item, env)]),
    ) as T;
  }
  return value;
}

/** The variable names `value` references as `${env:NAME}`, each once, in order. */
export function envReferences(value: string): string[] {
  return [...new Set([...value.matchAll(ENV_REFERENCE)].map((match) => match[1] as string))];
}
