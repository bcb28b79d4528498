import { mergeDiagnostics, type ValidationResult } from "@kpi-as-code/core";
import { checkSources, RunnerError } from "@kpi-as-code/runner";
import { CliError, EXIT } from "../cli-error.js";
import { noticeLine } from "../run-output/notices.js";
import { runnerTrust, type TrustCommandOptions } from "../trust-options.js";

/**
 * `kpi validate --sources` (spec 4.8): the files' diagnostics plus what the sources say about the
 * tables, columns and SQL they name. Loaded only with the flag (it brings the runner and DuckDB).
 * Source-wide notices go to stderr; a connector that is not installed means the command could not run.
 */
export async function withSourceChecks<T extends Pick<ValidationResult, "diagnostics">>(
  root: string,
  result: T,
  options: TrustCommandOptions,
): Promise<{ result: T; cannotRun: boolean }> {
  let checked: Awaited<ReturnType<typeof checkSources>>;
  try {
    checked = await checkSources(root, runnerTrust(options));
  } catch (error) {
    if (error instanceof RunnerError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  }
  for (const notice of checked.notices) process.stderr.write(noticeLine(notice));
  const diagnostics = mergeDiagnostics(result.diagnostics, checked.diagnostics);
  const cannotRun = checked.notices.some((notice) => notice.code === "source/connector-missing");
  return { result: { ...result, diagnostics }, cannotRun };
}
