import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

// The package resolves to the self-contained .NET binary for this platform;
// running it directly avoids the npm bin wrapper's `shell: true`.
const multitool: string = createRequire(import.meta.url)("@microsoft/sarif-multitool");

export interface MultitoolFinding {
  ruleId: string;
  level: string;
}

interface MultitoolResult {
  ruleId: string;
  ruleIndex?: number;
  level?: string;
}

/**
 * Validates SARIF logs with the SARIF Multitool. It exits 0 even when a log is invalid, so its
 * verdict is read from the SARIF log it writes with --output, not from the exit code alone.
 */
export async function validateWithMultitool(logs: Record<string, string>) {
  const workDir = mkdtempSync(join(tmpdir(), "kpi-sarif-"));
  try {
    return await validateIn(workDir, logs);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function validateIn(workDir: string, logs: Record<string, string>) {
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
  return { findings, executionSuccessful: run.invocations[0].executionSuccessful as boolean };
}
