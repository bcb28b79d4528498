// Bundles the extension: the client (loaded by VS Code, `vscode` external) and three node programs
// it starts, each one self-contained: the language server, the `kpi` CLI and the summary worker.
// Native bindings cannot be bundled: they are copied to dist/node_modules, where the bundles'
// runtime `require`s find them. The JSON Schemas are copied from @kpi-as-code/core, their one source.
// Usage: node esbuild.mjs [--production] [--watch]
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

/** An installed package's folder, found the way node looks (exports maps may hide package.json). */
function packageDir(name) {
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
  }
  throw new Error(`${name} is not installed`);
}

const common = {
  bundle: true,
  // Bundle the workspace packages from their sources, as the tests run them: no tsc build needed.
  conditions: ["source"],
  platform: "node",
  target: "node20",
  sourcemap: production ? false : "linked",
  minify: production,
  keepNames: true,
  logLevel: "info",
  legalComments: "none",
};

// ESM bundles of CommonJS code still call require, __dirname and __filename.
const esmShim = [
  'import { createRequire as __kpiCreateRequire } from "node:module";',
  'import { fileURLToPath as __kpiFileURLToPath } from "node:url";',
  "const require = __kpiCreateRequire(import.meta.url);",
  "const __filename = __kpiFileURLToPath(import.meta.url);",
  'const __dirname = __kpiFileURLToPath(new URL(".", import.meta.url));',
].join("\n");

/**
 * The packages' committed bin launchers import `../dist/<file>.js` (the CLI's: `../dist/bundle/<file>.js`,
 * its own bundle); bundle `../src/<file>.ts` instead, so the launcher stays the one entry point without
 * needing a build first.
 */
const launcherToSource = {
  name: "launcher-to-source",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/dist\/.+\.js$/ }, (args) => {
      if (basename(dirname(args.importer)) !== "bin") return undefined;
      const source = join(
        dirname(args.importer),
        "..",
        args.path.replace(/^\.\.\/dist\/(?:bundle\/)?/, "src/").replace(/\.js$/, ".ts"),
      );
      return existsSync(source) ? { path: source } : undefined;
    });
  },
};

const nodeProgram = (entry, outfile) => ({
  ...common,
  plugins: [launcherToSource],
  entryPoints: [entry],
  outfile: join(here, "dist", outfile),
  format: "esm",
  banner: { js: esmShim },
  // Native bindings load from dist/node_modules; optional drivers that are not installed stay out.
  external: ["@duckdb/node-bindings-*", "better-sqlite3", "pg-native", "fsevents"],
});

const builds = [
  {
    ...common,
    entryPoints: [join(here, "src/extension.ts")],
    outfile: join(here, "dist/extension.cjs"),
    format: "cjs",
    external: ["vscode"],
  },
  nodeProgram(join(packageDir("@kpi-as-code/language-server"), "bin/kpi-language-server.js"), "server.mjs"),
  nodeProgram(join(packageDir("@kpi-as-code/cli"), "bin/kpi.js"), "kpi.mjs"),
  nodeProgram(join(here, "src/summary/main.ts"), "summary.mjs"),
];

function copySchemas() {
  const from = join(packageDir("@kpi-as-code/core"), "schema");
  const to = join(here, "schemas");
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const file of ["kpi.schema.json", "kpi-project.schema.json"]) cpSync(join(from, file), join(to, file));
}

/** Copies an installed package's runtime files (no sources, no build intermediates). */
function copyPackage(name, parts) {
  const from = packageDir(name);
  const to = join(here, "dist/node_modules", name);
  for (const part of ["package.json", ...parts]) {
    if (existsSync(join(from, part))) cpSync(join(from, part), join(to, part), { recursive: true });
  }
}

function copyNativeBindings() {
  rmSync(join(here, "dist/node_modules"), { recursive: true, force: true });
  const duckdbScope = dirname(packageDir("@duckdb/node-bindings"));
  for (const name of readdirSync(duckdbScope).filter((dir) => dir.startsWith("node-bindings-"))) {
    copyPackage(`@duckdb/${name}`, readdirSync(join(duckdbScope, name)));
  }
  copyPackage("better-sqlite3", ["lib", "build/Release/better_sqlite3.node", "LICENSE"]);
  copyPackage("bindings", ["bindings.js", "LICENSE.md"]);
  copyPackage("file-uri-to-path", ["index.js", "LICENSE"]);
}

/** The report's stylesheet, drawing script and chart libraries, which `kpi report` inlines (Show dashboard). */
function copyReportAssets() {
  const to = join(here, "dist/report-assets");
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const report = packageDir("@kpi-as-code/report");
  cpSync(join(report, "assets/report.css"), join(to, "report.css"));
  cpSync(join(report, "assets/report-client.js"), join(to, "report-client.js"));
  cpSync(join(packageDir("d3"), "dist/d3.min.js"), join(to, "d3.min.js"));
  cpSync(join(packageDir("@observablehq/plot"), "dist/plot.umd.min.js"), join(to, "plot.umd.min.js"));
}

copySchemas();
copyNativeBindings();
copyReportAssets();
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  // Settle every build so one failure still reports all of them.
  const outcomes = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
  if (outcomes.some((outcome) => outcome.status === "rejected")) process.exit(1);
}
