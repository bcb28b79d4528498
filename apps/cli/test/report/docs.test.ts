import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderDocs } from "@kpi-as-code/report";
import { loadWorkspace } from "@kpi-as-code/runner";
import { describe, expect, it } from "vitest";
import { writeDocs } from "../../src/commands/docs.js";
import { tempDir, writeWorkspace } from "../cli/run-cli.js";

const REPO = resolve(import.meta.dirname, "../../../..");
const EXAMPLES = ["saas", "ecommerce", "support"] as const;

describe.each(EXAMPLES)("kpi docs for examples/%s", (example) => {
  it("writes an index, a page per goal and a page per KPI, as in the committed snapshots", async () => {
    const out = tempDir("kpi-docs-");
    expect(await writeDocs({ dir: join(REPO, "examples", example), out })).toBe(0);
    const workspace = await loadWorkspace(join(REPO, "examples", example));
    const kpis = workspace.kpis.map((entry) => `${entry.id}.md`).sort();
    expect(readdirSync(join(out, "kpis")).sort()).toEqual(kpis);
    expect(readdirSync(join(out, "goals")).sort()).toEqual(
      Object.keys(workspace.goals)
        .map((g) => `${g}.md`)
        .sort(),
    );
    for (const page of [
      "index.md",
      ...kpis.map((kpi) => `kpis/${kpi}`),
      ...readdirSync(join(out, "goals")).map((g) => `goals/${g}`),
    ]) {
      await expect(readFileSync(join(out, page), "utf8")).toMatchFileSnapshot(
        join("__snapshots__", "docs", example, page),
      );
    }
  });
});

describe("kpi docs", () => {
  it("is deterministic: the same workspace gives the same pages", async () => {
    const workspace = await loadWorkspace(join(REPO, "examples", "saas"));
    expect(renderDocs(workspace)).toEqual(renderDocs(await loadWorkspace(join(REPO, "examples", "saas"))));
  });

  it("removes pages of deleted KPIs from its own output, never from a folder it did not write", async () => {
    const root = writeWorkspace({
      "kpi.yaml": "project: p\nowners: { a: { name: A } }\ngoals: { g: { statement: S } }\n",
      "x.kpi.yaml": [
        "kpi: x",
        "version: 1",
        "name: X",
        "description: d",
        "owner: a",
        "goal: g",
        "indicator: leading",
        "direction: increase",
        "cadence: monthly",
        "formula: y",
        "",
      ].join("\n"),
    });
    const out = tempDir("kpi-docs-");
    writeFileSync(join(out, "index.md"), "# my own docs\n");
    writeWorkspace({ "kpis/mine.md": "mine" }, out);
    await writeDocs({ dir: root, out });
    expect(existsSync(join(out, "kpis", "mine.md"))).toBe(true);
    writeWorkspace({ "kpis/old.md": "old" }, out);
    await writeDocs({ dir: root, out });
    expect(existsSync(join(out, "kpis", "old.md"))).toBe(false);
    expect(existsSync(join(out, "kpis", "x.md"))).toBe(true);
  });
});
