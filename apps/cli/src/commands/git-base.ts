import { analyzeFile, buildWorkspace, type Workspace } from "@kpi-as-code/core";
import { readFilesAtRef } from "../git.js";

/** The workspace as it was at a git revision, for the version rules. */
export async function loadBaseWorkspace(root: string, ref: string): Promise<Workspace> {
  return buildWorkspace(readFilesAtRef(root, ref).map((file) => analyzeFile(file)));
}
