import { analyzeFile } from "./analyze-file.js";
import { readWorkspaceFiles } from "./load-files.js";
import {
  buildWorkspace,
  type ValidateOptions,
  type ValidationResult,
  validateWorkspace,
} from "./validate.js";

/** Validates the workspace rooted at `root` as it is on disk: what `kpi validate` runs. */
export async function validateDirectory(
  root: string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const files = await readWorkspaceFiles(root);
  return validateWorkspace(buildWorkspace(files.map((file) => analyzeFile(file))), options);
}
