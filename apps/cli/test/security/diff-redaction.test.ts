import { describe, expect, it } from "vitest";
import { runKpi } from "../cli/run-cli.js";
import { commit, PROJECT, repository } from "../diff/git-repo.js";

const SECRET = "Hx7-secret";

/** kpi.yaml with one more source whose options are `options`. */
function withWarehouse(options: string): string {
  return PROJECT.replace("sources:\n", `sources:\n  warehouse: { type: postgres, ${options} }\n`);
}

describe("kpi diff never prints a credential", () => {
  // The four forms issue #17 found in clear, each in the pull request's kpi.yaml.
  const forms = [
    `url: "postgres://reader:${SECRET}/x@db.example/shop"`,
    `url: "postgres://reader:${SECRET}@x@db.example/shop"`,
    `url: "postgres://reader:${SECRET} x y@db.example/shop"`,
    `dsn: "host=db.example user=reader password=${SECRET} dbname=shop"`,
  ];

  it("in markdown and JSON, for every form", () => {
    const { repo, root } = repository();
    for (const options of forms) {
      commit(repo, { "kpi.yaml": withWarehouse('url: "postgres://db.example/shop"') }, "base");
      commit(repo, { "kpi.yaml": withWarehouse(options) }, options);
      for (const format of ["markdown", "json"]) {
        const result = runKpi([
          "diff",
          "--dir",
          root,
          "--base",
          "HEAD~1",
          "--head",
          "HEAD",
          "--format",
          format,
        ]);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("warehouse");
        expect(result.stdout + result.stderr).not.toContain(SECRET);
      }
    }
  });
});
