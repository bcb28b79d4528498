/**
 * The commands the extension contributes. package.json's `contributes.commands` is generated from
 * this list, like the settings, so a command id in code always has its entry in the manifest.
 */
export const COMMANDS = {
  runKpi: { command: "kpi.runCurrentKpi", title: "Run KPI", icon: "$(play)" },
  runAll: { command: "kpi.runAll", title: "Run all", icon: "$(run-all)" },
  showHistory: { command: "kpi.showHistory", title: "Show history", icon: "$(history)" },
  refreshView: { command: "kpi.refreshView", title: "Refresh KPIs", icon: "$(refresh)" },
  showDashboard: { command: "kpi.showDashboard", title: "Show dashboard", icon: "$(graph-line)" },
  checkSources: { command: "kpi.checkAllSources", title: "Check sources", icon: "$(database)" },
} as const;

export const COMMAND_CATEGORY = "KPI";

/** The server's own command behind its "▶ Run" code lens (argument: the KPI id). */
export const SERVER_RUN_KPI_COMMAND = "kpi.runKpi";

/**
 * The server's Check sources (spec 4.8, as `kpi validate --sources`; argument: a workspace root or
 * none for all). The client registers it under this id, so the palette entry above has its own.
 */
export const SERVER_CHECK_SOURCES_COMMAND = "kpi.checkSources";

/** The tree view of goals and their KPIs. */
export const KPI_VIEW_ID = "kpi.goals";

export function commandContributions(): Array<{
  command: string;
  title: string;
  category: string;
  icon: string;
}> {
  return Object.values(COMMANDS).map((entry) => ({ ...entry, category: COMMAND_CATEGORY }));
}
