import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type ValidationResult, validateDirectory } from "@kpi-as-code/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ACTIVATION_KPI, CHURN_KPI, TODAY, VALID_PROJECT } from "../support/workspace-texts.js";

/*
 * validateDirectory keeps the last run's findings in .kpi/cache/validation.bin and, in the next
 * process, reads only the files whose stamps changed. Whatever the edit, its answer must be the one a
 * full validation gives; `reused` tells how much it took from the snapshot.
 */

let root: string;
/** Files get modification times in the past, so that none is "racy" (see RACY_MS_*) unless a test wants it. */
let clock = Date.now() / 1000 - 3_600;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "kpi-snapshot-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  clock += 1;
  utimesSync(path, clock, clock);
}

function read(file: string): string {
  return readFileSync(join(root, file), "utf8");
}

const KPIS = {
  "a/activation_0.kpi.yaml": ACTIVATION_KPI.replace("kpi: first_week_activation", "kpi: activation_0"),
  "a/activation_1.kpi.yaml": ACTIVATION_KPI.replace("kpi: first_week_activation", "kpi: activation_1"),
  "b/churn_0.kpi.yaml": CHURN_KPI.replace("kpi: monthly_churn", "kpi: churn_0"),
  // cross-file findings (unknown owner, a formula naming a KPI that does not exist) that must move
  // when text above them changes
  "b/churn_1.kpi.yaml": CHURN_KPI.replace("kpi: monthly_churn", "kpi: churn_1")
    .replace("owner: support", "owner: nobody")
    .replace(
      'formula: "100 * cancelled / max(customers, 1)"',
      'formula: "100 * cancelled / max(customerz, 1)"',
    ),
  // two files sharing an id: file-local rules see both
  "c/twin.kpi.yaml": CHURN_KPI.replace("kpi: monthly_churn", "kpi: twin"),
  "d/twin.kpi.yaml": CHURN_KPI.replace("kpi: monthly_churn", "kpi: twin").replace("version: 1", "version: 2"),
};
const FILES = Object.keys(KPIS);

function writeWorkspace(): void {
  write("kpi.yaml", VALID_PROJECT);
  for (const [file, text] of Object.entries(KPIS)) write(file, text);
}

function reference(): Promise<ValidationResult> {
  return validateDirectory(root, { today: TODAY, cache: false });
}

function comparable(result: ValidationResult): unknown {
  return { files: result.files, diagnostics: result.diagnostics };
}

async function expectSameAsFull(): Promise<number> {
  const result = await validateDirectory(root, { today: TODAY });
  expect(comparable(result)).toEqual(comparable(await reference()));
  return result.reused;
}

describe("validateDirectory's snapshot", () => {
  test("answers an unchanged workspace from the snapshot alone", async () => {
    writeWorkspace();
    expect(await expectSameAsFull()).toBe(0);
    expect(statSync(join(root, ".kpi/cache/validation.bin")).size).toBeGreaterThan(0);
    expect(await expectSameAsFull()).toBe(FILES.length + 1);
    const result = await validateDirectory(root, { today: TODAY });
    expect(result.diagnostics.map((d) => d.rule)).toContain("ownership/unknown-owner");
    // The workspace is built when it is read, from the files as they are.
    expect(result.workspace.kpis.map((entry) => entry.file)).toEqual([...FILES].sort());
  });

  test("rechecks only an edited file whose cross-file facts stay, moving its findings", async () => {
    writeWorkspace();
    await expectSameAsFull();
    write("b/churn_1.kpi.yaml", `# a comment\n# and another\n${read("b/churn_1.kpi.yaml")}`);
    expect(await expectSameAsFull()).toBe(FILES.length);
    const moved = (await validateDirectory(root, { today: TODAY })).diagnostics.find(
      (d) => d.rule === "ownership/unknown-owner",
    );
    expect(moved?.line).toBe(7);
    write("b/churn_1.kpi.yaml", read("b/churn_1.kpi.yaml").replace("name: Monthly churn", "name: Churn"));
    expect(await expectSameAsFull()).toBe(FILES.length);
  });

  test("reruns the file-local rules of the files sharing an edited file's id", async () => {
    writeWorkspace();
    await expectSameAsFull();
    write("c/twin.kpi.yaml", read("c/twin.kpi.yaml").replace("value: 5,", "value: 6,"));
    expect(await expectSameAsFull()).toBe(FILES.length);
  });

  test("validates in full when the cross-file facts, the file set, kpi.yaml or the day change", async () => {
    writeWorkspace();
    await expectSameAsFull();
    write(
      "a/activation_0.kpi.yaml",
      read("a/activation_0.kpi.yaml").replace("owner: growth", "owner: ghost"),
    );
    expect(await expectSameAsFull()).toBe(0);
    write("e/new.kpi.yaml", CHURN_KPI.replace("kpi: monthly_churn", "kpi: new_one"));
    expect(await expectSameAsFull()).toBe(0);
    unlinkSync(join(root, "e/new.kpi.yaml"));
    expect(await expectSameAsFull()).toBe(0);
    write("kpi.yaml", VALID_PROJECT.replace("  support: { name: Customer support }\n", ""));
    expect(await expectSameAsFull()).toBe(0);
    const tomorrow = await validateDirectory(root, { today: "2026-11-16" });
    expect(tomorrow.reused).toBe(0);
    expect(comparable(tomorrow)).toEqual(
      comparable(await validateDirectory(root, { today: "2026-11-16", cache: false })),
    );
  });

  test("sees an edit that keeps the size and the modification time", async () => {
    writeWorkspace();
    await expectSameAsFull();
    const path = join(root, "b/churn_0.kpi.yaml");
    const { mtime } = statSync(path);
    writeFileSync(path, read("b/churn_0.kpi.yaml").replace("owner: support", "owner: suppor_"));
    utimesSync(path, mtime, mtime);
    expect(await expectSameAsFull()).toBe(0);
  });

  test("reads again a file modified about when it was last read", async () => {
    writeWorkspace();
    const path = join(root, "a/activation_1.kpi.yaml");
    const soon = Date.now() / 1000 + 30.5;
    utimesSync(path, soon, soon); // racy: not older than the run that reads it
    await expectSameAsFull();
    expect(await expectSameAsFull()).toBe(FILES.length); // read and hashed again, found unchanged
    expect(await expectSameAsFull()).toBe(FILES.length); // still racy: its stamp proves nothing yet
    writeFileSync(path, read("a/activation_1.kpi.yaml").replace("owner: growth", "owner: growtH"));
    utimesSync(path, soon, soon);
    expect(await expectSameAsFull()).toBe(0);
  });

  test("trusts a fine modification time sooner than a whole second, which may be a coarse one", async () => {
    writeWorkspace();
    const path = join(root, "a/activation_1.kpi.yaml");
    const second = Math.ceil(Date.now() / 1000); // a whole second, within 2 s of the runs below
    utimesSync(path, second, second);
    await expectSameAsFull();
    expect(await expectSameAsFull()).toBe(FILES.length);
    const fine = Math.floor(Date.now() / 1000) - 0.5; // 50 ms is enough for a file system with fine times
    utimesSync(path, fine, fine);
    await expectSameAsFull();
    expect(await expectSameAsFull()).toBe(FILES.length + 1);
  });

  test("ignores a corrupt snapshot and one written by another version", async () => {
    writeWorkspace();
    await expectSameAsFull();
    const snapshot = join(root, ".kpi/cache/validation.bin");
    writeFileSync(snapshot, "not a snapshot");
    expect(await expectSameAsFull()).toBe(0);
    const bytes = readFileSync(snapshot);
    writeFileSync(snapshot, bytes.subarray(0, bytes.length / 2));
    expect(await expectSameAsFull()).toBe(0);
    expect(await expectSameAsFull()).toBe(FILES.length + 1);
  });

  test("writes no snapshot without the cache, with a git base or for some files only", async () => {
    writeWorkspace();
    await validateDirectory(root, { today: TODAY, cache: false });
    await validateDirectory(root, { today: TODAY, onlyFiles: new Set(["kpi.yaml"]) });
    expect(() => statSync(join(root, ".kpi/cache/validation.bin"))).toThrow();
  });

  /** Edits of every kind the rules care about, each a function of the file's text. */
  const EDITS: ((text: string, n: number) => string)[] = [
    (text, n) => text.replace(/^name: .*$/m, `name: Edited ${n}`),
    (text, n) => `# edit ${n}\n${text}`,
    (text) => text.replace(/^owner: \w+$/m, "owner: nobody"),
    (text) => text.replace(/^owner: \w+$/m, "owner: growth"),
    (text) => text.replace(/^goal: \w+$/m, "goal: no_such_goal"),
    (text) => text.replace(/^goal: \w+$/m, "goal: grow_active_customers"),
    (text) => text.replace(/^indicator: \w+$/m, "indicator: leading"),
    (text) => text.replace(/^indicator: \w+$/m, "indicator: lagging"),
    (text) => text.replace(/^core: true$/m, "core: false"),
    (text) => text.replace(/^kpi: \w+$/m, "kpi: twin"),
    (text) => text.replace(/^formula: .*$/m, "formula: activation_0 / churn_0"),
    (text) => text.replace(/^formula: .*$/m, "formula: activated / signups"),
    (text) => text.replace(/^version: \d+$/m, "version: 7"),
    (text) => text.replace(/^cadence: \w+$/m, "cadence: hourly"),
    (text) => text.replace("source: app", "source: nowhere"),
    (text) => text.replace("\n", "\n\t"),
    (text) => text.replace("\t", ""),
    (text) => `${text}extra_field: 1\n`,
    (text) => text,
  ];

  test("gives the full validation's answer after any sequence of edits", async () => {
    writeWorkspace();
    await expectSameAsFull();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...FILES), fc.nat(EDITS.length - 1)), {
          minLength: 1,
          maxLength: 3,
        }),
        async (edits) => {
          for (const [file, edit] of edits)
            write(file, (EDITS[edit] as (t: string, n: number) => string)(read(file), n++));
          await expectSameAsFull();
        },
      ),
      { numRuns: 60 },
    );
  });
});
