import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  analyzeFile,
  buildWorkspace,
  type Diagnostic,
  IncrementalValidation,
  readWorkspaceSources,
  validateFiles,
  type Workspace,
} from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

/*
 * The editor's incremental validation must report exactly what a full `validateFiles` reports for
 * the same files, after any sequence of edits. Every rule fixture workspace is edited in ways that
 * move findings between files (unknown goal, duplicate id, formula reference, broken syntax,
 * deletion, a new twin file) and compared with a fresh full validation after each step.
 */

const TODAY = "2026-11-27";
const RULES_TESTS = fileURLToPath(new URL("../rules/", import.meta.url));

function workspaceDirs(): string[] {
  const dirs: string[] = [];
  for (const group of ["fixtures", "workspaces"]) {
    for (const name of readdirSync(join(RULES_TESTS, group))) {
      const inner = join(RULES_TESTS, group, name);
      if (group === "workspaces") dirs.push(inner);
      else for (const example of readdirSync(inner)) dirs.push(join(inner, example));
    }
  }
  return dirs;
}

function fullValidation(files: ReadonlyMap<string, string>): Map<string, Diagnostic[]> {
  const sources = [...files.keys()].sort().map((file) => ({ file, text: files.get(file) ?? "" }));
  const result = validateFiles(sources, { today: TODAY });
  const byFile = new Map<string, Diagnostic[]>(result.files.map((file) => [file, []]));
  for (const diagnostic of result.diagnostics) byFile.get(diagnostic.file)?.push(diagnostic);
  return byFile;
}

/** A workspace kept in step with `files` the way the language server keeps it. */
class EditedWorkspace {
  readonly validation = new IncrementalValidation({ today: TODAY });
  readonly model: Workspace;

  constructor(readonly files: Map<string, string>) {
    const sorted = [...files.keys()].sort();
    this.model = buildWorkspace(sorted.map((file) => analyzeFile({ file, text: files.get(file) ?? "" })));
  }

  set(file: string, text: string): void {
    this.files.set(file, text);
    const analyzed = analyzeFile({ file, text });
    if (analyzed?.kind === "kpi") this.model.setKpi(analyzed.entry);
  }

  delete(file: string): void {
    this.files.delete(file);
    this.model.removeKpi(file);
  }

  expectExact(): void {
    const incremental = this.validation.validate(this.model);
    expect([...incremental]).toEqual([...fullValidation(this.files)]);
  }
}

function kpiFiles(files: ReadonlyMap<string, string>): string[] {
  return [...files.keys()].filter((file) => file.endsWith(".kpi.yaml") || file.endsWith(".kpi.yml")).sort();
}

function idOf(text: string | undefined): string | undefined {
  return /^kpi: *([a-z][a-z0-9_]*)/m.exec(text ?? "")?.[1];
}

const EDITS: { name: string; edit: (text: string, otherId: string) => string }[] = [
  { name: "unknown goal", edit: (text) => text.replace(/^goal:.*$/m, "goal: no_such_goal") },
  {
    name: "formula naming another KPI",
    edit: (text, other) => text.replace(/^formula:.*$/m, `formula: ${other} + 1`),
  },
  { name: "id of another KPI", edit: (text, other) => text.replace(/^kpi:.*$/m, `kpi: ${other}`) },
  { name: "broken syntax", edit: (text) => `${text}\nbroken: [unclosed\n` },
  { name: "unknown owner", edit: (text) => text.replace(/^owner:.*$/m, "owner: nobody_here") },
];

describe("IncrementalValidation", () => {
  it.each(workspaceDirs())("matches full validation after each edit of %s", async (dir) => {
    const files = new Map(readWorkspaceSources(dir).map((source) => [source.file, source.text]));
    const edited = new EditedWorkspace(files);
    edited.expectExact();
    const kpis = kpiFiles(files);
    for (const [index, file] of kpis.entries()) {
      const original = files.get(file) ?? "";
      const otherId = idOf(files.get(kpis[(index + 1) % kpis.length] as string)) ?? "some_kpi";
      for (const { edit } of EDITS) {
        edited.set(file, edit(files.get(file) ?? "", otherId));
        edited.expectExact();
      }
      edited.set(file, original);
      edited.expectExact();
    }
    const [first] = kpis;
    if (first === undefined) return;
    const text = files.get(first) ?? "";
    edited.delete(first);
    edited.expectExact();
    edited.set("zz/twin.kpi.yaml", text);
    edited.expectExact();
    edited.set(first, text);
    edited.expectExact();
  });

  it("rechecks the unchanged twin of an edited KPI: measures are scoped by KPI id", async () => {
    const dir = join(RULES_TESTS, "workspaces", "clean");
    const files = new Map(readWorkspaceSources(dir).map((source) => [source.file, source.text]));
    const edited = new EditedWorkspace(files);
    const original = files.get("net_revenue.kpi.yaml") ?? "";
    // The twin's `refunded` counts as used only through the original's formula.
    edited.set("zz/twin.kpi.yaml", original.replace(/^formula:.*$/m, "formula: paid"));
    edited.expectExact();
    edited.set("net_revenue.kpi.yaml", original.replace(/^formula:.*$/m, "formula: paid"));
    edited.expectExact();
    expect(
      edited.validation
        .validate(edited.model)
        .get("zz/twin.kpi.yaml")
        ?.map((d) => d.rule),
    ).toContain("measurability/unused-measure");
  });

  it("hands out the same array for a file whose diagnostics did not change", async () => {
    const dir = workspaceDirs().find((candidate) => candidate.includes("workspaces")) as string;
    const files = new Map(readWorkspaceSources(dir).map((source) => [source.file, source.text]));
    const edited = new EditedWorkspace(files);
    const before = new Map(edited.validation.validate(edited.model));
    const [changed, unchanged] = kpiFiles(files);
    if (changed === undefined || unchanged === undefined) throw new Error("fixture needs two KPI files");
    edited.set(changed, (files.get(changed) ?? "").replace(/^goal:.*$/m, "goal: no_such_goal"));
    const after = edited.validation.validate(edited.model, [changed]);
    expect(after.get(unchanged)).toBe(before.get(unchanged));
    expect(after.get(changed)).not.toEqual(before.get(changed));
  });
});
