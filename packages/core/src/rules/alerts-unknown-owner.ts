import { alertsSection } from "./alerts-section.js";
import { messages } from "./messages.js";
import { closestMatch, type Rule } from "./rule.js";

export const alertsUnknownOwner: Rule = {
  id: "alerts/unknown-owner",
  scope: "file",
  defaultSeverity: "error",
  summary: "An alert route's `owners` names an owner that kpi.yaml does not declare.",
  why: "A route filtered on an owner that does not exist matches no KPI: its alerts are silently never sent.",
  example: "alerts:\n  routes:\n    - channels: [team_chat]\n      owners: [suport]   # typo\n",
  fix: "Use the id of an owner declared under `owners` in kpi.yaml.",
  check(context) {
    const section = alertsSection(context.workspace);
    if (!section) return;
    const owners = Object.keys(context.workspace.owners);
    (section.alerts.routes ?? []).forEach((route, routeIndex) => {
      (route.owners ?? []).forEach((owner, index) => {
        if (owners.includes(owner)) return;
        context.report(
          section.file,
          { path: ["alerts", "routes", routeIndex, "owners", index] },
          messages["alerts/unknown-owner"]({ owner, suggestion: closestMatch(owner, owners) }),
        );
      });
    });
  },
};
