import { isFileProblem } from "../document/read-inside-root.js";
import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

export const yamlSyntax: Rule = {
  id: "yaml/syntax",
  scope: "file",
  defaultSeverity: "error",
  summary: "The file is not valid YAML.",
  why: "Nothing else can be checked or computed until the file parses: a KPI that does not parse silently drops out of every report.",
  example: "kpi: activation\nname: [Activation rate\n",
  fix: "Correct the YAML at the reported position (unclosed brackets or quotes, bad indentation, duplicate keys, tabs).",
  check(context) {
    const project = context.workspace.project;
    // Duplicate goal, owner and source ids are reported by id/duplicate instead.
    const duplicateIds = new Set(project?.duplicateIds.map((duplicate) => duplicate.span.start));
    for (const entry of [project, ...context.workspace.kpis]) {
      if (!entry) continue;
      for (const problem of entry.parsed.syntaxProblems) {
        if (isFileProblem(problem)) continue; // file/unreadable's
        if (entry === project && problem.code === "DUPLICATE_KEY" && duplicateIds.has(problem.start))
          continue;
        context.report(entry.file, { span: problem }, messages["yaml/syntax"]({ detail: problem.message }));
      }
    }
  },
};
