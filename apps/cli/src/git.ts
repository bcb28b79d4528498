import { execFileSync, spawnSync } from "node:child_process";
import { relative } from "node:path";
import { fileKind, PROJECT_FILE, type SourceFile, toPosix } from "@kpi-as-code/core";
import { CliError } from "./cli-error.js";

/** The top folder of the git repository holding `dir`, or undefined outside one. */
export function gitTopLevel(dir: string): string | undefined {
  const result = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** `dir` relative to its repository's top folder ("" at the top), or undefined outside a repository. */
export function repositoryPrefix(dir: string): string | undefined {
  const top = gitTopLevel(dir);
  if (top === undefined) return undefined;
  return toPosix(relative(top, dir));
}

/** Runs git and returns its raw output (contents of files may be large and are not always text). */
export function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync("git", args, { cwd, maxBuffer: 1024 * 1024 * 1024, ...(input ? { input } : {}) });
}

/** The commit a revision names; a clear error (exit 2) when there is none. */
export function resolveCommit(top: string, ref: string): string {
  const verify = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
    cwd: top,
    encoding: "utf8",
  });
  if (verify.status !== 0) throw new CliError(`git revision "${ref}" does not exist`);
  return verify.stdout.trim();
}

/** The files `kpi validate` reads from disk: KPI files and kpi.yaml outside dot folders and node_modules. */
export function isWorkspacePath(file: string): boolean {
  return fileKind(file) !== undefined && !isSkippedPath(file);
}

/** A path inside a dot folder or node_modules, where no workspace walk goes. */
export function isSkippedPath(file: string): boolean {
  return file.split("/").some((part) => part.startsWith(".") || part === "node_modules");
}

/** The workspace's files at a commit (relative to the workspace folder `prefix`) with their blob ids. */
export function commitBlobs(top: string, prefix: string, commit: string): Map<string, string> {
  const listing = git(top, ["ls-tree", "-r", "-z", commit, "--", prefix || "."]).toString("utf8");
  const blobs = new Map<string, string>();
  const nested: string[] = [];
  for (const line of listing.split("\0")) {
    // "<mode> blob <sha>\t<path>"
    const tab = line.indexOf("\t");
    const [, type, sha] = line.slice(0, tab).split(" ");
    const file = prefix ? line.slice(tab + 1 + prefix.length + 1) : line.slice(tab + 1);
    if (type !== "blob" || !sha) continue;
    if (isWorkspacePath(file)) blobs.set(file, sha);
    else if (file.endsWith(`/${PROJECT_FILE}`) && !isSkippedPath(file))
      nested.push(file.slice(0, -PROJECT_FILE.length));
  }
  // The nearest kpi.yaml upwards owns a file: a nested workspace's files are not this one's.
  if (nested.length > 0)
    for (const file of blobs.keys()) if (nested.some((folder) => file.startsWith(folder))) blobs.delete(file);
  return blobs;
}

/** The contents of blobs, in the order asked, read in one `git cat-file --batch`. */
export function readBlobs(top: string, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const output = git(top, ["cat-file", "--batch"], ids.join("\n"));
  // "<sha> <type> <size>\n<content>\n" per object, or "<id> missing\n".
  const contents: string[] = [];
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString("utf8");
    const size = Number(header.split(" ")[2]);
    if (header.endsWith("missing") || Number.isNaN(size)) {
      contents.push("");
      offset = headerEnd + 1;
      continue;
    }
    contents.push(output.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8"));
    offset = headerEnd + 1 + size + 1;
  }
  return contents;
}

/**
 * The workspace's KPI and project files as they are at `ref`, read straight from git's object store
 * (no checkout). Paths come back relative to the workspace.
 */
export function readFilesAtRef(root: string, ref: string): SourceFile[] {
  const top = gitTopLevel(root);
  if (top === undefined) throw new CliError(`${root} is not inside a git repository; --base needs one`);
  const blobs = commitBlobs(top, toPosix(relative(top, root)), resolveCommit(top, ref));
  const files = [...blobs.keys()];
  const texts = readBlobs(
    top,
    files.map((file) => blobs.get(file) ?? ""),
  );
  return files.map((file, index) => ({ file, text: texts[index] ?? "" }));
}
