import { code } from "./markdown-text.js";
import {
  COMMENT_MARKER,
  detailSections,
  fitTable,
  isEmpty,
  MAX_COMMENT_CHARS,
  summaryLine,
  summaryRows,
} from "./render-markdown.js";
import type { RepositoryDiff, WorkspaceGroupDiff } from "./types.js";

const WORKSPACE_CHANGE = { added: " (new workspace)", removed: " (workspace removed)", kept: "" } as const;

/**
 * Several workspaces' diff as one pull-request comment: the totals, then a section per workspace
 * (its summary, table and details). The tables share half a comment; the details fill the rest in
 * folder order, and what does not fit is counted. Ends in the one marker the Action looks for.
 */
export function renderRepositoryMarkdown(diff: RepositoryDiff): string {
  const changed = diff.workspaces.filter((workspace) => !isEmpty(workspace));
  const lines = [
    "## KPI changes",
    "",
    `Comparing ${code(diff.base)} → ${code(diff.head)} in ${diff.workspaces.length} workspace${diff.workspaces.length === 1 ? "" : "s"}: ${summaryLine(diff)}`,
    "",
  ];
  const untouched = diff.workspaces.filter((workspace) => isEmpty(workspace));
  if (changed.length === 0) {
    lines.push("No KPI, goal, owner or source changed in any workspace.", "", COMMENT_MARKER, "");
    return lines.join("\n");
  }
  const parts = changed.map((workspace) => ({
    head: workspaceHead(workspace),
    table: fitTable(summaryRows(workspace), MAX_COMMENT_CHARS / 2 / changed.length),
    sections: detailSections(workspace, 4),
  }));
  let length = lines.join("\n").length;
  for (const part of parts) length += [...part.head, ...part.table, ""].join("\n").length + 1;
  let left = 0;
  const shown = parts.map((part) =>
    part.sections.filter((section) => {
      if (left > 0 || length + section.length > MAX_COMMENT_CHARS) {
        left += 1;
        return false;
      }
      length += section.length + 1;
      return true;
    }),
  );
  parts.forEach((part, index) => {
    lines.push(...part.head, ...part.table, "", ...(shown[index] ?? []));
  });
  if (left > 0)
    lines.push(`_${left} more sections left out to fit a comment: run \`kpi diff\` locally._`, "");
  if (untouched.length > 0)
    lines.push(`No changes in ${untouched.map((workspace) => code(workspace.workspace)).join(", ")}.`, "");
  lines.push(COMMENT_MARKER, "");
  return lines.join("\n");
}

function workspaceHead(workspace: WorkspaceGroupDiff): string[] {
  return [
    `### Workspace ${code(workspace.workspace)}${WORKSPACE_CHANGE[workspace.workspaceChange]}`,
    "",
    summaryLine(workspace),
    "",
  ];
}
