import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { formatReport, type ValidationReport } from "../../src/formats/index.js";
import { emptyReport, sampleReport } from "./sample-report.js";

// The package resolves to the self-contained .NET binary for this platform;
// running it directly avoids the npm bin wrapper's `shell: true`.
const multitool: string = createRequire(import.meta.url)("@microsoft/sarif-multitool");
const workDir = mkdtempSync(join(tmpdir(), "kpi-sarif-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface MultitoolFinding {
  ruleId: string;
  level: string;
}

interface MultitoolResult {
  ruleId: string;
  ruleIndex?: number;
  level?: string;
}

// The multitool exits 0 even when a log is invalid, so its verdict is read
// from the SARIF log it writes with --output, not from the exit code alone.
async function validateWithMultitool(logs: Record<string, string>) {
  const inputs = Object.entries(logs).map(([name, sarif]) => {
    const input = join(workDir, `${name}.sarif`);
    writeFileSync(input, sarif);
    return input;
  });
  const output = join(workDir, "validation.sarif");
  await promisify(execFile)(
    multitool,
    ["validate", ...inputs, "--output", output, "--log", "ForceOverwrite"],
    {
      // Invariant globalization: the binary then needs no ICU library on the machine.
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1" },
    },
  );
  const run = JSON.parse(readFileSync(output, "utf8")).runs[0];
  // A result without `level` takes its rule's default level, and SARIF's default is "warning".
  const findings: MultitoolFinding[] = (run.results ?? []).map((result: MultitoolResult) => ({
    ruleId: result.ruleId,
    level:
      result.level ??
      run.tool.driver.rules?.[result.ruleIndex ?? -1]?.defaultConfiguration?.level ??
      "warning",
  }));
  return { findings, executionSuccessful: run.invocations[0].executionSuccessful };
}

const sarifOf = (report: ValidationReport, pathPrefix?: string) =>
  formatReport("sarif", report, { color: false, pathPrefix });

describe("SARIF Multitool validation", () => {
  it("accepts our logs without errors or warnings", { timeout: 120_000 }, async () => {
    const result = await validateWithMultitool({
      sample: sarifOf(sampleReport()),
      empty: sarifOf(emptyReport()),
      prefixed: sarifOf(sampleReport(), "examples/saas"),
    });

    expect(result.executionSuccessful).toBe(true);
    expect(result.findings.filter((finding) => finding.level === "error")).toEqual([]);
    expect(result.findings.filter((finding) => finding.level === "warning")).toEqual([]);
  });

  it("would catch an invalid log", { timeout: 120_000 }, async () => {
    const broken = JSON.parse(sarifOf(sampleReport()));
    delete broken.runs[0].tool.driver.name;

    const result = await validateWithMultitool({ broken: JSON.stringify(broken) });

    expect(result.findings.some((finding) => finding.level === "error")).toBe(true);
  });
});
