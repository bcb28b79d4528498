import type { ReportDiagnostic, RuleMeta, ValidationReport } from "../../src/formats/index.js";

// A message with every character some format must escape: GitHub's `%`, `:`,
// `,` and line breaks, XML's `<`, `&` and quotes.
export const TRICKY_MESSAGE = `Target 50% is "unreachable": a, b & c <must> move\r\nsecond line's end\nthird`;

export const RULES: RuleMeta[] = [
  {
    id: "schema",
    defaultSeverity: "error",
    summary: "The file breaks the KPI schema.",
    why: "Tools can only read KPIs whose structure they know.",
    fix: "Add the missing field or correct the value.",
    example: "kpi: signups\nversion: 1\n",
    helpUri: "https://kpi-as-code.dev/rules/schema",
  },
  {
    id: "target/overdue",
    defaultSeverity: "warning",
    summary: "A target date has passed.",
    why: "A target in the past no longer steers anything.",
    fix: "Set a new target or record that it was met.",
    helpUri: "https://kpi-as-code.dev/rules/target-overdue",
  },
  {
    id: "alignment/unknown-goal",
    defaultSeverity: "error",
    summary: "The KPI names an unknown goal.",
    why: "A KPI that aligns to no goal measures nothing anyone pursues.",
    fix: "Name a goal declared in kpi.yaml.",
    helpUri: "https://kpi-as-code.dev/rules/alignment-unknown-goal",
  },
];

export const FILES = [
  "kpi.yaml",
  "kpis/activation.kpi.yaml",
  "kpis/churn, monthly.kpi.yaml",
  "kpis/clean.kpi.yaml",
];

/** Several files and severities, out of order, one uncatalogued rule, one tricky message. */
export function sampleReport(): ValidationReport {
  return {
    root: "/repo/examples/saas",
    files: [...FILES],
    rules: RULES,
    toolVersion: "0.1.0",
    diagnostics: [
      {
        file: "kpis/churn, monthly.kpi.yaml",
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 12,
        severity: "warning",
        rule: "target/overdue",
        message: "short_term.by 2025-01-01 is before today",
      },
      {
        file: "kpis/activation.kpi.yaml",
        line: 12,
        column: 9,
        endLine: 12,
        endColumn: 30,
        severity: "error",
        rule: "alignment/unknown-goal",
        message: TRICKY_MESSAGE,
      },
      {
        file: "kpis/activation.kpi.yaml",
        line: 2,
        column: 1,
        endLine: 3,
        endColumn: 5,
        severity: "error",
        rule: "schema",
        message: "missing field name",
      },
      {
        file: "kpi.yaml",
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 15,
        severity: "info",
        rule: "experimental/hint",
        message: "consider a review cadence",
      },
      {
        file: "kpis/activation.kpi.yaml",
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 4,
        severity: "warning",
        rule: "target/overdue",
        message: "mid_term.by 2025-06-30 is before today",
      },
    ],
  };
}

export function emptyReport(): ValidationReport {
  return {
    root: "/repo/examples/saas",
    files: [...FILES],
    rules: RULES,
    toolVersion: "0.1.0",
    diagnostics: [],
  };
}

/** One diagnostic, for tests that need a single case. */
export function aDiagnostic(overrides: Partial<ReportDiagnostic>): ReportDiagnostic {
  return {
    file: "kpis/activation.kpi.yaml",
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 4,
    severity: "warning",
    rule: "target/overdue",
    message: "mid_term.by 2025-06-30 is before today",
    ...overrides,
  };
}
