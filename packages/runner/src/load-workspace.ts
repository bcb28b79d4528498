import { existsSync } from "node:fs";
import path from "node:path";
import { loadWorkspaceFromDisk, PROJECT_FILE, type Workspace } from "@kpi-as-code/core";
import { RunnerError } from "./errors.js";

/** The workspace as `kpi validate` reads it (core's loadWorkspaceFromDisk): one reading of each file. */
export async function loadWorkspace(root: string): Promise<Workspace> {
  if (!existsSync(path.join(root, PROJECT_FILE))) {
    throw new RunnerError("workspace/missing", `No ${PROJECT_FILE} in ${root}.`);
  }
  return loadWorkspaceFromDisk(root);
}
