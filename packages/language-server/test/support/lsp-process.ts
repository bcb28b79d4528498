import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import type { Diagnostic, InitializeResult } from "vscode-languageserver-protocol";

export const REPO = resolve(import.meta.dirname, "../../../..");
export const SERVER_BIN = join(REPO, "packages/language-server/bin/kpi-language-server.js");

/**
 * Builds the server (tsc -b is incremental) so that the process under test runs the current code.
 * Test files run in parallel forks; a lock keeps two of them from writing dist/ at once.
 */
export function buildServer(): void {
  const build = ["npx", "tsc", "-b", "packages/language-server"];
  const hasFlock = spawnSync("flock", ["--version"]).status === 0;
  const [command, ...args] = hasFlock
    ? ["flock", join(tmpdir(), "kpi-language-server-build.lock"), ...build]
    : build;
  execFileSync(command as string, args, { cwd: REPO, stdio: "inherit" });
}

export function writeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "kpi-lsp-"));
  for (const [file, text] of Object.entries(files)) writeFile(root, file, text);
  return root;
}

export function copyWorkspace(from: string): string {
  const root = mkdtempSync(join(tmpdir(), "kpi-lsp-"));
  cpSync(from, root, { recursive: true });
  return root;
}

export function writeFile(root: string, file: string, text: string): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** A real server process spoken to over stdio with JSON-RPC, as any editor would. */
export class LspProcess {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly child: ChildProcess;
  stderr = "";
  inlayHintRefreshes = 0;

  constructor(readonly root: string) {
    this.child = spawn(process.execPath, [SERVER_BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr?.on("data", (chunk) => {
      this.stderr += String(chunk);
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(this.child.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/inlayHint/refresh", () => {
      this.inlayHintRefreshes += 1;
      return null;
    });
    this.connection.listen();
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).href;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async initialize(
    settings: Record<string, unknown> = { debounceMs: 0 },
    watchers = true,
  ): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: "test" }],
      initializationOptions: settings,
      capabilities: {
        workspace: {
          didChangeWatchedFiles: { dynamicRegistration: watchers },
          inlayHint: { refreshSupport: true },
        },
        textDocument: { publishDiagnostics: {} },
      },
    })) as InitializeResult;
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  open(file: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: this.uri(file), languageId: "yaml", version, text },
    });
  }

  change(file: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri(file), version },
      contentChanges: [{ text }],
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Waits until the diagnostics published for `file` satisfy `accept`. */
  async diagnosticsFor(
    file: string,
    accept: (list: Diagnostic[]) => boolean,
    timeoutMs = 20_000,
  ): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.diagnostics.get(uri);
      if (list && accept(list)) return list;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${file}; last: ${JSON.stringify(list)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Closes the server's stdin, as a client that went away would; resolves with its exit code. */
  async closeInput(): Promise<number | null> {
    const exited = new Promise<number | null>((done) => this.child.once("exit", (code) => done(code)));
    this.child.stdin?.end();
    return exited;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      await this.request("shutdown", null).catch(() => undefined);
      await this.connection.sendNotification("exit").catch(() => undefined);
    }
    await new Promise((done) => setTimeout(done, 50));
    this.connection.dispose();
    if (this.alive) this.child.kill();
  }
}

export const codes = (list: Diagnostic[]) => list.map((diagnostic) => diagnostic.code).sort();
