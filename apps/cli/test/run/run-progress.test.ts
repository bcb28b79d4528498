import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createProgress, progressDelay } from "../../src/run-output/progress.js";
import { KPI_BIN, runKpi, tempDir } from "../cli/run-cli.js";

const EXAMPLE = join(import.meta.dirname, "../../../../examples/saas");
const ERASE_LINE = `${String.fromCharCode(27)}[K`;
const BAR = /\[[█░]{24}\] \d+\/\d+ [a-z_]+/;

// `script` (util-linux) runs the CLI on a pseudo-terminal, as a person at a terminal would.
describe.skipIf(!existsSync("/usr/bin/script"))("kpi run progress bar", () => {
  it("draws a bar on a terminal and clears it before the table", () => {
    const cwd = tempDir();
    const command = `${process.execPath} ${KPI_BIN} run --dir ${EXAMPLE} --no-record --today 2026-11-27`;
    const result = spawnSync("script", ["-qec", command, "/dev/null"], {
      cwd,
      encoding: "utf8",
      // Draw from the start: the example runs faster than the usual delay on a quick machine.
      env: { ...process.env, NO_COLOR: "1", COLUMNS: "", KPI_PROGRESS_DELAY_MS: "0" },
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(BAR);
    // The bar is erased (carriage return + erase line) before the table starts.
    const erased = result.stdout.lastIndexOf(`\r${ERASE_LINE}`);
    expect(erased).toBeGreaterThan(0);
    expect(result.stdout.slice(erased).replace(`\r${ERASE_LINE}`, "").trimStart()).toMatch(/^Status\s+KPI/);
  }, 150_000);

  it("stays out of pipes", () => {
    const result = runKpi(["run", "--dir", EXAMPLE, "--no-record", "--today", "2026-11-27"]);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(BAR);
    expect(result.stdout).toMatch(/^Status\s+KPI/);
  }, 150_000);
});

describe("the progress bar's delay", () => {
  it("draws only after the delay, which KPI_PROGRESS_DELAY_MS sets", () => {
    const written: string[] = [];
    const terminal = { isTTY: true, columns: 80, write: (text: string) => written.push(text) };
    let clock = 0;
    const progress = createProgress(terminal as unknown as NodeJS.WriteStream, () => clock, 400);
    progress.onProgress(1, 3, "arpu");
    clock = 399;
    progress.onProgress(2, 3, "cac");
    expect(written).toEqual([]);
    clock = 400;
    progress.onProgress(3, 3, "ltv");
    expect(written).toHaveLength(1);
    expect(progressDelay("0")).toBe(0);
    expect(progressDelay("1500")).toBe(1500);
    expect([progressDelay(undefined), progressDelay("soon"), progressDelay("-5")]).toEqual([400, 400, 400]);
  });
});
