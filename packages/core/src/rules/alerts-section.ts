import type { AlertsDef } from "../model/types.js";
import type { Workspace } from "../model/workspace.js";

/** kpi.yaml's `alerts` section when the project file's types hold (the schema reports the rest). */
export function alertsSection(workspace: Workspace): { file: string; alerts: AlertsDef } | undefined {
  const project = workspace.project;
  if (!project?.valid || !project.data.alerts) return undefined;
  return { file: project.file, alerts: project.data.alerts };
}

/** `${env:NAME}` written out of a template, so that linters do not take it for a placeholder. */
export const envReference = (name: string): string => ["$", `{env:${name}}`].join("");
