import { execFileSync, spawnSync } from "node:child_process";
import { relative } from "node:path";
import { fileKind, type SourceFile, toPosix } from "@kpi-as-code/core";
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

/**
 * The workspace's KPI and project files as they are at `ref`, read straight from git's object store
 * (no checkout). Paths come back relative to the workspace.
 */
export function readFilesAtRef(root: string, ref: string): SourceFile[] {
  const top = gitTopLevel(root);
  if (top === undefined) throw new CliError(`${root} is not inside a git repository; --base needs one`);
  const verify = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
    cwd: top,
    encoding: "utf8",
  });
  if (verify.status !== 0) throw new CliError(`git revision "${ref}" does not exist`);
  const commit = verify.stdout.trim();
  const prefix = toPosix(relative(top, root));
  const listing = execFileSync("git", ["ls-tree", "-r", "-z", "--name-only", commit, "--", prefix || "."], {
    cwd: top,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const files = listing
    .split("\0")
    .filter(Boolean)
    .map((path) => ({ path, file: prefix ? path.slice(prefix.length + 1) : path }))
    .filter(
      ({ file }) =>
        fileKind(file) !== undefined &&
        !file.split("/").some((part) => part.startsWith(".") || part === "node_modules"),
    );
  if (files.length === 0) return [];
  const input = files.map(({ path }) => `${commit}:${path}`).join("\n");
  const output = execFileSync("git", ["cat-file", "--batch"], {
    cwd: top,
    input,
    maxBuffer: 1024 * 1024 * 1024,
  });
  return parseCatFileBatch(output).map((text, index) => ({ file: files[index]?.file ?? "", text }));
}

/** Splits `git cat-file --batch` output ("<sha> <type> <size>\n<content>\n" per object) into contents. */
function parseCatFileBatch(output: Buffer): string[] {
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
