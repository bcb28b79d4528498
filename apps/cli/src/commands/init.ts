import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { PROJECT_FILE, todayDate } from "@kpi-as-code/core";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import { sampleOrdersCsv } from "../init/sample-data.js";
import { type InitDates, KPI_TEMPLATES, projectFileTemplate } from "../init/templates.js";
import { parseDate } from "../options.js";

export function initCommand(): Command {
  return new Command("init")
    .description("Create a KPI workspace (kpi.yaml, three KPI files and sample data) that validates clean.")
    .argument("[dir]", "folder to create the workspace in", ".")
    .option("--force", "write even if the folder already holds a kpi.yaml")
    .option("--today <date>", "date the targets and reviews are planned from (YYYY-MM-DD)", parseDate)
    .action(async (dir: string, options: { force?: boolean; today?: string }) => {
      const root = resolve(dir);
      if (existsSync(join(root, PROJECT_FILE)) && !options.force) {
        throw new CliError(`${join(dir, PROJECT_FILE)} already exists; use --force to overwrite`);
      }
      const dates = planDates(options.today ?? todayDate());
      await mkdir(join(root, "kpis"), { recursive: true });
      await mkdir(join(root, "data"), { recursive: true });
      const project =
        basename(root)
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, "-") || "kpis";
      const written = [PROJECT_FILE, ...KPI_TEMPLATES.map((t) => `kpis/${t.id}.kpi.yaml`), "data/orders.csv"];
      await writeFile(join(root, PROJECT_FILE), projectFileTemplate(project, dates));
      for (const template of KPI_TEMPLATES) {
        await writeFile(join(root, "kpis", `${template.id}.kpi.yaml`), template.body(dates));
      }
      await writeFile(join(root, "data", "orders.csv"), sampleOrdersCsv(dates.today));
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
