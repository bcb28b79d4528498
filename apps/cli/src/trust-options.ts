import { delimiter, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";

/**
 * How far the workspace is trusted. Both settings come from the command line or the environment of
 * the CI job, never from the repository: a pull request controls kpi.yaml, so nothing in it may
 * widen what a run can reach.
 */
export interface TrustCommandOptions {
  /** --untrusted (or KPI_UNTRUSTED=1): the workspace comes from a pull request nobody reviewed. */
  untrusted?: boolean;
  /** --allow-path DIR, repeatable: folders outside the workspace that table files may lie in. */
  allowPath?: string[];
}

/** What the runner receives: `untrusted` and `allowPaths` only when set. */
export interface RunnerTrust {
  untrusted?: true;
  allowPaths?: string[];
}

export const UNTRUSTED_ENV = "KPI_UNTRUSTED";
export const ALLOW_PATHS_ENV = "KPI_ALLOW_PATHS";

const UNTRUSTED_HELP =
  "treat the workspace as hostile (a pull request from a fork): engine errors shown by code only, " +
  `\${env:...} expanded only in connection fields, values of new SQL withheld (also ${UNTRUSTED_ENV}=1)`;

/** `--untrusted`, for every command that reads a workspace. */
export function addUntrustedOption(command: Command): Command {
  return command.option("--untrusted", UNTRUSTED_HELP);
}

/** `--untrusted` and `--allow-path`, for the commands that run queries. */
export function addTrustOptions(command: Command): Command {
  return addUntrustedOption(command).option(
    "--allow-path <dir>",
    `a folder outside the workspace whose files sources may read as tables; repeatable (also ${ALLOW_PATHS_ENV}, separated by "${delimiter}")`,
    collectDir,
    [],
  );
}

/** On with the flag or with KPI_UNTRUSTED set to 1/true/yes; an empty or "0" variable leaves it off. */
export function isUntrusted(options: TrustCommandOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  if (options.untrusted === true) return true;
  return /^(1|true|yes)$/i.test(env[UNTRUSTED_ENV]?.trim() ?? "");
}

/** The runner's trust options from the flags and the environment; folders absolute. */
export function runnerTrust(
  options: TrustCommandOptions,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): RunnerTrust {
  const fromEnv = (env[ALLOW_PATHS_ENV] ?? "")
    .split(delimiter)
    .filter((dir) => dir.trim() !== "")
    .map((dir) => resolve(cwd, dir));
  const allowPaths = [...new Set([...(options.allowPath ?? []), ...fromEnv])];
  return {
    ...(isUntrusted(options, env) ? { untrusted: true as const } : {}),
    ...(allowPaths.length > 0 ? { allowPaths } : {}),
  };
}

function collectDir(value: string, previous: string[]): string[] {
  if (value.trim() === "") throw new InvalidArgumentError("expected a folder.");
  return [...previous, resolve(value)];
}
