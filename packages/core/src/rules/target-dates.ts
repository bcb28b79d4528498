import { messages } from "./messages.js";
import { type Rule, validKpis } from "./rule.js";

export const targetDates: Rule = {
  id: "target/dates",
  scope: "file",
  defaultSeverity: "error",
  summary: "`short_term.by` is not before `mid_term.by`, or `baseline.at` is not before both.",
  why: "The target path runs forward in time: baseline, then the short-term milestone, then the mid-term one.",
  example:
    "target:\n  short_term: { value: 0.30, by: 2027-06-30 }\n  mid_term: { value: 0.40, by: 2026-12-31 }\n",
  fix: "Put the dates in order: baseline.at < short_term.by < mid_term.by.",
  check(context) {
    for (const entry of validKpis(context.workspace)) {
      const target = entry.data.target;
      const baseline = target?.baseline?.at;
      const shortTerm = target?.short_term?.by;
      const midTerm = target?.mid_term?.by;
      if (shortTerm && midTerm && !(shortTerm < midTerm)) {
        context.report(
          entry.file,
          { path: ["target", "mid_term", "by"] },
          messages["target/dates"]({ earlier: "short_term.by", later: "mid_term.by" }),
        );
      }
      for (const [name, date] of [
        ["short_term.by", shortTerm],
        ["mid_term.by", midTerm],
      ] as const) {
        if (!baseline || !date || baseline < date) continue;
        context.report(
          entry.file,
          { path: ["target", "baseline", "at"] },
          messages["target/dates"]({ earlier: "baseline.at", later: name }),
        );
        break;
      }
    }
  },
};
