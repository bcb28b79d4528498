import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium } from "./browser.js";
import {
  type CodeServerDirs,
  ensureCodeServer,
  installExtension,
  type RunningCodeServer,
  startCodeServer,
  writeUserSettings,
} from "./code-server.js";
import { packageExtension } from "./package-extension.js";

export const REPO_ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));
/** Where the end-to-end tests' screenshots go. */
export const ARTIFACTS = join(REPO_ROOT, "test-artifacts/vscode");
export const MINUTE = 60_000;

/** The packaged extension installed in a running code-server, and the Chromium that drives it. */
export interface ExtensionHost {
  server: RunningCodeServer;
  browser: Browser;
}

/**
 * Packages the extension, installs it in a code-server whose user data (with `settings`) lives in
 * `temp`, starts it on `folder` and launches Chromium; makes the screenshots' folder. A step that
 * fails stops what the earlier ones started.
 */
export async function startExtensionHost(
  temp: string,
  folder: string,
  settings: Record<string, unknown>,
): Promise<ExtensionHost> {
  const installDir = ensureCodeServer();
  const vsix = packageExtension();
  const dirs: CodeServerDirs = {
    userDataDir: join(temp, "user-data"),
    extensionsDir: join(temp, "extensions"),
  };
  writeUserSettings(dirs, settings);
  installExtension(installDir, dirs, vsix);
  const server = await startCodeServer(installDir, dirs, folder);
  try {
    const browser = await launchChromium(installDir);
    mkdirSync(ARTIFACTS, { recursive: true });
    return { server, browser };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Closes the browser, stops code-server and removes `temp`, whichever of them were started. */
export async function stopExtensionHost(
  host: ExtensionHost | undefined,
  temp: string | undefined,
): Promise<void> {
  await host?.browser.close();
  await host?.server.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
}
