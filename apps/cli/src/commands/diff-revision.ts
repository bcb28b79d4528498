import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { posix } from "node:path";
import { listWorkspaceFiles, PROJECT_FILE, type SourceFile, workspaceReader } from "@kpi-as-code/core";
import { commitBlobs, git, isSkippedPath, readBlobs } from "../git.js";

/** A revision's workspace files by path, with git blob ids to compare them without reading them. */
export interface Revision {
  blobs: Map<string, string>;
  read(files: readonly string[]): SourceFile[];
}

/** The workspace in folder `prefix` (relative to the repository's top) at a commit. */
export function commitRevision(top: string, prefix: string, commit: string): Revision {
  const blobs = commitBlobs(top, prefix, commit);
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
 * are read and hashed the way git hashes blobs, so every id compares with a commit's. A workspace
 * folder that is gone from disk (removed by the change) has no files.
 */
export function workingTreeRevision(top: string, prefix: string, root: string): Revision {
  if (!existsSync(root)) return { blobs: new Map(), read: () => [] };
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

/**
 * The workspace folders (relative to the repository's top) at or below `prefix` at a commit: each
 * folder holding a kpi.yaml, outside dot folders and node_modules, as findWorkspaces finds them on disk.
 */
export function workspacesAtCommit(top: string, prefix: string, commit: string): string[] {
  const listing = git(top, ["ls-tree", "-r", "-z", "--name-only", commit, "--", prefix || "."]);
  const folders: string[] = [];
  for (const path of listing.toString("utf8").split("\0")) {
    const below = prefix ? path.slice(prefix.length + 1) : path;
    if (posix.basename(path) !== PROJECT_FILE || isSkippedPath(below)) continue;
    folders.push(posix.dirname(path) === "." ? "" : posix.dirname(path));
  }
  return folders;
}
