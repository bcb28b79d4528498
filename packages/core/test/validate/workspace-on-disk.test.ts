import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type ValidationResult, validateDirectory, WorkspaceOnDisk } from "@kpi-as-code/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIVATION_KPI, CHURN_KPI, TODAY, VALID_PROJECT } from "../support/workspace-texts.js";

/**
 * `kpi validate --watch` keeps the workspace in memory and re-reads only what changed; after any
 * sequence of changes on disk (edits, new files, deletions, kpi.yaml, a link out) it must answer
 * exactly what a one-shot validation of the same folder answers.
 */
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "kpi-on-disk-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

const comparable = (result: ValidationResult) => ({ files: result.files, diagnostics: result.diagnostics });

const FILES = ["kpis/a.kpi.yaml", "kpis/b.kpi.yaml", "c.kpi.yaml", "kpi.yaml"];
const TEXTS = [
  ACTIVATION_KPI,
  CHURN_KPI,
  ACTIVATION_KPI.replace("goal: grow_active_customers", "goal: nowhere"),
  CHURN_KPI.replace("owner: support", "owner: nobody"),
  `${CHURN_KPI}broken: [\n`,
  VALID_PROJECT,
  VALID_PROJECT.replace("support:", "helpdesk:"),
  "kpi: x\u00a0\n",
];
const change = fc.tuple(fc.constantFrom(...FILES), fc.oneof(fc.constantFrom(...TEXTS), fc.constant(null)));

describe("WorkspaceOnDisk", () => {
  it("answers after every change on disk what a one-shot validation answers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        rmSync(root, { recursive: true, force: true });
        mkdirSync(root);
        write("kpi.yaml", VALID_PROJECT);
        write("kpis/a.kpi.yaml", ACTIVATION_KPI);
        const onDisk = new WorkspaceOnDisk(root, { today: TODAY });
        onDisk.validate();
        for (const [file, text] of changes) {
          if (text === null) rmSync(join(root, file), { force: true });
          else write(file, text);
          const kept = onDisk.validate([file]);
          expect(comparable(kept)).toEqual(comparable(await validateDirectory(root, { today: TODAY })));
        }
      }),
      { numRuns: 25 },
    );
  });

  it("reads a new link out of the workspace through the trust boundary", async () => {
    write("kpi.yaml", VALID_PROJECT);
    const onDisk = new WorkspaceOnDisk(root, { today: TODAY });
    onDisk.validate();
    symlinkSync("/etc/passwd", join(root, "leak.kpi.yaml"));
    const rules = onDisk.validate(["leak.kpi.yaml"]).diagnostics.map((d) => [d.file, d.rule]);
    expect(rules).toContainEqual(["leak.kpi.yaml", "file/unreadable"]);
  });
});
