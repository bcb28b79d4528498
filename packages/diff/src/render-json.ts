import type { RepositoryDiff, WorkspaceDiff } from "./types.js";

/** The diff as stable JSON (shape documented in docs/ci.md), two-space indented, one trailing newline. */
export function renderJson(diff: WorkspaceDiff | RepositoryDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
