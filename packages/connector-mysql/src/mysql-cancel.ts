import mysql from "mysql2/promise";

const CANCEL_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Stops what connection `threadId` is running with `KILL QUERY`, from a second connection: a client
 * that gives up on a query must not leave it running on the server. An account may kill its own
 * threads. Never throws: a failed kill leaves the server-side statement limit to act.
 */
export async function killQuery(uri: string, threadId: number): Promise<void> {
  if (!Number.isInteger(threadId)) return;
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({ uri, connectTimeout: CANCEL_CONNECT_TIMEOUT_MS });
    await connection.query(`KILL QUERY ${threadId}`);
  } catch {
    // The server is unreachable or the thread is gone; nothing more to do.
  } finally {
    await connection?.end().catch(() => undefined);
  }
}
