// The human format: one `file:line:col severity rule message` line per
// diagnostic, which editors and terminals turn into links, then a summary.
import { escapeControl } from "@kpi-as-code/core";
import pc from "picocolors";
import { countReport, plural, sortDiagnostics } from "./report-facts.js";
import type { FormatOptions, ReportDiagnostic, Severity, ValidationReport } from "./types.js";

type Colors = ReturnType<typeof pc.createColors>;

export function formatText(report: ValidationReport, options: FormatOptions): string {
  const colors = pc.createColors(options.color);
  const sections = (report.workspaces ?? []).map((section) => ({ ...report, ...section }));
  if (sections.length < 2)
    return `${[...diagnosticLines(report, colors), summaryLine(report, colors)].join("\n")}\n`;
  // Several workspaces: a section each, headed by its folder as `kpi run` heads them, then the total.
  const lines = sections.flatMap((section) => [
    "",
    colors.bold(`${escapeControl(section.folder || ".")}:`),
    ...diagnosticLines(section, colors),
    summaryLine(section, colors),
  ]);
  lines.push("", `${summaryLine(report, colors)} ${colors.dim(`(${plural(sections.length, "workspace")})`)}`);
  return `${lines.join("\n")}\n`;
}

function diagnosticLines(report: ValidationReport, colors: Colors): string[] {
  return sortDiagnostics(report.diagnostics).map((diagnostic) => diagnosticLine(diagnostic, colors));
}

function diagnosticLine(diagnostic: ReportDiagnostic, colors: Colors): string {
  // File names and messages quote the workspace, which may be hostile: no control character reaches the terminal raw.
  const location = `${escapeControl(diagnostic.file)}:${diagnostic.line}:${diagnostic.column}`;
  return [
    colors.bold(location),
    severityColor(diagnostic.severity, colors)(diagnostic.severity),
    colors.dim(diagnostic.rule),
    escapeControl(singleLine(diagnostic.message)),
  ].join(" ");
}

// A multi-line message would break "one line per diagnostic", which problem
// matchers and `grep` rely on; its lines are joined instead.
function singleLine(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}

function severityColor(severity: Severity, colors: Colors): (text: string) => string {
  if (severity === "error") return colors.red;
  if (severity === "warning") return colors.yellow;
  return colors.blue;
}

/** `✖ 3 problems (2 errors, 1 warning) in 10 files` or `✔ 10 files checked, no problems`. */
export function summaryLine(report: ValidationReport, colors: Colors = pc.createColors(false)): string {
  const counts = countReport(report);
  const files = plural(counts.files, "file");
  const problems = counts.errors + counts.warnings + counts.infos;
  if (problems === 0) return colors.green(`✔ ${files} checked, no problems`);
  const parts = [plural(counts.errors, "error"), plural(counts.warnings, "warning")];
  if (counts.infos > 0) parts.push(plural(counts.infos, "info"));
  const text = `✖ ${plural(problems, "problem")} (${parts.join(", ")}) in ${files}`;
  return counts.errors > 0 ? colors.bold(colors.red(text)) : colors.bold(colors.yellow(text));
}
