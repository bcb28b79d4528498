import { InvalidArgumentError } from "commander";
import { CliError } from "./cli-error.js";

/** Parsers for option values, so bad input fails with commander's clear usage error and exit code 2. */
export function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date YYYY-MM-DD.");
  }
  return value;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number >= 0.");
  return Number(value);
}

/** `--timeout` values: a positive number of seconds, fractions allowed. */
export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0)
    throw new InvalidArgumentError("expected a number of seconds > 0.");
  return seconds;
}

/** Whether to color output: a TTY, and NO_COLOR / FORCE_COLOR respected. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

/** The half-open period `--from`/`--to` give, checked; undefined when neither is given. */
export function explicitPeriod(options: {
  from?: string | undefined;
  to?: string | undefined;
  period?: string | undefined;
}): { start: string; end: string } | undefined {
  if (options.period !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new CliError("use either --period or --from/--to, not both");
  }
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new CliError("--from and --to go together (the period is from inclusive, to exclusive)");
  }
  if (options.from === undefined || options.to === undefined) return undefined;
  if (options.from >= options.to)
    throw new CliError(`--from ${options.from} must be before --to ${options.to}`);
  return { start: options.from, end: options.to };
}
