import type { QueryOptions } from "./types.js";

export type StopReason = "timeout" | "cancelled";

/** Thrown by `QueryWatch.stuck` when a cancelled query still has not ended. */
export class QueryStuckError extends Error {
  constructor(readonly reason: StopReason) {
    super("the query did not end after it was cancelled");
    this.name = "QueryStuckError";
  }
}

export interface QueryWatch {
  /** Why the query was stopped from the client side, if it was. */
  readonly reason: StopReason | undefined;
  /** Rejects with QueryStuckError when a cancelled query has not ended `graceMs` later; race the query with it. */
  readonly stuck: Promise<never>;
  /** Ends the watch; waits for a cancel in flight, so it cannot hit the connection's next query. */
  stop(): Promise<void>;
}

/**
 * Watches one server query for the client's reasons to stop it: `timeoutMs` (plus `graceMs`, so the
 * server's own statement limit normally acts first) and `signal`. Either calls `cancel` once, which
 * must stop the query on the server (pg_cancel_backend, KILL QUERY) from a second connection.
 */
export function watchQuery(options: QueryOptions, graceMs: number, cancel: () => Promise<void>): QueryWatch {
  let reason: StopReason | undefined;
  let cancelling: Promise<void> = Promise.resolve();
  let stuckTimer: NodeJS.Timeout | undefined;
  let rejectStuck: (error: Error) => void = () => undefined;
  const stuck = new Promise<never>((_resolve, reject) => {
    rejectStuck = reject;
  });
  // Nobody may be racing it yet; an unobserved rejection must not crash the process.
  stuck.catch(() => undefined);
  const stopWith = (why: StopReason) => {
    if (reason !== undefined) return;
    reason = why;
    cancelling = cancel().catch(() => undefined);
    stuckTimer = setTimeout(() => rejectStuck(new QueryStuckError(why)), graceMs);
  };
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => stopWith("timeout"), options.timeoutMs + graceMs);
  const onAbort = () => stopWith("cancelled");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  // Aborted while the connector was still getting ready (a pooled client, BEGIN): no event comes.
  if (options.signal?.aborted) onAbort();
  return {
    get reason() {
      return reason;
    },
    stuck,
    async stop() {
      clearTimeout(timer);
      clearTimeout(stuckTimer);
      options.signal?.removeEventListener("abort", onAbort);
      await cancelling;
    },
  };
}
