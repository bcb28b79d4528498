import { messages } from "./messages.js";
import { closestMatch, projectIsReadable, type Rule } from "./rule.js";

export const ownershipUnknownOwner: Rule = {
  id: "ownership/unknown-owner",
  scope: "workspace",
  defaultSeverity: "error",
  summary: "An `owner` (of a KPI or a goal) names no owner of `kpi.yaml`.",
  why: "A KPI without a real owner has nobody accountable for moving it, and nobody to ask when it turns red.",
  example: "owner: growht   # typo: no such owner in kpi.yaml\n",
  fix: "Use the id of an owner declared under `owners` in kpi.yaml, or declare the owner there.",
  check(context) {
    if (!projectIsReadable(context.workspace)) return;
    const owners = Object.keys(context.workspace.owners);
    for (const owner of new Set(context.workspace.referencedIds("owner"))) {
      if (owners.includes(owner)) continue;
      const suggestion = closestMatch(owner, owners);
      for (const reference of context.workspace.references("owner", owner)) {
        context.report(
          reference.location.file,
          reference.location,
          messages["ownership/unknown-owner"]({ owner, suggestion }),
        );
      }
    }
  },
};
