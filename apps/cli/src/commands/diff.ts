import { createHash } from "node:crypto";
import { relative } from "node:path";
import {
  listWorkspaceFiles,
  PROJECT_FILE,
  type SourceFile,
  toPosix,
  workspaceReader,
} from "@kpi-as-code/core";
import { diffChangedFiles, renderJson, renderMarkdown } from "@kpi-as-code/diff";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { commitBlobs, git, gitTopLevel, readBlobs, resolveCommit } from "../git.js";
import { parseSeconds } from "../options.js";
import { addTrustOptions, runnerTrust, type TrustCommandOptions } from "../trust-options.js";
import { resolveWorkspaceDir } from "../workspace-dir.js";
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
    .option("--dir <dir>", "workspace folder (default: nearest folder upwards with a kpi.yaml)")
    .addOption(new Option("--format <format>", "output format").choices(DIFF_FORMATS).default("markdown"))
    .option("--values", "compute KPIs whose meaning changed under the old and the new definition")
    .option("--timeout <seconds>", "with --values, give up on a query after this many seconds", parseSeconds)
    .action(async (options: DiffCommandOptions) => {
      process.exitCode = await runDiff(options);
    });
  return addTrustOptions(command);
}

export async function runDiff(options: DiffCommandOptions): Promise<number> {
  const root = resolveWorkspaceDir(options.dir);
  const top = gitTopLevel(root);
  if (top === undefined) throw new CliError(`${root} is not inside a git repository; kpi diff needs one`);
  const prefix = toPosix(relative(top, root));
  // Both revisions are resolved before anything is printed, so a bad ref fails cleanly with exit 2.
  const base = commitRevision(top, prefix, options.base);
  const head = options.head
    ? commitRevision(top, prefix, options.head)
    : workingTreeRevision(top, prefix, root);
  const differs = (file: string) => file === PROJECT_FILE || base.blobs.get(file) !== head.blobs.get(file);
  const changed = {
    base: base.read([...base.blobs.keys()].filter(differs)),
    head: head.read([...head.blobs.keys()].filter(differs)),
  };
  const labels = { base: options.base, head: options.head ?? WORKING_TREE };
  const diff = diffChangedFiles(changed, labels, () =>
    head.read([...head.blobs.keys()].filter((f) => !differs(f))),
  );
  if (options.values) {
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
  process.stdout.write(options.format === "json" ? renderJson(diff) : renderMarkdown(diff));
  return EXIT.ok;
}

/** A revision's workspace files by path, with git blob ids to compare them without reading them. */
interface Revision {
  blobs: Map<string, string>;
  read(files: readonly string[]): SourceFile[];
}

function commitRevision(top: string, prefix: string, ref: string): Revision {
  const blobs = commitBlobs(top, prefix, resolveCommit(top, ref));
  const read = (files: readonly string[]) => {
    const texts = readBlobs(
      top,
      files.map((file) => blobs.get(file) ?? ""),
    );
    return files.map((file, index) => ({ file, text: texts[index] ?? "" }));
  };
  return { blobs, read };
}

/**
 * The workspace on disk. Blob ids come from git's index for files git knows to be unmodified (its
 * stat check is far cheaper than reading 10,000 files); the others (modified, untracked, ignored)
 * are read and hashed the way git hashes blobs, so every id compares with a commit's.
 */
function workingTreeRevision(top: string, prefix: string, root: string): Revision {
  const scope = ["--", prefix || "."];
  const indexed = new Map<string, string>();
  for (const entry of git(top, ["ls-files", "-s", "-z", ...scope])
    .toString("utf8")
    .split("\0")) {
    // "<mode> <sha> <stage>\t<path>"
    const tab = entry.indexOf("\t");
    const [, sha, stage] = entry.slice(0, tab).split(" ");
    if (sha && stage === "0") indexed.set(entry.slice(tab + 1), sha);
  }
  const modified = new Set(
    git(top, ["diff-files", "--name-only", "-z", ...scope])
      .toString("utf8")
      .split("\0"),
  );
  // Read through the workspace's trust boundary, as kpi validate reads: no link out of it is followed.
  const reader = workspaceReader(root);
  const sources = new Map<string, SourceFile>();
  const blobs = new Map<string, string>();
  for (const file of listWorkspaceFiles(root)) {
    const path = prefix ? `${prefix}/${file}` : file;
    const sha = indexed.get(path);
    if (sha !== undefined && !modified.has(path)) {
      blobs.set(file, sha);
      continue;
    }
    const source = reader(file);
    const bytes = Buffer.from(source.text, "utf8");
    sources.set(file, source);
    blobs.set(file, createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex"));
  }
  return { blobs, read: (files) => files.map((file) => sources.get(file) ?? reader(file)) };
}
