import type { SourceConfig } from "@kpi-as-code/connection";
import { DEFAULT_QUERY_TIMEOUT_MS } from "../types.js";

/**
 * The time limit of one source's queries: the run's `timeoutMs` when given, else the source's
 * `timeout` (seconds, in kpi.yaml), else the default. In an untrusted run kpi.yaml comes from the
 * pull request, so its `timeout` may only lower the limit, never raise it.
 */
export function sourceTimeoutMs(
  config: SourceConfig,
  runTimeoutMs: number | undefined,
  untrusted: boolean,
): number {
  const fromSource =
    typeof config.timeout === "number" && Number.isFinite(config.timeout) && config.timeout > 0
      ? config.timeout * 1000
      : undefined;
  const fromRun = runTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  if (fromSource === undefined) return fromRun;
  if (untrusted) return Math.min(fromSource, fromRun);
  return runTimeoutMs ?? fromSource;
}
