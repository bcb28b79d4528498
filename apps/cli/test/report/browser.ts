import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium; CI installs the `chromium` apt package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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

export interface PageProblems {
  /** Every URL the page asked for that is not an inline `data:` URL: a report must fetch nothing. */
  requests: string[];
  consoleErrors: string[];
}

/**
 * Opens HTML in a fresh page that may not touch the network: every routed request is refused
 * and remembered, as are console errors and uncaught exceptions.
 */
export async function openOffline(
  browser: Browser,
  html: string,
  options: { colorScheme?: "light" | "dark" } = {},
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const problems: PageProblems = { requests: [], consoleErrors: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:")) return route.continue();
    problems.requests.push(url);
    return route.abort();
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("data:") && !problems.requests.includes(url)) problems.requests.push(url);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.consoleErrors.push(error.message));
  await page.setContent(html, { waitUntil: "load" });
  return { page, problems };
}
