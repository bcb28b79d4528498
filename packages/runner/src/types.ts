/**
 * The runner's results: the JSON shape of `kpi run --format json` (spec section 3) and what
 * the history, the language server and reports consume.
 */

export type Status = "on_track" | "at_risk" | "off_track" | "no_data" | "no_target" | "error";
export type Grain = "day" | "week" | "month" | "quarter" | "year";

/** A half-open period: `start` inclusive, `end` exclusive, both YYYY-MM-DD. */
export interface Period {
  start: string;
  end: string;
}

export type MeasureValues = Record<string, number | null>;

/** The target the status is measured against, as reported in results. */
export interface TargetRef {
  /** Which target point: the short-term one when present. */
  kind: "short_term" | "mid_term" | "threshold" | "none";
  value: number | null;
  by?: string;
  warning?: number;
  critical?: number;
}

export interface BreakdownRow {
  key: string | null;
  value: number | null;
  measures: MeasureValues;
}

export interface SeriesPoint extends Period {
  value: number | null;
  measures: MeasureValues;
  /** Why the point has no value when its query failed (the KPI's result is then an error too). */
  error?: string;
}

export interface KpiResult {
  kpi: string;
  version: number;
  /** Period of this KPI's value (KPIs of different cadences can have different default periods). */
  period: Period;
  value: number | null;
  measures: MeasureValues;
  status: Status;
  target: TargetRef | null;
  /** The target path's value on the period's last day (spec 5.1); null without a target. */
  expected: number | null;
  /** Why there is no value (`no_data`) or what failed (`error`): names the source, the KPI and what the engine said. */
  error?: string;
  breakdowns?: Record<string, BreakdownRow[]>;
  series?: SeriesPoint[];
  /** sha256 of the KPI's definition (meaning fields), ties history records to the definition. */
  definitionHash: string;
}

/**
 * Something about a source, said once for the whole run rather than in every KPI it touches.
 * `kpis` lists the KPIs with a measure on the source; their results carry an error too when
 * `severity` is `error`. Messages are redacted like every other output.
 * - `source/env-missing`: `${env:NAME}` variables of the source's connection settings are unset or empty
 * - `source/env-outside-connection`: an untrusted run refuses `${env:...}` in settings that do not
 *   say how to connect (`tables`, `description`)
 * - `source/privileged-role`: the role is a superuser or can read the server's files (warning), or
 *   the run is untrusted and the source was refused (error)
 */
export type RunNotice =
  | {
      code: "source/env-missing";
      severity: "error";
      source: string;
      variables: string[];
      kpis: string[];
      message: string;
    }
  | {
      code: "source/env-outside-connection";
      severity: "error";
      source: string;
      settings: string[];
      kpis: string[];
      message: string;
    }
  | {
      code: "source/connector-missing";
      severity: "error";
      source: string;
      type: string;
      package: string;
      kpis: string[];
      message: string;
    }
  | {
      code: "source/privileged-role";
      severity: "warning" | "error";
      source: string;
      role: string;
      powers: string[];
      kpis: string[];
      message: string;
    };

export interface RunResult {
  /** The requested period; with default periods per cadence, the earliest start and latest end. */
  period: Period;
  results: KpiResult[];
  /** Source-level notices, each once (absent in results built by other means, e.g. history). */
  notices?: RunNotice[];
}

/** Every query is bounded: without a run `timeoutMs` or a source `timeout`, a query may run this long. */
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000;
