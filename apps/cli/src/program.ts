import { Command, CommanderError } from "commander";
import { CliError, EXIT } from "./cli-error.js";
import { diffCommand } from "./commands/diff.js";
import { docsCommand } from "./commands/docs.js";
import { explainCommand } from "./commands/explain.js";
import { historyCommand } from "./commands/history.js";
import { initCommand } from "./commands/init.js";
import { reportCommand } from "./commands/report.js";
import { runCommand } from "./commands/run.js";
import { validateCommand } from "./commands/validate.js";
import { VERSION } from "./version.js";

/** The `kpi` program: every subcommand gets --help and --version. */
export function createProgram(): Command {
  const program = new Command("kpi")
    .description("KPIs as code: validate, compute and review KPI definitions kept in git.")
    .version(VERSION, "-v, --version")
    .showHelpAfterError()
    .exitOverride();
  for (const command of [
    validateCommand(),
    initCommand(),
    runCommand(),
    historyCommand(),
    diffCommand(),
    reportCommand(),
    docsCommand(),
    explainCommand(),
  ]) {
    program.addCommand(command.version(VERSION, "-v, --version").showHelpAfterError().exitOverride());
  }
  return program;
}

/** Runs the CLI; every failure ends as a one-line message and an exit code, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeOf(error);
  }
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    return error.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
  }
  if (error instanceof CliError) {
    process.stderr.write(`kpi: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`kpi: unexpected error: ${message}\n`);
  if (process.env.KPI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.cannotRun;
}
