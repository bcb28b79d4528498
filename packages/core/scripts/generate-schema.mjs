#!/usr/bin/env node
// Writes packages/core/schema/*.json from the schema objects of the built package (run `npx tsc -b
// packages/core` first), then formats them with biome like every other file of the repository; and
// the standalone validators (src/schema/validators.generated.ts) compiled from the same objects.
// The test packages/core/test/schema/schema-files.test.ts fails when the files are stale; it can also
// rewrite them from the TypeScript source: UPDATE_SCHEMA=1 npx vitest run packages/core/test/schema
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { kpiSchema, projectSchema, renderSchemaFile, SCHEMA_FILES } from "../dist/index.js";
import { renderValidators, VALIDATORS_FILE } from "./standalone-validators.mjs";

const schemaDir = fileURLToPath(new URL("../schema/", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const packageRoot = fileURLToPath(new URL("../", import.meta.url));

mkdirSync(schemaDir, { recursive: true });
const paths = SCHEMA_FILES.map(({ file, schema }) => {
  const path = `${schemaDir}${file}`;
  writeFileSync(path, renderSchemaFile(schema));
  return path;
});
execFileSync(`${repoRoot}node_modules/.bin/biome`, ["format", "--write", ...paths], {
  cwd: repoRoot,
  stdio: "inherit",
});
for (const path of paths) console.log(`wrote ${path}`);
const validatorsPath = `${packageRoot}${VALIDATORS_FILE}`;
writeFileSync(validatorsPath, renderValidators({ kpi: kpiSchema, project: projectSchema }));
console.log(`wrote ${validatorsPath}`);
