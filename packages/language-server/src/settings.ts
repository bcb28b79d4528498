/** The server's settings (section `kpi`), read from initializationOptions and workspace/configuration. */
export interface ServerSettings {
  /** Fixes "today" for the date rules (YYYY-MM-DD); the system date when absent. */
  today?: string;
  /** Quiet time after an edit before the workspace is revalidated. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { debounceMs: 150 };

/**
 * Accepts `{ today, debounceMs }` or `{ kpi: { today, debounceMs } }`. A setting that is absent keeps
 * its previous value; one that is malformed (or an empty `today`) falls back to the default.
 */
export function readSettings(raw: unknown, previous: ServerSettings): ServerSettings {
  const outer = asRecord(raw);
  const section = "kpi" in outer ? asRecord(outer.kpi) : outer;
  const today = "today" in section ? validDate(section.today) : previous.today;
  const debounceMs =
    "debounceMs" in section
      ? (validDelay(section.debounceMs) ?? DEFAULT_SETTINGS.debounceMs)
      : previous.debounceMs;
  return { ...(today ? { today } : {}), debounceMs };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function validDate(value: unknown): string | undefined {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

function validDelay(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
