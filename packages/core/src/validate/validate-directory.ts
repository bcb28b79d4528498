import { readWorkspaceSources } from "../document/workspace-files.js";
import type { Workspace } from "../model/workspace.js";
import { analyzeFile } from "./analyze-file.js";
import {
  buildWorkspace,
  type ValidateOptions,
  type ValidationResult,
  validateWorkspace,
} from "./validate.js";

/**
 * Reads a workspace from disk: every file through the trust boundary (readWorkspaceSources), each
 * analyzed alone (analyzeFile), then the model. What `kpi validate`, `kpi run`, `kpi report` and the
 * diff of a working tree read, so they cannot disagree about a file.
 */
export function loadWorkspaceFromDisk(root: string): Workspace {
  return buildWorkspace(readWorkspaceSources(root).map(analyzeFile));
}

/** Validates the workspace rooted at `root` as it is on disk: what `kpi validate` runs. */
export async function validateDirectory(
  root: string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  return validateWorkspace(loadWorkspaceFromDisk(root), options);
}
