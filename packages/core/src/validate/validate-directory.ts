import { FactsCache } from "../fast/facts-cache.js";
import { analyzeFully, analyzeWithFacts, type FileFacts, fastFacts } from "../fast/file-facts.js";
import { readWorkspaceFilesSync } from "../fast/read-files.js";
import { type AnalyzedFile, fileKind, type SourceFile } from "./analyze-file.js";
import { listWorkspaceFiles } from "./load-files.js";
import {
  buildWorkspace,
  type ValidateOptions,
  type ValidationResult,
  validateWorkspace,
} from "./validate.js";

export interface ValidateDirectoryOptions extends ValidateOptions {
  /** Reuse per-file results kept in `<root>/.kpi/cache/` and update it (default true). */
  cache?: boolean;
  /** Parse files with the fast subset parser first (default true); false: the `yaml` parser for all. */
  fastParse?: boolean;
}

/**
 * Validates the workspace rooted at `root` as it is on disk: what `kpi validate` runs.
 * The result does not depend on `cache` or `fastParse`; they only change how fast it comes.
 */
export async function validateDirectory(
  root: string,
  options: ValidateDirectoryOptions = {},
): Promise<ValidationResult> {
  const { cache: useCache = true, fastParse = true, ...validateOptions } = options;
  const sources = readWorkspaceFilesSync(root, listWorkspaceFiles(root));
  const cache = useCache ? FactsCache.open(root) : undefined;
  const analyzed = sources.map((source) => analyzeSource(source, cache, fastParse));
  const result = validateWorkspace(buildWorkspace(analyzed), validateOptions);
  cache?.save();
  return result;
}

function analyzeSource(
  source: SourceFile,
  cache: FactsCache | undefined,
  fastParse: boolean,
): AnalyzedFile | undefined {
  const kind = fileKind(source.file);
  if (!kind) return undefined;
  const entryKey = cache ? FactsCache.entryKey(kind, source.text) : "";
  const cached = cache?.get(entryKey);
  if (cached) return analyzeWithFacts(source, cached);
  let facts: FileFacts | undefined = fastParse ? fastFacts(source) : undefined;
  let analyzed: AnalyzedFile | undefined;
  if (facts) analyzed = analyzeWithFacts(source, facts);
  else ({ analyzed, facts } = analyzeFully(source));
  if (cache && facts) cache.set(entryKey, facts);
  return analyzed;
}
