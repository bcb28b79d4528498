import { envReferences, redactSecrets, substituteEnv, urlSecrets } from "@kpi-as-code/connection";
import type { AlertChannelDef } from "@kpi-as-code/core";

export interface ResolvedChannel {
  id: string;
  definition: AlertChannelDef;
  /** The URL with `${env:…}` replaced; never printed. */
  url: string;
  /** Hides every secret of this channel from a message. */
  redact(text: string): string;
}

/**
 * The channel's URL with the environment substituted (a missing variable throws MissingEnvError, which
 * names the variable only). Error texts go through `redact`: the whole URL (a Slack webhook's path is
 * its secret), its password and secret parameters, and the values of the variables it used.
 */
export function resolveChannel(
  id: string,
  definition: AlertChannelDef,
  env: NodeJS.ProcessEnv,
): ResolvedChannel {
  const url = substituteEnv(definition.url, env);
  const secrets = [
    url,
    ...urlSecrets(url),
    ...envReferences(definition.url).map((name) => env[name] ?? ""),
  ].filter((secret) => secret.length >= 4);
  return { id, definition, url, redact: (text) => redactSecrets(text, secrets) };
}
