import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KPI_BIN, tempDir } from "./run-cli.js";

/** Resolves when `read()` satisfies `done`, polling; rejects after `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting for output");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("kpi validate --watch", () => {
  it("reprints only the file whose diagnostics changed, and exits 0 on SIGINT", async () => {
    const root = join(tempDir(), "shop");
    const init = spawn(process.execPath, [KPI_BIN, "init", root]);
    await new Promise((resolve) => init.on("exit", resolve));

    const child = spawn(process.execPath, [KPI_BIN, "validate", "--watch", "--dir", root], {
      env: { ...process.env, NO_COLOR: "1" },
    });
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
      expect(stdout).toContain("no problems");

      const file = join(root, "kpis", "refund_rate.kpi.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("owner: operations", "owner: operatons"));
      await until(() => /refund_rate\.kpi\.yaml:\d+:\d+ error ownership\/unknown-owner/.test(stdout));
      expect(stdout).toContain("1 file(s) changed: kpis/refund_rate.kpi.yaml");
      const afterChange = stdout.slice(stdout.indexOf("changed:"));
      expect(afterChange).not.toContain("average_order_value.kpi.yaml");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });
});
