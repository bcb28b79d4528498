import { spawnSync } from "node:child_process";
import { closeSync, openSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KPI_BIN, tempDir, writeWorkspace } from "../cli/run-cli.js";

/**
 * Issue #17: `kpi validate` on hostile files stays under 500 MB. The child reports its own peak
 * resident memory (process.resourceUsage().maxRSS, in kB) as it exits.
 */
const REPORT_RSS =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("maxRSS="+process.resourceUsage().maxRSS+"\\n"))';

describe("kpi validate on hostile files", () => {
  it("stays under 500 MB and reports each file", () => {
    const root = writeWorkspace(
      {
        "kpi.yaml": "project: p\n",
        "many_keys.kpi.yaml": `${Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join("\n")}\n`,
        "bomb.kpi.yaml": `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(", ")}]`,
        ).join("\n")}\n`,
        "cycle.kpi.yaml": "a: &c [*c]\n",
        "deep.kpi.yaml": `deep: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`,
      },
      tempDir("kpi-memory-"),
    );
    symlinkSync("/dev/zero", join(root, "zero.kpi.yaml"));
    const huge = openSync(join(root, "huge.kpi.yaml"), "w");
    closeSync(huge);
    spawnSync("truncate", ["-s", "4G", join(root, "huge.kpi.yaml")]);
    writeFileSync(join(root, "long.kpi.yaml"), `name: ${"x".repeat(900_000)}\n`);
    const result = spawnSync(
      process.execPath,
      ["--import", REPORT_RSS, KPI_BIN, "validate", "--dir", root, "--format", "json"],
      { encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 26 },
    );
    expect(result.status).toBe(1);
    const files = new Set((JSON.parse(result.stdout).diagnostics as { file: string }[]).map((d) => d.file));
    for (const file of [
      "many_keys.kpi.yaml",
      "bomb.kpi.yaml",
      "cycle.kpi.yaml",
      "deep.kpi.yaml",
      "zero.kpi.yaml",
      "huge.kpi.yaml",
    ])
      expect(files, file).toContain(file);
    const rssKb = Number(/maxRSS=(\d+)/.exec(result.stderr)?.[1]);
    expect(rssKb).toBeGreaterThan(0);
    expect(rssKb).toBeLessThan(500 * 1024);
  });
});
