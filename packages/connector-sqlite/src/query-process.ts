import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";

/** What the query process sends back for one query. */
export type QueryReply =
  | { id: number; rows: Array<Record<string, unknown>> }
  | { id: number; columns: string[] }
  | { id: number; error: { kind: "read-only" | "query"; message: string; code?: string } };

type OpenReply = { ready: true } | { ready: false; message: string; code?: string };

// better-sqlite3 is synchronous and has no interrupt, and a worker thread
// cannot be terminated while it sits inside native SQLite code. A query that
// runs too long can only be stopped by killing the process it runs in, so
// queries run in a small child process. Its code is plain JavaScript passed to
// `node -e`, so it works the same from src/ (vitest) and dist/.
const PROCESS_SOURCE = `
const [driver, file] = process.argv.slice(1);
const Database = require(driver);
let db;
try {
  db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("query_only = ON");
  process.send({ ready: true });
} catch (error) {
  process.send({ ready: false, message: error.message, code: error.code });
}
process.on("disconnect", () => process.exit(0));
process.on("message", ({ id, sql, params, describe }) => {
  try {
    const statement = db.prepare(sql);
    // reader: returns rows (not ATTACH, VACUUM, PRAGMA x = y); readonly: writes nothing.
    if (!statement.reader || !statement.readonly) {
      process.send({ id, error: { kind: "read-only", message: "only queries that read data may run" } });
      return;
    }
    // describe: the prepared statement names its columns; nothing is read.
    if (describe) process.send({ id, columns: statement.columns().map((column) => column.name) });
    else process.send({ id, rows: statement.all(params) });
  } catch (error) {
    process.send({ id, error: { kind: "query", message: error.message, code: error.code } });
  }
});
`;

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

/** Starts a process holding a read-only handle on `file`; resolves once the file is open. */
export async function startQueryProcess(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", PROCESS_SOURCE, driverPath, file], {
    stdio: ["ignore", "ignore", "ignore", "ipc"],
    serialization: "advanced",
  });
  const opened = await new Promise<OpenReply>((resolve, reject) => {
    child.once("message", (message) => resolve(message as OpenReply));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the SQLite query process exited with code ${code}`)));
  });
  child.removeAllListeners("exit").removeAllListeners("error");
  if (!opened.ready) {
    child.kill("SIGKILL");
    throw Object.assign(new Error(opened.message), { code: opened.code });
  }
  return child;
}
