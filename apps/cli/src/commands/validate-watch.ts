import { basename } from "node:path";
import {
  type Diagnostic,
  escapeControl,
  fileKind,
  type ValidateOptions,
  WorkspaceOnDisk,
  workspaceRelative,
} from "@kpi-as-code/core";
import { formatReport } from "../formats/index.js";
import { useColor } from "../options.js";
import { toReport } from "../rule-meta.js";
import { watchWorkspace } from "../watch-workspace.js";
import type { ValidateCommandOptions } from "./validate.js";

const DEBOUNCE_MS = 80;

/**
 * `kpi validate --watch`: validates once, then again on every change of a KPI or project file,
 * printing only the files whose diagnostics changed. Runs until interrupted (Ctrl+C exits 0).
 */
export async function watchAndValidate(
  root: string,
  validateOptions: ValidateOptions,
  options: ValidateCommandOptions,
): Promise<number> {
  let previous = new Map<string, string>();
  // One reading and one engine kept between changes: only what changed is read and rechecked.
  const workspace = new WorkspaceOnDisk(root, validateOptions);
  const print = async (initial: boolean, paths: readonly string[] = []) => {
    const result = workspace.validate(paths.map((path) => workspaceRelative(root, path)));
    const byFile = groupByFile(result.diagnostics);
    const changed = initial
      ? result.files
      : result.files.filter((file) => previous.get(file) !== fingerprint(byFile.get(file)));
    for (const file of previous.keys())
      if (!byFile.has(file) && !result.files.includes(file)) changed.push(file);
    previous = new Map(result.files.map((file) => [file, fingerprint(byFile.get(file))]));
    if (changed.length === 0) return;
    const report = toReport(root, {
      files: result.files,
      diagnostics: result.diagnostics.filter((d) => changed.includes(d.file)),
    });
    const stamp = new Date().toLocaleTimeString();
    if (!initial)
      process.stdout.write(
        `\n[${stamp}] ${changed.length} file(s) changed: ${escapeControl(changed.join(", "))}\n`,
      );
    process.stdout.write(
      formatReport(
        options.format,
        { ...report, files: initial ? result.files : changed },
        { color: useColor() },
      ),
    );
  };
  await print(true);
  await watchWorkspace(root, DEBOUNCE_MS, {
    relevant: (path) =>
      fileKind(workspaceRelative(root, path)) !== undefined || fileKind(basename(path)) !== undefined,
    changed: (paths) => print(false, paths),
  });
  return 0;
}

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  return byFile;
}

function fingerprint(diagnostics: readonly Diagnostic[] | undefined): string {
  return (diagnostics ?? [])
    .map((d) => `${d.line}:${d.column}:${d.rule}:${d.severity}:${d.message}`)
    .join("\n");
}
