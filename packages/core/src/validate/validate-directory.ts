import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cacheKey, FactsCache } from "../fast/facts-cache.js";
import { analyzeFully, analyzeWithFacts, type FileFacts, fastFacts } from "../fast/file-facts.js";
import { type ReadFile, readWorkspaceFilesSync, stampOf } from "../fast/read-files.js";
import { type FileRecord, textHash, ValidationSnapshot } from "../fast/validation-snapshot.js";
import { type KpiEntry, PROJECT_FILE, type ProjectEntry, Workspace } from "../model/workspace.js";
import {
  collectFindings,
  crossFileFacts,
  FILE_LOCAL_RULES,
  type Finding,
} from "../rules/incremental-validation.js";
import { type AnalyzedFile, fileKind } from "./analyze-file.js";
import { compareDiagnostics, type Diagnostic, resolvePosition } from "./diagnostic.js";
import { listWorkspaceFiles } from "./load-files.js";
import {
  buildWorkspace,
  todayDate,
  type ValidateOptions,
  type ValidationResult,
  workspaceFileNames,
} from "./validate.js";

export interface ValidateDirectoryOptions extends ValidateOptions {
  /**
   * Reuse what earlier runs kept in `<root>/.kpi/cache/` and update it (default true): per-file
   * facts by content hash, and the last run's findings by file stamp (see ValidationSnapshot).
   */
  cache?: boolean;
  /** Parse files with the fast subset parser first (default true); false: the `yaml` parser for all. */
  fastParse?: boolean;
}

export interface DirectoryValidationResult extends ValidationResult {
  /** How many files' findings came from the last run's snapshot without the file being read. */
  reused: number;
}

/**
 * Validates the workspace rooted at `root` as it is on disk: what `kpi validate` runs.
 * The result does not depend on `cache` or `fastParse`; they only change how fast it comes.
 * When the last run's snapshot answers, `workspace` is built only if it is read.
 */
export async function validateDirectory(
  root: string,
  options: ValidateDirectoryOptions = {},
): Promise<DirectoryValidationResult> {
  const { cache = true, fastParse = true, ...rest } = options;
  const validateOptions = { ...rest, today: rest.today ?? todayDate() };
  const files = listWorkspaceFiles(root);
  // Only plain runs are kept: a git base or a file filter changes what the rules see or report.
  const snapshots = cache && !validateOptions.base && !validateOptions.onlyFiles;
  // Facts are written only once a snapshot exists: a first run (a fresh clone, a CI job) leaves the
  // snapshot, which answers the next runs; the facts serve the runs it cannot answer.
  const use = { cache, fastParse, snapshot: snapshots, writeFacts: cache && ValidationSnapshot.exists(root) };
  if (snapshots) {
    const snapshot = ValidationSnapshot.read(root, cacheKey(), validateOptions.today);
    const answer = snapshot && validateFromSnapshot(root, files, snapshot, fastParse);
    if (answer) {
      let workspace: ValidationResult["workspace"] | undefined;
      const full = () => validateAll(root, files, validateOptions, { ...use, snapshot: false });
      return {
        ...answer,
        get workspace() {
          workspace ??= full().workspace;
          return workspace;
        },
      };
    }
  }
  return { ...validateAll(root, files, validateOptions, use), reused: 0 };
}

/** Reads, analyzes and checks every file; records the snapshot the next run starts from. */
function validateAll(
  root: string,
  files: readonly string[],
  options: ValidateOptions & { today: string },
  use: { cache: boolean; fastParse: boolean; snapshot: boolean; writeFacts: boolean },
): ValidationResult {
  const startedAt = Date.now();
  const sources = readWorkspaceFilesSync(root, files);
  // The caches find files by text hash; without them no hash is needed.
  const hashes = use.cache ? sources.map((source) => textHash(source.text)) : [];
  const facts = use.cache ? FactsCache.open(root, { write: use.writeFacts }) : undefined;
  const analyzed = sources.map((source, i) =>
    analyzeSource(source, use.fastParse, facts && { facts, hash: hashes[i] as string }),
  );
  const workspace = buildWorkspace(analyzed);
  const findings = collectFindings(workspace, options);
  facts?.save();
  if (use.snapshot) {
    const records = recordsOf(workspace, findings, sources, hashes, startedAt);
    ValidationSnapshot.create(root, cacheKey(), options.today, records).save();
  }
  const diagnostics = findings.map((finding) => finding.diagnostic).sort(compareDiagnostics);
  return { workspace, files: workspaceFileNames(workspace), diagnostics };
}

/** `lookup`: the facts cache and the text's hash, which finds the file's entry in it. */
function analyzeSource(
  source: ReadFile,
  fastParse: boolean,
  lookup?: { facts: FactsCache; hash: string },
): AnalyzedFile | undefined {
  const kind = fileKind(source.file);
  if (!kind) return undefined;
  const cache = lookup?.facts;
  const entryKey = lookup ? `${kind}:${lookup.hash}` : "";
  const cached = cache?.get(entryKey);
  if (cached) return analyzeWithFacts(source, cached);
  let facts: FileFacts | undefined = fastParse ? fastFacts(source) : undefined;
  let analyzed: AnalyzedFile | undefined;
  if (facts) analyzed = analyzeWithFacts(source, facts);
  else ({ analyzed, facts } = analyzeFully(source));
  if (cache && facts) cache.set(entryKey, facts);
  return analyzed;
}

function recordsOf(
  workspace: Workspace,
  findings: readonly Finding[],
  sources: readonly ReadFile[],
  hashes: readonly string[],
  verifiedAt: number,
): FileRecord[] {
  const local = new Map<string, Diagnostic[]>();
  const cross = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { file, rule } = finding.diagnostic;
    if (FILE_LOCAL_RULES.has(rule)) push(local, file, finding.diagnostic);
    else push(cross, file, finding);
  }
  for (const list of local.values()) list.sort(compareDiagnostics);
  return sources.flatMap((source, i): FileRecord[] => {
    const { file, stamp } = source;
    if (!fileKind(file)) return [];
    const entry = workspace.kpiInFile(file);
    return [
      {
        file,
        stamp,
        verifiedAt,
        hash: hashes[i] as string,
        id: entry?.id,
        crossFacts: entry ? textHash(crossFileFacts(workspace, entry)) : "",
        local: local.get(file) ?? [],
        cross: cross.get(file) ?? [],
      },
    ];
  });
}

/**
 * The result from the last run's snapshot, checking again only the files whose stamps changed, or
 * undefined when that cannot give the full validation's result: files added or removed, kpi.yaml
 * changed, or a changed KPI file whose cross-file facts differ (a new id, goal, reference...).
 * Updates and saves the snapshot.
 */
function validateFromSnapshot(
  root: string,
  files: readonly string[],
  snapshot: ValidationSnapshot,
  fastParse: boolean,
): Omit<DirectoryValidationResult, "workspace"> | undefined {
  const startedAt = Date.now();
  if (files.length !== snapshot.size) return undefined;
  const changed: ReadFile[] = [];
  let restamped = false;
  let reused = 0;
  for (const file of files) {
    const { state, stats } = snapshot.check(root, file);
    if (state === "gone" || !stats) return undefined;
    if (state === "same") {
      reused++;
      continue;
    }
    // The stamp is taken before the read, so the text is never older than the stamp recorded.
    const text = readFileSync(join(root, file), "utf8");
    const record = snapshot.get(file) as FileRecord;
    if (textHash(text) === record.hash) {
      snapshot.set({ ...record, stamp: stampOf(stats), verifiedAt: startedAt });
      restamped = true;
    } else if (file === PROJECT_FILE) {
      return undefined;
    } else {
      changed.push({ file, text, stamp: stampOf(stats) });
    }
  }
  if (changed.length > 0 && !recheckChanged(root, snapshot, changed, fastParse, startedAt)) return undefined;
  if (changed.length > 0 || restamped) snapshot.save();
  return { files: [...files], diagnostics: snapshot.diagnostics(), reused };
}

/**
 * Runs the file-local rules again for the changed KPI files and the files sharing their ids, and
 * moves their cross-file findings to where the same places now are; false when a changed file's
 * cross-file facts differ, which only a full validation can follow.
 */
function recheckChanged(
  root: string,
  snapshot: ValidationSnapshot,
  changed: readonly ReadFile[],
  fastParse: boolean,
  verifiedAt: number,
): boolean {
  const changedFiles = new Set(changed.map((source) => source.file));
  const ids = new Set(changed.flatMap((source) => snapshot.get(source.file)?.id ?? []));
  const twins = [...ids].flatMap((id) => snapshot.filesWithId(id)).filter((file) => !changedFiles.has(file));
  const sources = [...changed, ...readWorkspaceFilesSync(root, twins)].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
  );
  const projectSource = snapshot.has(PROJECT_FILE)
    ? readWorkspaceFilesSync(root, [PROJECT_FILE])[0]
    : undefined;
  const project =
    projectSource && (analyzeSource(projectSource, fastParse)?.entry as ProjectEntry | undefined);
  const entries = sources.map((source) => analyzeSource(source, fastParse)?.entry as KpiEntry);
  const workspace = new Workspace(project, entries);
  for (const entry of entries) {
    if (!changedFiles.has(entry.file)) continue;
    const record = snapshot.get(entry.file) as FileRecord;
    if (textHash(crossFileFacts(workspace, entry)) !== record.crossFacts) return false;
    // Raw offsets cannot be moved; paths can.
    if (record.cross.some((finding) => "span" in finding.at)) return false;
  }
  const local = new Map<string, Diagnostic[]>();
  const findings = collectFindings(workspace, {
    today: snapshot.today,
    rules: (rule) => FILE_LOCAL_RULES.has(rule.id),
    onlyFiles: new Set(entries.map((entry) => entry.file)),
  });
  for (const { diagnostic } of findings) push(local, diagnostic.file, diagnostic);
  for (const list of local.values()) list.sort(compareDiagnostics);
  sources.forEach((source, i) => {
    const entry = entries[i] as KpiEntry;
    const record = snapshot.get(source.file) as FileRecord;
    const cross = changedFiles.has(source.file)
      ? record.cross.map(({ diagnostic, at }) => ({
          at,
          diagnostic: { ...diagnostic, ...resolvePosition(entry.parsed, at) },
        }))
      : record.cross;
    snapshot.set({
      ...record,
      stamp: source.stamp,
      verifiedAt,
      hash: textHash(source.text),
      id: entry.id,
      local: local.get(source.file) ?? [],
      cross,
    });
  });
  return true;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
