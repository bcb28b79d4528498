import { afterEach, beforeAll } from "vitest";
import { buildServer, LspProcess, removeWorkspace, writeWorkspace } from "./lsp-process.js";

/** The server of the running test and the temporary workspace it serves. */
export interface ServerPerTest {
  /** Writes `files` to a new folder and spawns the built server there, not yet initialized; the test's previous one is stopped and removed first. */
  spawn(files: Record<string, string>): Promise<LspProcess>;
  /** The folder of the server last spawned in this test. */
  readonly root: string;
}

/**
 * Builds the server before the file's tests, and after each test stops the server it spawned and
 * removes its workspace: the set-up every test file that starts one server per test shares.
 */
export function serverPerTest(): ServerPerTest {
  let server: LspProcess | undefined;
  let root: string | undefined;
  const stop = async () => {
    await server?.stop();
    if (root) removeWorkspace(root);
    server = undefined;
    root = undefined;
  };
  beforeAll(() => buildServer(), 120_000);
  afterEach(stop);
  return {
    async spawn(files) {
      await stop();
      root = writeWorkspace(files);
      server = new LspProcess(root);
      return server;
    },
    get root() {
      if (root === undefined) throw new Error("no server spawned in this test");
      return root;
    },
  };
}
