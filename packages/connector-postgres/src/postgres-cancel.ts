import pg from "pg";

const CANCEL_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Cancels what backend `pid` is running, from a second connection: a client that gives up on a
 * query (its timeout, an abort) must not leave it running on the server. A role may cancel its
 * own backends. Never throws: a failed cancel leaves the server-side statement_timeout to act.
 */
export async function cancelBackend(connectionString: string, pid: number): Promise<void> {
  const client = new pg.Client({
    connectionString,
    connectionTimeoutMillis: CANCEL_CONNECT_TIMEOUT_MS,
    application_name: "kpi-as-code (cancel)",
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The server is unreachable or the backend is gone; nothing more to do.
  } finally {
    await client.end().catch(() => undefined);
  }
}
