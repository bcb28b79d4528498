#!/usr/bin/env node
// Bundles the runner for node into dist/bundle/ (run from packages/runner after tsc): its own modules,
// @kpi-as-code/connector-duckdb and @duckdb/node-api in a few ES modules, loaded by `kpi` and the
// language server. Node imports a CommonJS package from an ES module through cjs-module-lexer, which
// parses each of @duckdb/node-api's ~100 files for their exports: with the runner's ~130 modules that
// was most of `kpi run`'s fixed cost beside a bare process running the same query (docs/benchmarks.md).
// Stay external: core and connection (one copy of the connector registry and the error classes),
// the optional connectors (the source-type registry names them; loaded when installed) and the native
// @duckdb/node-bindings, which is loaded from where @duckdb/node-api is installed (its own dependency,
// so the JavaScript and the binary always match). Tests and the VS Code bundle read the sources.
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { SOURCE_TYPES } from "@kpi-as-code/core";
import * as esbuild from "esbuild";

const EMBEDDED = SOURCE_TYPES.duckdb.package;
const optionalConnectors = Object.values(SOURCE_TYPES)
  .map((type) => type.package)
  .filter((name) => name !== EMBEDDED);

const bindingsNextToNodeApi = {
  name: "duckdb-bindings-next-to-node-api",
  setup(build) {
    build.onResolve({ filter: /^@duckdb\/node-bindings$/ }, () => ({ path: "bindings", namespace: "kpi" }));
    build.onLoad({ filter: /.*/, namespace: "kpi" }, () => ({
      loader: "js",
      contents: [
        'const { createRequire } = require("node:module");',
        `const connector = require.resolve(${JSON.stringify(EMBEDDED)});`,
        'const nodeApi = createRequire(connector).resolve("@duckdb/node-api");',
        'module.exports = createRequire(nodeApi)("@duckdb/node-bindings");',
      ].join("\n"),
    }));
  },
};

rmSync(resolve("dist/bundle"), { recursive: true, force: true });
await esbuild.build({
  entryPoints: ["index.js", "history/index.js", "pace/index.js"].map((entry) => resolve("dist", entry)),
  outbase: resolve("dist"),
  outdir: resolve("dist/bundle"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  external: ["@kpi-as-code/core", "@kpi-as-code/connection", ...optionalConnectors],
  plugins: [bindingsNextToNodeApi],
  // CommonJS code calls require(); an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __kpiCreateRequire } from "node:module";\nconst require = __kpiCreateRequire(import.meta.url);',
  },
});
