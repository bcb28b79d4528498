import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

/** The listing reports each nested workspace by its kpi.yaml, an entry with this problem (see listWorkspace). */
export const workspaceNested: Rule = {
  id: "workspace/nested",
  scope: "file",
  defaultSeverity: "warning",
  summary:
    "A folder below the workspace holds its own kpi.yaml: its files belong to that workspace, not to this one.",
  why: "A file belongs to the nearest kpi.yaml upwards, in the CLI, the editor, the runner and the diff alike. A kpi.yaml added deep inside a workspace silently takes the KPI files below it away from the outer workspace: its goals, owners and sources no longer apply to them.",
  example: "teams/kpi.yaml and teams/growth/kpi.yaml   # teams/growth/** now belongs to teams/growth",
  fix: "Keep it if the folder is meant to be a workspace of its own (run `kpi validate` from above both to check every workspace); otherwise delete the nested kpi.yaml so that its files return to the outer workspace.",
  check(context) {
    for (const entry of context.workspace.kpis) {
      for (const problem of entry.parsed.syntaxProblems) {
        if (problem.code !== "NESTED_WORKSPACE") continue;
        // The listing names the nested kpi.yaml (`teams/growth/kpi.yaml`); the message names its folder.
        const folder = entry.file.slice(0, entry.file.lastIndexOf("/"));
        // The workspace that owned the folder until now, named from where the nested kpi.yaml lies.
        const outer = `${"../".repeat(folder.split("/").length)}kpi.yaml`;
        const project = context.workspace.project?.data.project;
        const named = typeof project === "string" ? { project } : {};
        context.report(
          entry.file,
          { span: problem },
          messages["workspace/nested"]({ folder, outer, ...named }),
        );
      }
    }
  },
};
