// The generator must be deterministic, and the committed data must be what
// it generates. CSV is compared byte for byte. Parquet is compared by content:
// its bytes are reproducible with one DuckDB version (checked between two
// runs here), but a DuckDB upgrade may change the encoding, not the data.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_NAMES, examplesDir } from "./workspace.js";

const run = promisify(execFile);

async function dataFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of EXAMPLE_NAMES) {
    for (const file of await readdir(join(root, name, "data"))) files.push(join(name, "data", file));
  }
  return files.sort();
}

/** Rows of `a` missing from `b` or the other way round, with duplicates counted; 0 means same content. */
async function parquetDifference(a: string, b: string): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const file = (path: string) => `read_parquet('${path.replaceAll("'", "''")}')`;
  try {
    const reader = await connection.runAndReadAll(`
      SELECT (SELECT count(*) FROM (FROM ${file(a)} EXCEPT ALL FROM ${file(b)}))
           + (SELECT count(*) FROM (FROM ${file(b)} EXCEPT ALL FROM ${file(a)}))`);
    return Number(reader.getRows()[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("examples/generate.mjs", () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    first = await mkdtemp(join(tmpdir(), "kpi-examples-first-"));
    second = await mkdtemp(join(tmpdir(), "kpi-examples-second-"));
    const generator = join(examplesDir, "generate.mjs");
    await run(process.execPath, [generator, first]);
    await run(process.execPath, [generator, second]);
  }, 120_000);
  afterAll(async () => {
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  });

  it("writes the same bytes on every run", async () => {
    const files = await dataFiles(first);
    expect(files.length).toBeGreaterThan(0);
    expect(await dataFiles(second)).toEqual(files);
    for (const file of files) {
      expect((await readFile(join(second, file))).equals(await readFile(join(first, file))), file).toBe(true);
    }
  });

  it("writes exactly the data files that are committed, with the same content", async () => {
    const files = await dataFiles(first);
    expect(await dataFiles(examplesDir)).toEqual(files);
    for (const file of files) {
      const committed = join(examplesDir, file);
      const generated = join(first, file);
      if (file.endsWith(".parquet")) {
        expect(await parquetDifference(committed, generated), file).toBe(0);
      } else {
        expect((await readFile(committed)).equals(await readFile(generated)), file).toBe(true);
      }
    }
  });

  it("keeps the data of all examples under 3 MB and mixes CSV with Parquet", async () => {
    const files = await dataFiles(examplesDir);
    let total = 0;
    for (const file of files) total += (await stat(join(examplesDir, file))).size;
    expect(total).toBeLessThan(3 * 1024 * 1024);
    expect(files.some((file) => file.endsWith(".csv"))).toBe(true);
    expect(files.some((file) => file.endsWith(".parquet"))).toBe(true);
  });
});
