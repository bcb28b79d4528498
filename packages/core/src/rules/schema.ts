import { messages } from "./messages.js";
import type { Rule } from "./rule.js";

const NO_PROJECT_FILE = "no kpi.yaml at the workspace root: goals, owners and sources cannot be resolved";

/** Schema problems are found per file by the validation pipeline; this rule reports them. */
export const schemaRule: Rule = {
  id: "schema",
  scope: "file",
  defaultSeverity: "error",
  summary: "The structure breaks the JSON Schema.",
  why: "The method's template is only useful when every KPI fills it in the same way: required fields, known keys, valid ids and values.",
  example: "kpi: Activation Rate   # not a snake_case id\nversion: 0           # must be >= 1\n",
  fix: "Follow the message: add the missing field, remove or rename the unknown key, or use one of the allowed values.",
  check(context) {
    if (!context.workspace.project) {
      for (const entry of context.workspace.kpis) {
        context.report(entry.file, { path: [], target: "key" }, messages.schema({ detail: NO_PROJECT_FILE }));
      }
    }
    const files = [context.workspace.project, ...context.workspace.kpis];
    for (const entry of files) {
      for (const problem of entry?.schemaProblems ?? []) {
        context.report(
          entry?.file ?? "",
          { path: problem.path, target: problem.target },
          messages.schema({ detail: problem.detail }),
        );
      }
    }
  },
};
