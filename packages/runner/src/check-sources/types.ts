import type { At, RuleId } from "@kpi-as-code/core";

/** What a source check found, before it becomes a diagnostic: the rule, the file and where in it. */
export interface SourceFinding {
  rule: RuleId;
  file: string;
  at: At;
  message: string;
}

/** One structured measure's names, each with where it is written (for a diagnostic at the value). */
export interface MeasureToCheck {
  kpi: string;
  file: string;
  measure: string;
  from: string;
  /** The columns it names: `column`, `time`, `active.from/until`, `duration.from/to`, the KPI's segments. */
  columns: { name: string; path: (string | number)[] }[];
  where?: string;
  expr?: string;
}

/** A raw `sql` measure. */
export interface SqlMeasureToCheck {
  kpi: string;
  file: string;
  measure: string;
  sql: string;
}

/** Everything one source must answer for: its views and the measures read from it. */
export interface SourceToCheck {
  source: string;
  views: Record<string, string>;
  measures: MeasureToCheck[];
  sqlMeasures: SqlMeasureToCheck[];
  kpis: string[];
}
