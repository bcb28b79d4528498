import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const versionDecreased: Rule = {
  id: "version/decreased",
  scope: "file",
  defaultSeverity: "error",
  summary: "(With a git base) `version` went down.",
  why: "Versions only move forward; a lower version would tie new values to an old definition in the history.",
  example: "# base: version: 3\nversion: 2\n",
  fix: "Set `version` above the base's version.",
  check(context) {
    if (!context.base) return;
    for (const entry of validKpis(context.workspace)) {
      const before = context.base.kpi(entry.id);
      const from = before?.valid ? before.data.version : undefined;
      if (typeof from !== "number" || entry.data.version >= from) continue;
      context.report(
        entry.file,
        { path: ["version"] },
        messages["version/decreased"]({ from, to: entry.data.version }),
      );
    }
  },
};
