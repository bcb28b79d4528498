// Writes the generated parts of package.json's `contributes` (commands, configuration) from
// src/manifest.ts. test/manifest.test.ts fails when package.json is stale.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const bundled = await build({
  entryPoints: [`${root}src/manifest.ts`],
  bundle: true,
  format: "esm",
  platform: "node",
  write: false,
});
const source = bundled.outputFiles[0].text;
const { generatedContributions } = await import(
  `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`
);

const manifestPath = `${root}package.json`;
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
manifest.contributes = { ...manifest.contributes, ...generatedContributions() };
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
execFileSync(fileURLToPath(new URL("../../../node_modules/.bin/biome", import.meta.url)), [
  "format",
  "--write",
  manifestPath,
]);
console.log(`wrote ${manifestPath}`);
