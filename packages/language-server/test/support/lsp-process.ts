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
export const SERVER_BIN =
  process.env.KPI_TEST_SERVER_BIN ?? join(REPO, "packages/language-server/bin/kpi-language-server.js");

/**
 * Builds the server and the packages it loads (tsc and the bundles; turbo replays what has not
 * changed) so that the process under test runs the current code. Test files run in parallel forks;
 * a lock keeps two of them from building at once.
 */
export function buildServer(): void {
  if (process.env.KPI_TEST_NO_BUILD === "1") return; // the caller built it (e.g. while a package it does not load is broken)
  const build = [
    "npx",
    "turbo",
    "run",
    "build",
    "--filter=@kpi-as-code/language-server...",
    "--output-logs=errors-only",
  ];
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
  /** The messages of window/logMessage, in order. */
  readonly logs: string[] = [];
  /** Resolves with the server's exit code when its process ends. */
  readonly exited: Promise<number | null>;
  private readonly waiters: (() => void)[] = [];
  private readonly child: ChildProcess;
  stderr = "";
  inlayHintRefreshes = 0;
  /** Files whose diagnostics came before the initialize result (a client such as VS Code drops them). */
  publishedBeforeInitialize = 0;

  /** `as` runs the server as another user (uid and gid; only root can), e.g. one that cannot read a file. */
  constructor(
    readonly root: string,
    as?: { uid: number; gid: number },
  ) {
    this.child = spawn(process.execPath, [SERVER_BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], ...as });
    this.exited = new Promise((done) => this.child.once("exit", (code) => done(code)));
    this.child.once("exit", () => this.wake()); // whoever waits for a message learns it never comes
    this.child.stderr?.on("data", (chunk) => {
      this.stderr += String(chunk);
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(this.child.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.wake();
    });
    this.connection.onNotification("window/logMessage", (params) => {
      this.logs.push(params.message);
      this.wake();
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/inlayHint/refresh", () => {
      this.inlayHintRefreshes += 1;
      this.wake();
      return null;
    });
    this.connection.listen();
  }

  uri(file: string): string {
    return pathToFileURL(join(this.root, file)).href;
  }

  /** A workspace folder as LSP names it, relative to the root. */
  folder(folder: string): { uri: string; name: string } {
    return { uri: pathToFileURL(join(this.root, folder)).href, name: folder || "root" };
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `folders`: the editor's workspace folders, relative to the root (the root alone by default). */
  async initialize(
    settings: Record<string, unknown> = { debounceMs: 0 },
    watchers = true,
    folders: string[] = [""],
  ): Promise<InitializeResult> {
    const initialized = this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: folders.map((folder) => this.folder(folder)),
      initializationOptions: settings,
      capabilities: {
        workspace: {
          didChangeWatchedFiles: { dynamicRegistration: watchers },
          inlayHint: { refreshSupport: true },
        },
        textDocument: { publishDiagnostics: {} },
      },
    }) as Promise<InitializeResult>;
    // A server that fails to start says why instead of leaving the test to time out.
    const died = this.exited.then((code) => {
      throw new Error(`the server exited with ${code} before initializing; stderr: ${this.stderr}`);
    });
    const result = await Promise.race([initialized, died]);
    died.catch(() => undefined);
    // Messages are handled in the order they came: whatever was published before the result is in.
    this.publishedBeforeInitialize = this.diagnostics.size;
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
  async diagnosticsFor(file: string, accept: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    await this.until(() => {
      const list = this.diagnostics.get(uri);
      return list !== undefined && accept(list);
    });
    return this.diagnostics.get(uri) as Diagnostic[];
  }

  /** Waits until the server logged a message that starts with `prefix`. */
  async logged(prefix: string): Promise<string> {
    await this.until(() => this.logs.some((message) => message.startsWith(prefix)));
    return this.logs.find((message) => message.startsWith(prefix)) as string;
  }

  /** Waits until the server asked the client to refresh its inlay hints `count` times in all. */
  inlayHintsRefreshed(count = 1): Promise<void> {
    return this.until(() => this.inlayHintRefreshes >= count);
  }

  /**
   * Waits for something the server sends (diagnostics, a log message, a request) until `done()`.
   * No clock: a server that never sends it fails the test at the test's own timeout.
   */
  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (!this.alive) throw new Error(`the server exited; stderr: ${this.stderr}`);
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Closes the server's stdin, as a client that went away would; resolves with its exit code. */
  async closeInput(): Promise<number | null> {
    this.child.stdin?.end();
    return this.exited;
  }

  /** Shuts the server down as a client would (shutdown, then exit) and waits for it to end. */
  async stop(): Promise<void> {
    if (this.alive) {
      await this.request("shutdown", null).catch(() => undefined);
      await this.connection.sendNotification("exit").catch(() => undefined);
      await this.exited;
    }
    this.connection.dispose();
  }
}

export const codes = (list: Diagnostic[]) => list.map((diagnostic) => diagnostic.code).sort();
