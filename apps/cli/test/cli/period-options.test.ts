import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi } from "./run-cli.js";

const EXAMPLE = join(import.meta.dirname, "../../../../examples/saas");

describe("period options of run, explain and report", () => {
  const commands = [["run"], ["explain", "cac"], ["report", "--out", "/dev/null"]];
  const bad = [
    ["--from", "2026-10-01"],
    ["--from", "2026-11-01", "--to", "2026-10-01"],
    ["--period", "2026-10", "--from", "2026-10-01", "--to", "2026-11-01"],
  ];
  for (const command of commands) {
    for (const args of bad.filter((a) => command[0] !== "report" || !a.includes("--period"))) {
      it(`kpi ${command[0]} ${args.join(" ")} exits 2 with one line`, () => {
        const result = runKpi([...command, "--dir", EXAMPLE, ...args]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
      });
    }
  }
});
