import { sep } from "node:path";
import { validateDirectory } from "@kpi-as-code/core";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { FORMATS, type FormatName, formatReport, type ValidationReport } from "../formats/index.js";
import { repositoryPrefix } from "../git.js";
import { parseCount, parseDate, useColor } from "../options.js";
import { mergeReports, toReport } from "../rule-meta.js";
import { addTrustOptions, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDirs } from "../workspace-dir.js";
import { loadBaseWorkspace } from "./git-base.js";

export interface ValidateCommandOptions extends TrustCommandOptions {
  dir?: string;
  format: FormatName;
  base?: string;
  today?: string;
  maxWarnings?: number;
  watch?: boolean;
  sources?: boolean;
}

export function validateCommand(): Command {
  const command = new Command("validate")
    .description("Check KPI files against the schema and the method's rules.")
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .option("--base <gitref>", "compare with a git revision to check version bumps")
    .option("--today <date>", "fix today's date for the date rules (YYYY-MM-DD)", parseDate)
    .option("--max-warnings <n>", "fail when there are more warnings than this", parseCount)
    .option("--watch", "re-validate when files change")
    .option("--sources", "also connect to each source and check its tables, columns and SQL (reads no data)")
    .action(async (options: ValidateCommandOptions) => {
      process.exitCode = await runValidate(options);
    });
  return addTrustOptions(command);
}

export async function runValidate(options: ValidateCommandOptions): Promise<number> {
  const roots = resolveWorkspaceDirs(options.dir);
  if (roots.length > 1 && options.watch)
    throw new CliError(`--watch follows one workspace, and ${roots.length} were found below: pass --dir`);
  if (options.sources && options.watch)
    throw new CliError("--sources checks once: it does not combine with --watch");
  let cannotRun = false;
  const reports: { root: string; report: ValidationReport }[] = [];
  for (const root of roots) {
    const base = options.base ? await loadBaseWorkspace(root, options.base) : undefined;
    const validateOptions = {
      ...(options.today ? { today: options.today } : {}),
      ...(base ? { base } : {}),
    };
    // Loaded only for --watch: the watcher (chokidar) is a fifth of a one-shot run's start-up.
    if (options.watch)
      return (await import("./validate-watch.js")).watchAndValidate(root, validateOptions, options);
    let result = await validateDirectory(root, validateOptions);
    if (options.sources) {
      const checked = await (await import("./validate-sources.js")).withSourceChecks(root, result, options);
      result = checked.result;
      cannotRun ||= checked.cannotRun;
    }
    reports.push({ root, report: toReport(root, result) });
  }
  // Workspaces found below the current folder are reported with paths relative to it.
  const cwd = process.cwd();
  const below = options.dir === undefined && reports.every((r) => r.root.startsWith(`${cwd}${sep}`));
  const report = below ? mergeReports(cwd, reports) : (reports[0] as (typeof reports)[0]).report;
  const root = report.root;
  // GitHub resolves annotation and code-scanning paths against the repository root.
  const pathPrefix =
    options.format === "github" || options.format === "sarif" ? repositoryPrefix(root) : undefined;
  process.stdout.write(
    formatReport(options.format, report, { color: useColor(), ...(pathPrefix ? { pathPrefix } : {}) }),
  );
  return cannotRun ? EXIT.cannotRun : exitCodeFor(report.diagnostics, options.maxWarnings);
}

export function exitCodeFor(diagnostics: readonly { severity: string }[], maxWarnings?: number): number {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  if (errors > 0) return EXIT.failed;
  if (maxWarnings !== undefined && warnings > maxWarnings) return EXIT.failed;
  return EXIT.ok;
}
