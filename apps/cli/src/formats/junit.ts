// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure):
// one test case per file; a file with errors fails, listing them in
// <failure>; warnings and infos do not fail it and go to its <system-out>.
import { countReport, mentionedFiles, plural, sortDiagnostics } from "./report-facts.js";
import type { ReportDiagnostic, ValidationReport } from "./types.js";

const CLASSNAME = "kpi.validate";

export function formatJunit(report: ValidationReport): string {
  const diagnosticsByFile = groupByFile(sortDiagnostics(report.diagnostics));
  // Files only a diagnostic names (say a kpi.yaml outside `files`) still get a case, so no error is lost.
  const files = mentionedFiles(report);
  const cases = files.map((file) => testCase(file, diagnosticsByFile.get(file) ?? []));
  const failures = cases.filter((testCase) => testCase.failed).length;
  const counts = `tests="${files.length}" failures="${failures}" errors="0" skipped="0" time="0"`;
  const summary = countReport(report);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="kpi validate" ${counts}>`,
    `  <testsuite name="kpi validate" ${counts}>`,
    `    <properties>`,
    `      <property name="kpi.version" value="${escapeXml(report.toolVersion)}"/>`,
    `      <property name="errors" value="${summary.errors}"/>`,
    `      <property name="warnings" value="${summary.warnings}"/>`,
    `    </properties>`,
    ...cases.map((testCase) => testCase.xml),
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}

function groupByFile(diagnostics: readonly ReportDiagnostic[]): Map<string, ReportDiagnostic[]> {
  const byFile = new Map<string, ReportDiagnostic[]>();
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  return byFile;
}

function testCase(file: string, diagnostics: readonly ReportDiagnostic[]): { failed: boolean; xml: string } {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  const others = diagnostics.filter((diagnostic) => diagnostic.severity !== "error");
  const open = `    <testcase classname="${CLASSNAME}" name="${escapeXml(file)}" file="${escapeXml(file)}" time="0"`;
  if (diagnostics.length === 0) return { failed: false, xml: `${open}/>` };
  const children: string[] = [];
  if (errors.length > 0) {
    const message = escapeXml(plural(errors.length, "error"));
    children.push(
      `      <failure message="${message}" type="${CLASSNAME}">${listing(file, errors)}</failure>`,
    );
  }
  if (others.length > 0) children.push(`      <system-out>${listing(file, others)}</system-out>`);
  return { failed: errors.length > 0, xml: [`${open}>`, ...children, `    </testcase>`].join("\n") };
}

/** The diagnostics as text-format lines (`file:line:col severity rule message`), XML-escaped. */
function listing(file: string, diagnostics: readonly ReportDiagnostic[]): string {
  const lines = diagnostics.map(
    (diagnostic) =>
      `${file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.rule} ${diagnostic.message}`,
  );
  return escapeXml(`\n${lines.join("\n")}\n`);
}

// Escapes for both text and attribute values. Characters outside XML 1.0's
// Char production (most C0 controls, lone surrogates) are replaced, since no
// escape makes them legal.
export function escapeXml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD");
}
