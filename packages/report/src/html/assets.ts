import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The inlined parts of the page: nothing is fetched when the report is opened. */
export interface ReportAssets {
  css: string;
  /** d3, then Observable Plot (which needs d3 as a global), then the page's own drawing code. */
  scripts: string[];
}

// Both src/ and dist/ sit one level below the package root, so this holds for tests and builds.
const ASSETS_DIR = fileURLToPath(new URL("../../assets/", import.meta.url));
// A bundled program (the VS Code extension's CLI) carries all four files in `report-assets/` beside it.
const BUNDLED_ASSETS_DIR = fileURLToPath(new URL("./report-assets/", import.meta.url));

let cached: ReportAssets | undefined;

/** Reads the chart libraries' browser bundles and the page's CSS and script, once per process. */
export function reportAssets(): ReportAssets {
  cached ??= {
    css: readFileSync(
      asset("report.css", () => join(ASSETS_DIR, "report.css")),
      "utf8",
    ),
    scripts: [
      readFileSync(
        asset("d3.min.js", () => packageFile("d3", "dist/d3.min.js")),
        "utf8",
      ),
      readFileSync(
        asset("plot.umd.min.js", () => packageFile("@observablehq/plot", "dist/plot.umd.min.js")),
        "utf8",
      ),
      readFileSync(
        asset("report-client.js", () => join(ASSETS_DIR, "report-client.js")),
        "utf8",
      ),
    ],
  };
  return cached;
}

/** The bundled copy of an asset when there is one, else where the package layout has it. */
function asset(name: string, packaged: () => string): string {
  const bundled = join(BUNDLED_ASSETS_DIR, name);
  return existsSync(bundled) ? bundled : packaged();
}

/**
 * A file inside an installed package. The packages' `exports` do not list their UMD bundles as
 * subpaths, so the package folder is found along node's own lookup path instead.
 */
function packageFile(name: string, file: string): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`Cannot find ${name}/${file}: is ${name} installed?`);
}
