import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKpi, tempDir, writeWorkspace } from "../cli/run-cli.js";
import { kpiText } from "./hostile-repo.js";

/**
 * Table files outside the workspace need an allowance from whoever runs kpi (--allow-path or
 * KPI_ALLOW_PATHS), never from the repository.
 */
function workspaceWithOutsideTable(): { root: string; shared: string } {
  const top = tempDir("kpi-allow-");
  const shared = join(top, "shared");
  writeWorkspace({ "users.csv": "id\n1\n2\n3\n4\n" }, shared);
  const root = writeWorkspace(
    {
      "kpi.yaml": `project: allow
owners: { growth: { name: Growth } }
goals: { grow: { statement: Grow, owner: growth } }
sources:
  shared: { type: duckdb, tables: { users: "${join(shared, "users.csv")}" } }
`,
      "users_total.kpi.yaml": kpiText(
        "users_total",
        "n",
        "  n: { source: shared, from: users, aggregate: count }\n",
      ),
    },
    join(top, "kpis"),
  );
  return { root, shared };
}

function computedValue(args: string[], env: Record<string, string> = {}): number | null | undefined {
  const result = runKpi(["run", "--no-record", "--format", "json", ...args], { env });
  const [first] = JSON.parse(result.stdout).results as { value: number | null }[];
  return first?.value;
}

describe("--allow-path and KPI_ALLOW_PATHS", () => {
  it("refuses a table outside the workspace by default, untrusted or not", () => {
    const { root } = workspaceWithOutsideTable();
    expect(computedValue(["--dir", root])).toBeNull();
    expect(computedValue(["--dir", root, "--untrusted"])).toBeNull();
  });

  it("reads it when the folder is allowed on the command line or in the environment", () => {
    const { root, shared } = workspaceWithOutsideTable();
    expect(computedValue(["--dir", root, "--allow-path", shared])).toBe(4);
    expect(computedValue(["--dir", root, "--untrusted", "--allow-path", shared])).toBe(4);
    expect(computedValue(["--dir", root], { KPI_ALLOW_PATHS: shared })).toBe(4);
  });

  it("allows only the folders named: a sibling folder stays closed", () => {
    const { root, shared } = workspaceWithOutsideTable();
    expect(computedValue(["--dir", root, "--allow-path", join(shared, "..", "elsewhere")])).toBeNull();
  });
});
