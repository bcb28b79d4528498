/** The project file at a workspace's root. */
export const PROJECT_FILE = "kpi.yaml";

export function isKpiFileName(file: string): boolean {
  return file.endsWith(".kpi.yaml") || file.endsWith(".kpi.yml");
}
