import { createHash } from "node:crypto";
import { relative } from "node:path";
import {
  analyzeFile,
  buildWorkspace,
  type KpiFile,
  listWorkspaceFiles,
  PROJECT_FILE,
  type SourceFile,
  toPosix,
  workspaceReader,
} from "@kpi-as-code/core";
import {
  diffChangedFiles,
  formatValue,
  renderJson,
  renderMarkdown,
  type ValueComparison,
  type WorkspaceDiff,
} from "@kpi-as-code/diff";
import type { KpiResult } from "@kpi-as-code/runner";
import { Command, Option } from "commander";
import { CliError, EXIT } from "../cli-error.js";
import { commitBlobs, git, gitTopLevel, readBlobs, resolveCommit } from "../git.js";
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
  if (options.values) await addValueComparisons(diff, root, base, head);
  process.stdout.write(options.format === "json" ? renderJson(diff) : renderMarkdown(diff));
  return EXIT.ok;
}

/**
 * `--values`: each KPI whose meaning changed, computed for its last complete period under the old and
 * the new definition, against today's data. Optional extra: a failure is reported, never fatal.
 */
async function addValueComparisons(diff: WorkspaceDiff, root: string, base: Revision, head: Revision) {
  const ids = diff.kpis
    .filter((kpi) => kpi.change === "changed" && kpi.risks.some((risk) => risk.id === "meaning-changed"))
    .map((kpi) => kpi.id);
  if (ids.length === 0) return;
  // One after the other: an embedded database file admits one writer process at a time.
  const before = await computeValues(root, base, ids);
  const after = await computeValues(root, head, ids);
  for (const kpi of diff.kpis) {
    const old = before.get(kpi.id);
    const now = after.get(kpi.id);
    if (old && now) kpi.values = { period: now.period, before: old.value, after: now.value };
  }
}

async function computeValues(root: string, revision: Revision, ids: string[]) {
  const files = revision.read([...revision.blobs.keys()]);
  const workspace = buildWorkspace(files.map(analyzeFile));
  const values = new Map<string, Omit<ValueComparison, "before" | "after"> & { value: string }>();
  const present = ids.filter((id) => workspace.kpi(id)?.valid);
  try {
    // Loaded only here: the runner brings every database driver, which a plain diff never needs.
    const { runWorkspace } = await import("@kpi-as-code/runner");
    const run = await runWorkspace({ root, workspace, kpis: present, breakdowns: false });
    for (const result of run.results) {
      const kpi = (workspace.kpi(result.kpi)?.data ?? {}) as Partial<KpiFile>;
      values.set(result.kpi, { period: result.period, value: describeResult(result, kpi) });
    }
  } catch (error) {
    process.stderr.write(`kpi: --values: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return values;
}

function describeResult(result: KpiResult, kpi: Partial<KpiFile>): string {
  if (result.value === null) return result.status === "error" ? "error" : "no data";
  if (kpi.unit === "ratio" || kpi.unit === "percent") return formatValue(result.value, kpi, { decimals: 1 });
  return formatValue(Math.round(result.value * 100) / 100, kpi);
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
