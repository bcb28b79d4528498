import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CODE_SERVER_VERSION = "4.100.3";
const REPO_ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));
const INSTALL_SCRIPT = join(REPO_ROOT, "scripts/code-server/install.sh");

export function codeServerCacheDir(): string {
  const cacheRoot =
    process.env.KPI_CODE_SERVER_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "kpi-as-code");
  return join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
}

/**
 * Whether this machine has, or can get, code-server and Chromium: already cached, or Linux with
 * apt-get and the right to use it (root or sudo). Elsewhere the end-to-end test is skipped.
 */
export function codeServerInstallable(): boolean {
  if (process.platform !== "linux" || process.arch !== "x64") return false;
  if (existsSync(join(codeServerCacheDir(), ".installed")) && existsSync("/usr/bin/chromium")) return true;
  if (!existsSync("/usr/bin/apt-get")) return false;
  return process.getuid?.() === 0 || existsSync("/usr/bin/sudo");
}

/** Installs (or finds cached) code-server and the Debian packages; returns the install folder. */
export function ensureCodeServer(): string {
  const output = execFileSync("bash", [INSTALL_SCRIPT], {
    env: { ...process.env, CODE_SERVER_VERSION },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return output.trim().split("\n").at(-1) ?? codeServerCacheDir();
}

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
}

function entryPoint(installDir: string): string {
  return join(installDir, "node_modules/code-server/out/node/entry.js");
}

/** User settings that keep dialogs (workspace trust, welcome page) from covering the workbench. */
export function writeUserSettings(dirs: CodeServerDirs, settings: Record<string, unknown>): void {
  const userDir = join(dirs.userDataDir, "User");
  mkdirSync(userDir, { recursive: true });
  writeFileSync(
    join(userDir, "settings.json"),
    JSON.stringify(
      {
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        ...settings,
      },
      null,
      2,
    ),
  );
}

export function installExtension(installDir: string, dirs: CodeServerDirs, vsix: string): void {
  execFileSync(
    process.execPath,
    [
      entryPoint(installDir),
      "--user-data-dir",
      dirs.userDataDir,
      "--extensions-dir",
      dirs.extensionsDir,
      "--install-extension",
      vsix,
    ],
    { stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 },
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts code-server in its own process group, so that stopping it ends exactly the processes it
 * started (server, extension host, language server) and nothing else on the machine.
 */
export async function startCodeServer(
  installDir: string,
  dirs: CodeServerDirs,
  folder: string,
): Promise<RunningCodeServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      entryPoint(installDir),
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--user-data-dir",
      dirs.userDataDir,
      "--extensions-dir",
      dirs.extensionsDir,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      folder,
    ],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, 60_000, () => child.exitCode !== null);
  return {
    url,
    process: child,
    log: () => log,
    stop: () => stopProcessGroup(child),
  };
}

async function waitForHttp(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("code-server exited before it listened");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

/** Ends the process group led by `child` (which this test started), by its PID. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
  if (timedOut) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
