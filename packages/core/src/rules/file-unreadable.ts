import { isFileProblem } from "../document/read-inside-root.js";
import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const fileUnreadable: Rule = {
  id: "file/unreadable",
  scope: "file",
  defaultSeverity: "error",
  summary:
    "A KPI file, kpi.yaml or a folder of the workspace was not read: a link out of the workspace, a link loop or to nothing, not a regular file, too large, not UTF-8 text, or unreadable.",
  why: "A file that cannot be read safely drops out of every check and every report. Files from a pull request are untrusted: a link to a file outside the workspace (a token in .git/config, a secret) must never be read, and a device or FIFO must never hang a run.",
  example: "ln -s ../.git/config leak.kpi.yaml",
  fix: "Replace the link by the file itself (links may point only inside the workspace), save the file as UTF-8 text under 1 MB, or make the file or folder readable.",
  check(context) {
    const { project, kpis } = context.workspace;
    for (const entry of [project, ...kpis]) {
      if (!entry) continue;
      for (const problem of entry.parsed.syntaxProblems) {
        if (!isFileProblem(problem) || problem.code === "NESTED_WORKSPACE") continue;
        context.report(
          entry.file,
          { span: problem },
          messages["file/unreadable"]({ detail: problem.message }),
        );
      }
    }
  },
};
