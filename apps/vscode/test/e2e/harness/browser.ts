import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";

/** playwright-core is installed next to code-server (scripts/code-server/install.sh), not in the repo. */
export async function launchChromium(installDir: string): Promise<Browser> {
  const require = createRequire(join(installDir, "package.json"));
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Quick Open (Ctrl+P): opens a file of the workspace by name. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(name);
  // Wait for the filtered list: the recently opened files show first and Enter would pick one of them.
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor();
}

/** The command palette (F1): runs a command by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

/** Expands a view of the side bar (e.g. the extension's "KPIs" view in the Explorer) if collapsed. */
export async function expandView(page: Page, title: string): Promise<void> {
  const header = page.locator(".pane-header", { hasText: new RegExp(`^${title}$`, "i") }).first();
  await header.waitFor();
  if ((await header.getAttribute("aria-expanded")) === "false") await header.click();
}
