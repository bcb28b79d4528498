import { relative, resolve } from "node:path";
import { findWorkspaceRoot, findWorkspaces, PROJECT_FILE, toPosix } from "@kpi-as-code/core";
import {
  type DiffLabels,
  diffChangedFiles,
  groupWorkspaceDiffs,
  renderJson,
  renderMarkdown,
  renderRepositoryMarkdown,
  type WorkspaceChangeKind,
  type WorkspaceDiff,
} from "@kpi-as-code/diff";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { gitTopLevel, resolveCommit } from "../git.js";
import { parseSeconds } from "../options.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDir } from "../workspace-dir.js";
import { commitRevision, type Revision, workingTreeRevision, workspacesAtCommit } from "./diff-revision.js";
import { addValueComparisons } from "./diff-values.js";

export const DIFF_FORMATS = ["markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffCommandOptions extends TrustCommandOptions {
  base: string;
  head?: string;
  dir?: string;
  format: DiffFormat;
  values?: boolean;
  /** Seconds per query of --values; the runner's default when absent. */
  timeout?: number;
}

/** The label of a head read from disk rather than from a commit. */
export const WORKING_TREE = "working tree";

export function diffCommand(): Command {
  const command = new Command("diff")
    .description("Show the KPI changes between two git revisions, for pull-request review.")
    .requiredOption("--base <gitref>", "the revision to compare against (e.g. origin/main)")
    .option("--head <gitref>", "the revision to compare (default: the working tree)")
    .option(
      "--dir <dir>",
      "workspace folder (default: nearest folder upwards with a kpi.yaml, else every workspace below)",
    )
    .addOption(new Option("--format <format>", "output format").choices(DIFF_FORMATS).default("markdown"))
    .option("--values", "compute KPIs whose meaning changed under the old and the new definition")
    .option("--timeout <seconds>", "with --values, give up on a query after this many seconds", parseSeconds)
    .action(async (options: DiffCommandOptions) => {
      process.exitCode = await runDiff(options);
    });
  return addTrustOptions(command);
}

/** The two commits (the head: undefined for the working tree), resolved before anything is printed. */
interface Revisions {
  top: string;
  base: string;
  head: string | undefined;
  labels: DiffLabels;
}

export async function runDiff(options: DiffCommandOptions, cwd = process.cwd()): Promise<number> {
  const below = options.dir === undefined && !findWorkspaceRoot(cwd);
  const start = below ? cwd : resolveWorkspaceDir(options.dir, cwd);
  const top = gitTopLevel(start);
  if (top === undefined) throw new CliError(`${start} is not inside a git repository; kpi diff needs one`);
  // Both revisions are resolved before anything is printed, so a bad ref fails cleanly with exit 2.
  const revisions: Revisions = {
    top,
    base: resolveCommit(top, options.base),
    head: options.head ? resolveCommit(top, options.head) : undefined,
    labels: { base: options.base, head: options.head ?? WORKING_TREE },
  };
  const folders = below ? workspacesBelow(revisions, cwd) : [start];
  if (folders.length === 0) resolveWorkspaceDir(undefined, cwd); // throws: no workspace anywhere
  // Workspaces found below are always grouped (and paths relative to `cwd`): the shape of the output
  // does not change when a repository gains its second workspace.
  if (!below) {
    const { diff } = await diffWorkspace(revisions, folders[0] as string, options);
    process.stdout.write(options.format === "json" ? renderJson(diff) : renderMarkdown(diff));
    return EXIT.ok;
  }
  const entries = [];
  for (const root of folders) {
    const { diff, change } = await diffWorkspace(revisions, root, options);
    entries.push({ workspace: toPosix(relative(cwd, root)), change, diff });
  }
  const diff = groupWorkspaceDiffs(revisions.labels, entries);
  process.stdout.write(options.format === "json" ? renderJson(diff) : renderRepositoryMarkdown(diff));
  return EXIT.ok;
}

/**
 * Every workspace below `cwd` at either revision (absolute folders, in name order): one the change
 * added or removed is compared with nothing on the other side.
 */
function workspacesBelow(revisions: Revisions, cwd: string): string[] {
  const { top, base, head } = revisions;
  const prefix = toPosix(relative(top, cwd));
  const folders = new Set(workspacesAtCommit(top, prefix, base).map((folder) => resolve(top, folder)));
  const heads = head
    ? workspacesAtCommit(top, prefix, head).map((folder) => resolve(top, folder))
    : findWorkspaces(cwd);
  for (const folder of heads) folders.add(folder);
  return [...folders].sort();
}

/** One workspace's semantic diff (with --values, the values), and whether the change added or removed it. */
async function diffWorkspace(
  revisions: Revisions,
  root: string,
  options: DiffCommandOptions,
): Promise<{ diff: WorkspaceDiff; change: WorkspaceChangeKind }> {
  const { top } = revisions;
  const prefix = toPosix(relative(top, root));
  const base = commitRevision(top, prefix, revisions.base);
  const head = revisions.head
    ? commitRevision(top, prefix, revisions.head)
    : workingTreeRevision(top, prefix, root);
  const differs = (file: string) => file === PROJECT_FILE || base.blobs.get(file) !== head.blobs.get(file);
  const changed = {
    base: base.read([...base.blobs.keys()].filter(differs)),
    head: head.read([...head.blobs.keys()].filter(differs)),
  };
  const diff = diffChangedFiles(changed, revisions.labels, () =>
    head.read([...head.blobs.keys()].filter((f) => !differs(f))),
  );
  const change = workspaceChange(base, head);
  // A workspace gone from the head has no folder to compute values in.
  if (options.values && change !== "removed") {
    // Read only when some KPI's meaning changed: a plain --values run on a large workspace reads nothing more.
    const files = {
      base: () => base.read([...base.blobs.keys()]),
      head: () => head.read([...head.blobs.keys()]),
    };
    await addValueComparisons(diff, root, files, {
      trust: runnerTrust(options),
      timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
    });
  }
  return { diff, change };
}

function workspaceChange(base: Revision, head: Revision): WorkspaceChangeKind {
  const before = base.blobs.has(PROJECT_FILE);
  const after = head.blobs.has(PROJECT_FILE);
  return before === after ? "kept" : after ? "added" : "removed";
}
