import { existsSync } from "node:fs";
import path from "node:path";
import {
  analyzeFile,
  buildWorkspace,
  PROJECT_FILE,
  readWorkspaceFiles,
  type Workspace,
} from "@kpi-as-code/core";
import { RunnerError } from "./errors.js";

export async function loadWorkspace(root: string): Promise<Workspace> {
  if (!existsSync(path.join(root, PROJECT_FILE))) {
    throw new RunnerError("workspace/missing", `No ${PROJECT_FILE} in ${root}.`);
  }
  const files = await readWorkspaceFiles(root);
  return buildWorkspace(files.map((file) => analyzeFile(file)));
}
