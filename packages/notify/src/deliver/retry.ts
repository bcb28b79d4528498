/** A delivery failure, with whether another attempt could succeed (network errors, timeouts, 5xx). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export interface RetryOptions {
  /** Attempts in all (spec 5.2: 3). */
  attempts: number;
  /** Pause before the 2nd, 3rd, … attempt; the last value repeats. */
  backoffMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_BACKOFF_MS = [1000, 3000] as const;

/** Runs `attempt` until it succeeds, fails for good, or the attempts are used up. Throws the last error. */
export async function withRetries(attempt: () => Promise<void>, options: RetryOptions): Promise<number> {
  for (let index = 0; ; index++) {
    try {
      await attempt();
      return index + 1;
    } catch (error) {
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      if (!retryable || index + 1 >= options.attempts) throw error;
      const delay = options.backoffMs[Math.min(index, options.backoffMs.length - 1)] ?? 0;
      await options.sleep(delay);
    }
  }
}
