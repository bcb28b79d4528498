import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeWorkspace } from "../cli/run-cli.js";

/** Two KPI workspaces in one repository (issue #18), each with a KPI of the same id. */
export const project = (owner: string) => `project: ${owner}
owners:
  ${owner}: { name: ${owner} }
goals:
  grow:
    statement: Grow
    owner: ${owner}
sources:
  app: { type: duckdb, tables: { users: data/users.csv } }
`;

export const kpi = (owner: string, shortTerm = 3, id = "shared") => `kpi: ${id}
version: 1
name: Shared
description: The same id in every workspace
owner: ${owner}
goal: grow
indicator: lagging
unit: count
direction: increase
cadence: monthly
formula: n
measures:
  n: { source: app, from: users, aggregate: count, time: signed_up_at }
target:
  short_term: { value: ${shortTerm}, by: 2027-03-31 }
  mid_term: { value: 4, by: 2027-09-30 }
`;

export const USERS = "id,signed_up_at\n1,2026-10-03\n2,2026-10-20\n";

/** Workspaces teams/growth and teams/support: each a kpi.yaml, the KPI `shared` and its users. */
export const TWO_WORKSPACES: Readonly<Record<string, string>> = {
  "teams/growth/kpi.yaml": project("growth"),
  "teams/growth/shared.kpi.yaml": kpi("growth"),
  "teams/growth/data/users.csv": USERS,
  "teams/support/kpi.yaml": project("support"),
  "teams/support/shared.kpi.yaml": kpi("support"),
  "teams/support/data/users.csv": USERS,
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** A repository (branch main, tag `base`) with workspaces teams/growth and teams/support, no kpi.yaml at the top. */
export function twoWorkspaces(): string {
  const repo = tempDir("kpi-workspaces-");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "config", "user.email", "test@example.com");
  git(repo, "config", "user.name", "Test");
  writeWorkspace({ "README.md": "not a workspace\n", ...TWO_WORKSPACES }, repo);
  commitAll(repo, "base");
  git(repo, "tag", "base");
  return repo;
}

/** Writes (or with `null`, deletes) files of the repository and commits everything. */
export function commitFiles(repo: string, files: Record<string, string | null>, message: string): void {
  for (const [file, text] of Object.entries(files)) {
    if (text === null) rmSync(join(repo, file), { force: true, recursive: true });
    else writeWorkspace({ [file]: text }, repo);
  }
  commitAll(repo, message);
}

function commitAll(repo: string, message: string): void {
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", message);
}
