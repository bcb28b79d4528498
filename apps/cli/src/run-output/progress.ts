/**
 * Runs shorter than this finish without a bar: a flash of progress is noise. `KPI_PROGRESS_DELAY_MS`
 * sets another delay (0: always draw it).
 */
const SHOW_AFTER_MS = 400;
const BAR_WIDTH = 24;

export interface Progress {
  onProgress(done: number, total: number, kpi: string): void;
  /** Clears the bar so the result prints on a clean line. */
  finish(): void;
}

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and the run has taken
 * more than a moment, so pipes, CI logs and quick runs stay clean.
 */
export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
  showAfterMs = progressDelay(process.env.KPI_PROGRESS_DELAY_MS),
): Progress {
  if (!stream.isTTY) return { onProgress: () => undefined, finish: () => undefined };
  const startedAt = now();
  let drawn = false;
  return {
    onProgress(done, total, kpi) {
      if (now() - startedAt < showAfterMs) return;
      drawn = true;
      // A terminal that reports no width (0, as under `script`) gets the usual 80 columns.
      stream.write(`\r${progressLine(done, total, kpi, stream.columns || 80)}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}

/** `[██████░░░░░░] 12/30 churn_rate`, cut to the terminal's width. */
export function progressLine(done: number, total: number, kpi: string, columns: number): string {
  const filled = total > 0 ? Math.round((done / total) * BAR_WIDTH) : 0;
  const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
  return `[${bar}] ${done}/${total} ${kpi}`.slice(0, Math.max(0, columns - 1));
}

/** The delay before the bar appears: `KPI_PROGRESS_DELAY_MS` when it is a whole number, else the default. */
export function progressDelay(setting: string | undefined): number {
  return setting !== undefined && /^\d+$/.test(setting) ? Number(setting) : SHOW_AFTER_MS;
}
