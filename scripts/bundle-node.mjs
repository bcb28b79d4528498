#!/usr/bin/env node
// Bundles a package's tsc output for node into dist/bundle/: one ES module (or, with --splitting, one
// per dynamic import) instead of the hundreds of files node would otherwise resolve and load one by one
// on every start of `kpi` or the language server (docs/benchmarks.md). Run from the package folder:
//   node ../../scripts/bundle-node.mjs <entry in dist/> [--splitting] [--external <package>]...
// Types stay dist/*.d.ts; tests and the VS Code bundle read the TypeScript sources instead.
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { splitting: { type: "boolean", default: false }, external: { type: "string", multiple: true } },
});
const [entry] = positionals;
if (!entry)
  throw new Error("usage: bundle-node.mjs <entry in dist/> [--splitting] [--external <package>]...");

// Chunk names change with their content: start empty so no stale chunk stays behind.
rmSync(resolve("dist/bundle"), { recursive: true, force: true });
await esbuild.build({
  entryPoints: [resolve("dist", entry)],
  outdir: resolve("dist/bundle"),
  bundle: true,
  splitting: values.splitting,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  external: values.external ?? [],
  // CommonJS dependencies call require() for node's modules; an ES module has none of its own.
  banner: {
    js: 'import { createRequire as __kpiCreateRequire } from "node:module";\nconst require = __kpiCreateRequire(import.meta.url);',
  },
});
