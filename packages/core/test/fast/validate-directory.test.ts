import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type ValidationResult, validateDirectory } from "@kpi-as-code/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ACTIVATION_KPI, CHURN_KPI, TODAY, VALID_PROJECT } from "../support/workspace-texts.js";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "kpi-fast-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** Copies of the shared KPIs under new ids, with mistakes that exercise every path of the fast pipeline. */
function writeWorkspace(copies = 60): void {
  write("kpi.yaml", VALID_PROJECT);
  for (let i = 0; i < copies; i++) {
    const activation = ACTIVATION_KPI.replace("kpi: first_week_activation", `kpi: activation_${i}`);
    const churn = CHURN_KPI.replace("kpi: monthly_churn", `kpi: churn_${i}`);
    write(`team_${i % 4}/activation_${i}.kpi.yaml`, activation);
    write(`team_${i % 4}/churn_${i}.kpi.yaml`, churn);
  }
  const mistakes: Record<string, string> = {
    // syntax errors: the full parser must report them with positions
    "bad/tab.kpi.yaml": ACTIVATION_KPI.replace("  signups:\n", "  signups:\n\t"),
    "bad/duplicate.kpi.yaml": CHURN_KPI.replace("version: 1\n", "version: 1\nversion: 2\n"),
    "bad/unclosed.kpi.yaml": CHURN_KPI.replace("tags", "x").replace("cadence: monthly", "cadence: [monthly"),
    // clean YAML outside the fast subset: full parser, result cacheable
    "odd/anchor.kpi.yaml": CHURN_KPI.replace("owner: support", "owner: &who support\nx_owner: *who"),
    "odd/multiline.kpi.yaml": CHURN_KPI.replace("name: Monthly churn", "name: Monthly\n  churn"),
    // a value JSON cannot keep: never cached
    "odd/nan.kpi.yaml": CHURN_KPI.replace("value: 5,", "value: .nan,"),
    // schema and cross-file problems on the fast path
    "rules/unknown_owner.kpi.yaml": CHURN_KPI.replace("owner: support", "owner: nobody"),
    "rules/schema.kpi.yaml": CHURN_KPI.replace("cadence:", "cadense:"),
    "rules/duplicate_id.kpi.yaml": CHURN_KPI,
    "rules/binary.kpi.yaml": "kpi: x\0\n",
    // larger than the read buffer and than MAX_FILE_BYTES: read whole, refused before parsing
    "rules/huge.kpi.yaml": `kpi: huge\n${"# padding\n".repeat(120_000)}`,
  };
  for (const [file, text] of Object.entries(mistakes)) write(file, text);
}

/** The reference: every file through the full yaml parser, no cache. */
function reference(today = TODAY): Promise<ValidationResult> {
  return validateDirectory(root, { today, cache: false, fastParse: false });
}

function comparable(result: ValidationResult): unknown {
  return { files: result.files, diagnostics: result.diagnostics };
}

/**
 * Each call a new day: the last run's snapshot (validation-snapshot.test.ts) cannot answer, so the
 * run reads every file through the facts cache.
 */
let day = 16; // TODAY is the 15th
async function fullRunMatches(): Promise<void> {
  const today = `2026-11-${day++}`;
  expect(comparable(await validateDirectory(root, { today }))).toEqual(comparable(await reference(today)));
}

const factsDir = () => join(root, ".kpi", "cache", "facts");

describe("validateDirectory with the fast parser and the cache", () => {
  test("gives the same files and diagnostics with fast parsing and cache on or off", async () => {
    writeWorkspace();
    const expected = comparable(await reference());
    expect((expected as { diagnostics: unknown[] }).diagnostics.length).toBeGreaterThan(8);
    expect(comparable(await validateDirectory(root, { today: TODAY, cache: false }))).toEqual(expected);
    expect(comparable(await validateDirectory(root, { today: TODAY }))).toEqual(expected);
    // A first run leaves only the snapshot; the facts come with the first run it cannot answer.
    expect(existsSync(factsDir())).toBe(false);
    await fullRunMatches(); // writes the facts
    expect(readdirSync(factsDir()).length).toBeGreaterThan(0);
    await fullRunMatches(); // reads them
  });

  test("never serves a stale result after a file changes", async () => {
    writeWorkspace(10);
    await validateDirectory(root, { today: TODAY });
    await fullRunMatches();
    write(
      "team_1/churn_1.kpi.yaml",
      CHURN_KPI.replace("kpi: monthly_churn", "kpi: churn_1").replace("owner: support", "owner: ghost"),
    );
    write(
      "team_2/activation_2.kpi.yaml",
      ACTIVATION_KPI.replace("kpi: first_week_activation", "kpi: renamed"),
    );
    await fullRunMatches();
    const expected = comparable(await reference());
    expect(comparable(await validateDirectory(root, { today: TODAY }))).toEqual(expected);
    const rules = (expected as ValidationResult).diagnostics.filter(
      (d) => d.file === "team_1/churn_1.kpi.yaml",
    );
    expect(rules.map((d) => d.rule)).toContain("ownership/unknown-owner");
  });

  test("ignores a corrupt or foreign cache and rewrites it", async () => {
    writeWorkspace(10);
    await validateDirectory(root, { today: TODAY });
    await fullRunMatches();
    const shards = factsDir();
    const names = readdirSync(shards);
    writeFileSync(join(shards, names[0] as string), "{ not json");
    writeFileSync(join(shards, names[1] as string), JSON.stringify({ key: "another-version", entries: {} }));
    await fullRunMatches();
    await fullRunMatches();
    expect(readdirSync(shards).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  test("leaves no cache behind with cache: false", async () => {
    writeWorkspace(2);
    await validateDirectory(root, { today: TODAY, cache: false });
    expect(readdirSync(root)).not.toContain(".kpi");
  });
});
