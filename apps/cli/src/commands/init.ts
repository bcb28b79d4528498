import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { PROJECT_FILE, todayDate } from "@kpi-as-code/core";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import {
  DEFAULT_TEMPLATE,
  INIT_TEMPLATES,
  type InitDates,
  type InitTemplateName,
  isInitTemplate,
} from "../init/templates.js";
import { parseDate } from "../options.js";

function parseTemplate(name: string): InitTemplateName {
  if (isInitTemplate(name)) return name;
  const names = Object.keys(INIT_TEMPLATES).join(", ");
  throw new CliError(`unknown template "${name}"; the templates are ${names} (see kpi init --help)`);
}

export function initCommand(): Command {
  return new Command("init")
    .description(
      "Create a KPI workspace (kpi.yaml, KPI files and sample data for DuckDB) that validates clean.",
    )
    .argument("[dir]", "folder to create the workspace in", ".")
    .option(
      "--template <name>",
      `the kind of team to start from: ${Object.keys(INIT_TEMPLATES).join(", ")} (default ${DEFAULT_TEMPLATE})`,
    )
    .option("--force", "write even if the folder already holds a kpi.yaml")
    .option("--today <date>", "date the targets and reviews are planned from (YYYY-MM-DD)", parseDate)
    .addHelpText(
      "after",
      `\nTemplates:\n${Object.entries(INIT_TEMPLATES)
        .map(([name, template]) => `  ${name.padEnd(10)} ${template.description}`)
        .join("\n")}`,
    )
    .action(async (dir: string, options: { force?: boolean; today?: string; template?: string }) => {
      // Checked before anything is written, so a typo leaves the folder as it was.
      const template = INIT_TEMPLATES[parseTemplate(options.template ?? DEFAULT_TEMPLATE)];
      const root = resolve(dir);
      if (existsSync(join(root, PROJECT_FILE)) && !options.force) {
        throw new CliError(`${join(dir, PROJECT_FILE)} already exists; use --force to overwrite`);
      }
      const dates = planDates(options.today ?? todayDate());
      const project =
        basename(root)
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, "-") || "kpis";
      const files = template.files(project, dates);
      for (const [file, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, file)), { recursive: true });
        await writeFile(join(root, file), text);
      }
      const written = Object.keys(files);
      if (await ignoreLocalState(root)) written.push(".gitignore");
      process.stdout.write(
        `Created a KPI workspace in ${root}:\n${written.map((f) => `  ${f}`).join("\n")}\n`,
      );
      process.stdout.write(`Next: kpi validate --dir ${dir}\n`);
    });
}

/** `.kpi/` holds the run history and the validation cache: local state, not source. */
async function ignoreLocalState(root: string): Promise<boolean> {
  const file = join(root, ".gitignore");
  const current = existsSync(file) ? await readFile(file, "utf8") : "";
  if (current.split(/\r?\n/).some((line) => line.trim() === ".kpi/" || line.trim() === ".kpi")) return false;
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  await writeFile(file, `${current}${separator}# kpi-as-code: run history and validation cache\n.kpi/\n`);
  return true;
}

function planDates(today: string): InitDates {
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const quarterStartMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  const periodStart = `${year}-${String(quarterStartMonth).padStart(2, "0")}-01`;
  return {
    today,
    baseline: day(-1),
    shortTerm: day(90),
    midTerm: day(365),
    review: day(30),
    periodStart,
    periodEnd: day(365),
  };
}
