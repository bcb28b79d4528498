import { messages } from "./messages.js";
import { projectIsReadable, type Rule } from "./rule.js";
import { looksLikeOneSelect, viewsNamedIn } from "./view-sql.js";

/** A cycle through `start`, as the list of views from `start` back to it, or undefined. */
function cycleThrough(start: string, views: Record<string, string>): string[] | undefined {
  const names = Object.keys(views);
  const walk = (name: string, path: string[]): string[] | undefined => {
    for (const next of viewsNamedIn(views[name] ?? "", names)) {
      if (next === start) return [...path, next];
      if (path.includes(next)) continue;
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

export const measurabilityView: Rule = {
  id: "measurability/view",
  scope: "file",
  defaultSeverity: "error",
  summary: "A source's view in kpi.yaml is not one read-only `SELECT`, or views read each other in a cycle.",
  why: "A view is a named query the KPIs read; one that writes could change the data it measures, and a cycle of views has no order to compute them in.",
  example:
    "sources:\n  desk:\n    type: sqlite\n    path: desk.sqlite\n    views:\n      a: SELECT * FROM b\n      b: SELECT * FROM a\n",
  fix: "Write each view as one `SELECT` over the source's tables and other views, with no view reading itself through others.",
  check(context) {
    const project = context.workspace.project;
    if (!project || !projectIsReadable(context.workspace)) return;
    for (const [source, definition] of Object.entries(context.workspace.sources)) {
      const views = (definition as { views?: unknown } | null)?.views;
      if (!views || typeof views !== "object") continue;
      const texts = Object.fromEntries(
        Object.entries(views).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      for (const [view, sql] of Object.entries(texts)) {
        const at = { path: ["sources", source, "views", view] };
        if (!looksLikeOneSelect(sql)) {
          context.report(project.file, at, messages["measurability/view"]({ view, source }));
          continue;
        }
        const cycle = cycleThrough(view, texts);
        if (cycle) context.report(project.file, at, messages["measurability/view"]({ view, source, cycle }));
      }
    }
  },
};
