// Generates the data files of the three example workspaces.
//
//   node examples/generate.mjs            writes examples/<name>/data/*
//   node examples/generate.mjs OUT_DIR    writes OUT_DIR/<name>/data/* (used by the tests)
//
// Every example draws from its own seeded stream, so the output is the same
// bytes on every run and changing one example never shifts another's data.
import { mkdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateEcommerce } from "./generator/ecommerce.mjs";
import { createRandom } from "./generator/random.mjs";
import { generateSaas } from "./generator/saas.mjs";
import { generateSupport } from "./generator/support.mjs";

import { writeTable } from "./generator/tables.mjs";

const EXAMPLES = { saas: generateSaas, ecommerce: generateEcommerce, support: generateSupport };

const examplesDir = dirname(fileURLToPath(import.meta.url));
const outputRoot = resolve(process.argv[2] ?? examplesDir);

// One thread keeps DuckDB's Parquet output byte-for-byte reproducible.
const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
const connection = await instance.connect();
try {
  for (const [name, generate] of Object.entries(EXAMPLES)) {
    const dataDir = join(outputRoot, name, "data");
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const tables = generate(createRandom(name));
    for (const [file, table] of Object.entries(tables)) {
      await writeTable(connection, join(dataDir, file), table);
      console.log(`${name}/data/${file}: ${table.rows.length} rows`);
    }
  }
} finally {
  connection.closeSync();
  instance.closeSync();
}
