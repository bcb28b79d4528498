import { type Diagnostic, RULES_DOC_URL, ruleDocUrl } from "@kpi-as-code/core";
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver-types";
import type { WorkspaceState } from "../state/workspace-state.js";

export { RULES_DOC_URL };

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

/** A core diagnostic as LSP sends it: the rule id as `code`, its docs as `codeDescription`. */
export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: {
      start: { line: diagnostic.line - 1, character: diagnostic.column - 1 },
      end: { line: diagnostic.endLine - 1, character: diagnostic.endColumn - 1 },
    },
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.rule,
    codeDescription: { href: ruleDocUrl(diagnostic.rule) },
    source: "kpi",
    message: diagnostic.message,
  };
}

/** The fingerprint of an empty list. */
const EMPTY = "[]";

export interface FileDiagnostics {
  file: string;
  diagnostics: LspDiagnostic[];
}

/**
 * Remembers what was last published per file so that, after the whole model is revalidated, only the
 * files whose diagnostics changed go out again (renaming a goal republishes the KPIs aligned to it,
 * not the other 9,999). A deleted file gets one empty list to clear what the client shows.
 */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, string>();
  /** The diagnostics array each fingerprint was made from: the state hands out the same array while a file's diagnostics are unchanged. */
  private readonly seen = new Map<string, readonly Diagnostic[]>();

  /**
   * Diagnostics sent for an opened file before the workspace is indexed (core's validateFileAlone).
   * They count as published, so the first full pass sends the file again only if they differ.
   */
  early(file: string, diagnostics: readonly Diagnostic[]): FileDiagnostics {
    const lsp = diagnostics.map(toLspDiagnostic);
    this.published.set(file, JSON.stringify(lsp));
    return { file, diagnostics: lsp };
  }

  changes(state: WorkspaceState): FileDiagnostics[] {
    const current = state.diagnostics();
    const changed: FileDiagnostics[] = [];
    for (const [file, diagnostics] of current) {
      if (this.seen.get(file) === diagnostics) continue;
      this.seen.set(file, diagnostics);
      const previous = this.published.get(file);
      // Most files have nothing to report: nothing to convert, and nothing to send unless the client
      // shows something to clear (a file never published shows nothing).
      if (diagnostics.length === 0) {
        if (previous === undefined || previous === EMPTY) continue;
        this.published.set(file, EMPTY);
        changed.push({ file, diagnostics: [] });
        continue;
      }
      const lsp = diagnostics.map(toLspDiagnostic);
      const fingerprint = JSON.stringify(lsp);
      if (previous === fingerprint) continue;
      this.published.set(file, fingerprint);
      changed.push({ file, diagnostics: lsp });
    }
    for (const file of this.seen.keys()) {
      if (current.has(file)) continue;
      this.seen.delete(file);
      const fingerprint = this.published.get(file);
      this.published.delete(file);
      if (fingerprint !== undefined && fingerprint !== EMPTY) changed.push({ file, diagnostics: [] });
    }
    return changed;
  }
}
