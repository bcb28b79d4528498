// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, the VS Code
// SARIF viewer): one run, the rule catalogue with its help, one result per
// diagnostic. Paths are relative to %SRCROOT%, declared in originalUriBaseIds.
import { pathToFileURL } from "node:url";
import { mentionedFiles, repositoryPath, sortDiagnostics } from "./report-facts.js";
import { ruleDescriptors, SARIF_LEVEL } from "./sarif-rules.js";
import type { FormatOptions, ReportDiagnostic, ValidationReport } from "./types.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const KPI_INFORMATION_URI = "https://kpi-as-code.dev";
const SOURCE_ROOT = "%SRCROOT%";
// SARIF's semanticVersion must be SemVer 2.0; any other version string stays in `version` only.
const SEMANTIC_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function formatSarif(report: ValidationReport, options: FormatOptions): string {
  const rules = ruleDescriptors(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const files = mentionedFiles(report);
  const artifactIndex = new Map(files.map((file, index) => [file, index]));
  const uriOf = (file: string) => fileUri(repositoryPath(file, options.pathPrefix));

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kpi",
            version: report.toolVersion,
            ...(SEMANTIC_VERSION.test(report.toolVersion) ? { semanticVersion: report.toolVersion } : {}),
            informationUri: KPI_INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: sourceRootUri(report.root, options.pathPrefix) } },
        artifacts: files.map((file) => ({
          location: { uri: uriOf(file), uriBaseId: SOURCE_ROOT },
          roles: ["analysisTarget"],
        })),
        // JavaScript strings and the YAML parser count UTF-16 code units.
        columnKind: "utf16CodeUnits",
        results: sortDiagnostics(report.diagnostics).map((diagnostic) => ({
          ruleId: diagnostic.rule,
          ruleIndex: ruleIndex.get(diagnostic.rule),
          level: SARIF_LEVEL[diagnostic.severity],
          message: { text: diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: uriOf(diagnostic.file),
                  uriBaseId: SOURCE_ROOT,
                  index: artifactIndex.get(diagnostic.file),
                },
                region: sarifRegion(diagnostic),
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative URI reference: each path segment percent-encoded, slashes kept. */
function fileUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

// %SRCROOT% is the repository root when the workspace's place in it is known
// (pathPrefix), else the workspace itself; SARIF wants a trailing slash.
function sourceRootUri(workspaceRoot: string, pathPrefix: string | undefined): string {
  const depth = pathPrefix
    ? pathPrefix.split(/[\\/]/).filter((part) => part !== "" && part !== ".").length
    : 0;
  const url = new URL(pathToFileURL(workspaceRoot).href.replace(/\/?$/, "/"));
  return new URL("../".repeat(depth), url).href;
}

// SARIF forbids a region that ends before it starts; a malformed diagnostic
// should still produce a loadable log, so the end is clamped to the start.
function sarifRegion(diagnostic: ReportDiagnostic) {
  const startLine = Math.max(1, diagnostic.line);
  const startColumn = Math.max(1, diagnostic.column);
  const endLine = Math.max(startLine, diagnostic.endLine);
  const endColumn =
    endLine === startLine ? Math.max(startColumn, diagnostic.endColumn) : Math.max(1, diagnostic.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}
