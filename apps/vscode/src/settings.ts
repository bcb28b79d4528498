/**
 * The extension's settings, in one place. `contributes.configuration` in package.json is generated
 * from this list (`npm run generate -w kpi-as-code-vscode`) and a test fails when it is stale, so
 * the settings the UI offers and the ones the code reads cannot drift apart.
 */

/** The subset of JSON Schema that VS Code reads for a setting. */
export interface SettingSchema {
  type: "string" | "boolean" | "number" | ["string", "null"];
  default: string | boolean | number | null;
  markdownDescription: string;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  pattern?: string;
  scope?: "window" | "resource" | "machine";
  order: number;
}

export const SETTINGS_SECTION = "kpi";

export const SETTINGS = {
  "kpi.today": {
    type: ["string", "null"],
    default: null,
    pattern: "^(\\d{4}-\\d{2}-\\d{2})?$",
    markdownDescription:
      'Fixes "today" (`YYYY-MM-DD`) for the date rules (`target/overdue`, `review/overdue`) and the default run period, like `kpi validate --today`. Empty: the system date.',
    scope: "resource",
    order: 0,
  },
  "kpi.runOnSave": {
    type: "boolean",
    default: false,
    markdownDescription:
      "Run a KPI (and record its value in the history) each time its `*.kpi.yaml` file is saved.",
    scope: "resource",
    order: 1,
  },
  "kpi.statusBar.enabled": {
    type: "boolean",
    default: true,
    markdownDescription:
      "Show the on track / at risk / off track summary of the latest values in the status bar.",
    scope: "window",
    order: 2,
  },
  "kpi.trace.server": {
    type: "string",
    default: "off",
    enum: ["off", "messages", "verbose"],
    enumDescriptions: ["No tracing.", "Trace the messages' names.", "Trace the messages with their content."],
    markdownDescription:
      "Traces the messages between VS Code and the KPI language server (output channel **KPI**).",
    scope: "window",
    order: 3,
  },
} as const satisfies Record<string, SettingSchema>;

export type SettingKey = keyof typeof SETTINGS;

/** The settings the extension reads, with their types once read. */
export interface KpiSettings {
  today: string | undefined;
  runOnSave: boolean;
  statusBarEnabled: boolean;
}

/** A `get` that answers with the setting's default when the user set nothing (as WorkspaceConfiguration does). */
export type SettingReader = (key: string) => unknown;

export function readSettings(get: SettingReader): KpiSettings {
  const today = get("today");
  return {
    today: typeof today === "string" && today !== "" ? today : undefined,
    runOnSave: get("runOnSave") === true,
    statusBarEnabled: get("statusBar.enabled") !== false,
  };
}

/** package.json's `contributes.configuration`, generated from SETTINGS. */
export function configurationContribution(): { title: string; properties: Record<string, SettingSchema> } {
  return { title: "KPI as code", properties: SETTINGS };
}
