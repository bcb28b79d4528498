import { listWorkspace, type SourceFile, workspaceReader } from "../document/workspace-files.js";
import type { Workspace } from "../model/workspace.js";
import { compareDiagnostics } from "../rules/diagnostic.js";
import { type AnalyzedFile, analyzeFile } from "./analyze-file.js";
import {
  buildWorkspace,
  type ValidateOptions,
  type ValidationResult,
  workspaceFileNames,
} from "./validate.js";
import { IncrementalValidation } from "./validation-engine.js";

/**
 * A workspace on disk kept in memory between validations, for `kpi validate --watch`: the same
 * reading (workspaceReader, analyzeFile) and the same engine as a one-shot validation, but after a
 * change only the files named as changed, or new since the last listing, are read again, and the
 * engine reruns what their rules' scopes require. The editor does the same over its documents.
 */
export class WorkspaceOnDisk {
  private readonly analyzed = new Map<string, AnalyzedFile | undefined>();
  private readonly engine: IncrementalValidation;
  private model: Workspace | undefined;

  constructor(
    readonly root: string,
    options: Omit<ValidateOptions, "onlyFiles"> = {},
  ) {
    this.engine = new IncrementalValidation(options);
  }

  /** Reads what changed (every file the first time) and validates. `changed`: workspace-relative paths. */
  validate(changed: Iterable<string> = []): ValidationResult {
    const { files, skipped } = listWorkspace(this.root);
    const read = workspaceReader(this.root);
    const sources = new Map<string, SourceFile>(skipped.map((source) => [source.file, source]));
    const touched = new Set<string>();
    for (const file of new Set(changed))
      if (this.analyzed.has(file) || files.includes(file)) touched.add(file);
    for (const file of files)
      if (!this.analyzed.has(file) || touched.has(file)) sources.set(file, read(file));
    for (const file of this.analyzed.keys())
      if (!files.includes(file) && !sources.has(file)) touched.add(file);
    let rebuild = this.model === undefined;
    for (const file of touched) {
      if (sources.has(file)) continue;
      if (this.analyzed.get(file)?.kind === "project") rebuild = true;
      this.analyzed.delete(file);
    }
    for (const [file, source] of sources) {
      const analyzed = analyzeFile(source);
      if (analyzed?.kind === "project" || this.analyzed.get(file)?.kind === "project") rebuild = true;
      this.analyzed.set(file, analyzed);
      touched.add(file);
    }
    const model = this.updateModel(rebuild, touched);
    const diagnostics = [...this.engine.validate(model, touched).values()].flat().sort(compareDiagnostics);
    return { workspace: model, files: workspaceFileNames(model), diagnostics };
  }

  private updateModel(rebuild: boolean, touched: ReadonlySet<string>): Workspace {
    if (rebuild || !this.model) {
      const names = [...this.analyzed.keys()].sort();
      this.model = buildWorkspace(names.map((file) => this.analyzed.get(file)));
      return this.model;
    }
    for (const file of touched) {
      const analyzed = this.analyzed.get(file);
      if (analyzed?.kind === "kpi") this.model.setKpi(analyzed.entry);
      else this.model.removeKpi(file);
    }
    return this.model;
  }
}
