import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { type DocPage, GENERATED_MARKER, renderDocs } from "@kpi-as-code/report";
import { loadWorkspace, RunnerError } from "@kpi-as-code/runner";
import { Command } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { resolveWorkspaceDirs } from "../workspace-dir.js";

export interface DocsCommandOptions {
  dir?: string;
  out: string;
}

/** The folders `kpi docs` owns inside its output folder. */
const PAGE_FOLDERS = ["goals", "kpis"];

export function docsCommand(): Command {
  return new Command("docs")
    .description(
      "Write a markdown catalog: an index, one page per goal and one per KPI, for a wiki or docs site.",
    )
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .option("--out <dir>", "the folder to write the pages to", "kpi-docs")
    .action(async (options: DocsCommandOptions) => {
      process.exitCode = await writeDocs(options);
    });
}

export async function writeDocs(options: DocsCommandOptions): Promise<number> {
  const roots = resolveWorkspaceDirs(options.dir);
  if (roots.length === 1) return writeWorkspaceDocs(roots[0] as string, options.out);
  // Several workspaces below: each gets its pages in a subfolder named as its folder.
  for (const root of roots) await writeWorkspaceDocs(root, join(options.out, relative(process.cwd(), root)));
  return EXIT.ok;
}

async function writeWorkspaceDocs(root: string, outOption: string): Promise<number> {
  const workspace = await loadWorkspace(root).catch((error: unknown) => {
    if (error instanceof RunnerError) throw new CliError(error.message);
    throw error;
  });
  const pages = renderDocs(workspace);
  const out = resolve(outOption);
  await removeStalePages(out, pages);
  for (const page of pages) {
    const file = join(out, page.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, page.content);
  }
  process.stdout.write(`Wrote ${pages.length} pages to ${outOption}\n`);
  return EXIT.ok;
}

/**
 * Pages of KPIs or goals that no longer exist are removed, but only from a folder an earlier
 * `kpi docs` wrote (its index carries the marker): never from someone's own docs.
 */
async function removeStalePages(out: string, pages: readonly DocPage[]): Promise<void> {
  const index = join(out, "index.md");
  if (!existsSync(index) || !readFileSync(index, "utf8").startsWith(GENERATED_MARKER)) return;
  const current = new Set(pages.map((page) => page.path));
  for (const folder of PAGE_FOLDERS) {
    const names = await readdir(join(out, folder)).catch(() => [] as string[]);
    for (const name of names) {
      if (name.endsWith(".md") && !current.has(`${folder}/${name}`)) await rm(join(out, folder, name));
    }
  }
}
