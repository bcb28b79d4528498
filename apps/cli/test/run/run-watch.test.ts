import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KPI_BIN, tempDir } from "../cli/run-cli.js";

async function until(done: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting for output");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("kpi run --watch", () => {
  it("re-runs only the KPI whose file changed, then every KPI of a changed data file", async () => {
    const root = join(tempDir(), "shop");
    spawnSync(process.execPath, [KPI_BIN, "init", root, "--today", "2026-11-27"]);
    const child = spawn(
      process.execPath,
      [KPI_BIN, "run", "--watch", "--no-record", "--dir", root, "--today", "2026-11-27", "--format", "json"],
      { env: { ...process.env, NO_COLOR: "1" } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await until(() => stderr.includes("Watching"));
      expect(stdout).toContain('"kpi": "refund_rate"');

      const kpiFile = join(root, "kpis", "refund_rate.kpi.yaml");
      writeFileSync(kpiFile, readFileSync(kpiFile, "utf8").replace("name: Refund rate", "name: Refunds"));
      await until(() => stdout.includes("re-running refund_rate\n"));

      appendFileSync(join(root, "data", "orders.csv"), "99999,1,2026-10-15 10:00:00,50.00,false,true,web\n");
      await until(() => /re-running average_order_value, refund_rate, repeat_purchase_rate\n/.test(stdout));
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
