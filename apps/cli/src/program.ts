import { Command, CommanderError } from "commander";
import { CliError, EXIT } from "./cli-error.js";
import { VERSION } from "./version.js";

/**
 * Each command's module, loaded on demand: `kpi validate` should not pay for loading the runner,
 * its database drivers, the diff or the report (about 1.3 s of start-up on this machine).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import("./commands/validate.js")).validateCommand(),
  init: async () => (await import("./commands/init.js")).initCommand(),
  run: async () => (await import("./commands/run.js")).runCommand(),
  history: async () => (await import("./commands/history.js")).historyCommand(),
  diff: async () => (await import("./commands/diff.js")).diffCommand(),
  report: async () => (await import("./commands/report.js")).reportCommand(),
  docs: async () => (await import("./commands/docs.js")).docsCommand(),
  explain: async () => (await import("./commands/explain.js")).explainCommand(),
  review: async () => (await import("./commands/review.js")).reviewCommand(),
  analyze: async () => (await import("./commands/analyze.js")).analyzeCommand(),
  funnel: async () => (await import("./commands/funnel.js")).funnelCommand(),
  why: async () => (await import("./commands/why.js")).whyCommand(),
};

/**
 * The `kpi` program: every subcommand gets --help and --version. Only the command named in `argv`
 * is loaded; without one (`kpi --help`, a typo) all are, so help lists them all.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("kpi")
    .description("KPIs as code: validate, compute and review KPI definitions kept in git.")
    .version(VERSION, "-v, --version")
    .showHelpAfterError()
    .exitOverride();
  const named = argv.slice(2).find((arg) => !arg.startsWith("-"));
  const loaders = named && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]] : Object.values(COMMANDS);
  for (const load of loaders) {
    const command = await (load as () => Promise<Command>)();
    program.addCommand(command.version(VERSION, "-v, --version").showHelpAfterError().exitOverride());
  }
  return program;
}

/** Runs the CLI; every failure ends as a one-line message and an exit code, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await (await createProgram(argv)).parseAsync(argv);
  } catch (error) {
    process.exitCode = await exitCodeOf(error);
  }
}

async function exitCodeOf(error: unknown): Promise<number> {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    return error.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
  }
  // Loaded only on failure: `kpi --version` should not load core. Messages may quote hostile files.
  const { escapeControl } = await import("@kpi-as-code/core");
  if (error instanceof CliError) {
    process.stderr.write(`kpi: ${escapeControl(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`kpi: unexpected error: ${escapeControl(message)}\n`);
  if (process.env.KPI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return EXIT.cannotRun;
}
