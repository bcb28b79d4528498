import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SourceError } from "@kpi-as-code/connection";
import { sqliteConnector } from "@kpi-as-code/connector-sqlite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Issue #17: a SQLite `path` from kpi.yaml is checked like DuckDB's table files before SQLite opens
 * it: inside the workspace or an allowed folder, no hidden folder, links resolved, a regular file.
 */
const CANARY = "canary-sqlite-5e1d";
let top: string;
let root: string;

beforeAll(() => {
  top = mkdtempSync(path.join(os.tmpdir(), "kpi-sqlite-trust-"));
  root = path.join(top, "workspace");
  mkdirSync(path.join(root, ".git"), { recursive: true });
  writeFileSync(path.join(root, ".git", "config"), `[http] extraheader = ${CANARY}\n`);
  const outside = new Database(path.join(top, "outside.sqlite"));
  outside.exec(`CREATE TABLE secrets (v TEXT); INSERT INTO secrets VALUES ('${CANARY}')`);
  outside.close();
  new Database(path.join(root, "inside.sqlite")).close();
  symlinkSync(path.join(top, "outside.sqlite"), path.join(root, "linked.sqlite"));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

async function connectError(file: string, allowPaths?: string[]): Promise<SourceError | undefined> {
  const context = { workspaceRoot: root, source: "crm", env: {}, ...(allowPaths ? { allowPaths } : {}) };
  return sqliteConnector.connect({ type: "sqlite", path: file }, context).then(
    async (connection) => {
      await connection.close();
      return undefined;
    },
    (error: unknown) => error as SourceError,
  );
}

describe("a SQLite source's path", () => {
  it.each(["../outside.sqlite", path.join(top ?? "/", "outside.sqlite"), "linked.sqlite", ".git/config"])(
    "refuses %s before opening it, without its content",
    async (file) => {
      const error = await connectError(file.startsWith("/") ? path.join(top, "outside.sqlite") : file);
      expect(error).toBeInstanceOf(SourceError);
      expect(error?.kind).toBe("config");
      expect(String(error?.message)).not.toContain(CANARY);
    },
  );

  it("opens a file inside the workspace, and one outside once its folder is allowed", async () => {
    expect(await connectError("inside.sqlite")).toBeUndefined();
    expect(await connectError("../outside.sqlite", [top])).toBeUndefined();
  });
});
