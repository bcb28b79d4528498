import { type Diagnostic, LineIndex, RULE_IDS, type SourceFile } from "@kpi-as-code/core";

const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_IDS);
const SEVERITIES: ReadonlySet<string> = new Set(["error", "warning", "info"]);

/**
 * What every diagnostic must satisfy whatever the input: a known rule, a valid severity, a file of the
 * workspace, and offsets and 1-based positions that lie inside that file and agree with each other.
 * Returns the violations as text (empty when all hold) so a failing fuzz case shows all of them.
 */
export function diagnosticViolations(
  diagnostics: readonly Diagnostic[],
  files: readonly SourceFile[],
): string[] {
  const texts = new Map(files.map((file) => [file.file, file.text]));
  const violations: string[] = [];
  for (const diagnostic of diagnostics) {
    const where = `${diagnostic.file} ${diagnostic.rule} [${diagnostic.start},${diagnostic.end}]`;
    const text = texts.get(diagnostic.file);
    if (!KNOWN_RULES.has(diagnostic.rule)) violations.push(`${where}: unknown rule`);
    if (!SEVERITIES.has(diagnostic.severity))
      violations.push(`${where}: bad severity ${diagnostic.severity}`);
    if (typeof diagnostic.message !== "string" || diagnostic.message.length === 0)
      violations.push(`${where}: empty message`);
    if (text === undefined) {
      violations.push(`${where}: not a file of the workspace`);
      continue;
    }
    if (!(Number.isInteger(diagnostic.start) && Number.isInteger(diagnostic.end)))
      violations.push(`${where}: offsets are not integers`);
    if (!(diagnostic.start >= 0 && diagnostic.start <= diagnostic.end && diagnostic.end <= text.length))
      violations.push(`${where}: offsets outside the text of length ${text.length}`);
    const lineCount = text.split("\n").length;
    for (const [name, line] of [
      ["line", diagnostic.line],
      ["endLine", diagnostic.endLine],
    ] as const) {
      if (!(Number.isInteger(line) && line >= 1 && line <= lineCount))
        violations.push(`${where}: ${name} ${line} outside 1..${lineCount}`);
    }
    if (diagnostic.column < 1 || diagnostic.endColumn < 1) violations.push(`${where}: column below 1`);
    const lines = new LineIndex(text);
    const start = lines.position(diagnostic.start);
    const end = lines.position(diagnostic.end);
    if (start.line !== diagnostic.line || start.column !== diagnostic.column)
      violations.push(`${where}: start position ${diagnostic.line}:${diagnostic.column} is not its offset's`);
    if (end.line !== diagnostic.endLine || end.column !== diagnostic.endColumn)
      violations.push(
        `${where}: end position ${diagnostic.endLine}:${diagnostic.endColumn} is not its offset's`,
      );
  }
  return violations;
}
