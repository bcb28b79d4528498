#!/usr/bin/env node
// Bundles the built package (dist/index.js, from tsc) with its dependencies (yaml, fdir, ajv's runtime
// helpers) into one ES module, dist/bundle/index.js, which the package exports to node. Every
// process that validates (the kpi CLI, the language server) loads it first: one file instead of about
// two hundred saves a third of the CLI's start-up (docs/benchmarks.md). Types stay dist/*.d.ts; tests
// and the VS Code bundle read the TypeScript sources (the "source" export condition).
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

await esbuild.build({
  entryPoints: [`${dist}index.js`],
  outfile: `${dist}bundle/index.js`,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  // The CommonJS dependencies call require() for node's modules; an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __kpiCreateRequire } from "node:module";\nconst require = __kpiCreateRequire(import.meta.url);',
  },
});
