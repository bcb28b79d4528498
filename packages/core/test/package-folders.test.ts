import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * In every package and app, the top-level parts of `src/` (each folder, and each file outside a
 * folder) import one another without cycles: layers import only downward, inside a package too.
 * The root `index.ts` (and an app's entry `bin.ts`/`extension.ts`) re-export or wire everything
 * and are left out. Core's own order is pinned by layers.test.ts.
 */
const REPO = resolve(import.meta.dirname, "../../..");
const ENTRIES = new Set(["index", "bin", "extension"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The top-level part of `src` a path belongs to: its first folder, or its file name without extension. */
const partOf = (src: string, path: string) =>
  (relative(src, path).split("/")[0] ?? "").replace(/\.[jt]sx?$/, "");

/** Each part's imports of other parts. */
function partGraph(src: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = partOf(src, file);
    if (ENTRIES.has(from)) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, "utf8").matchAll(/(?:from|import\() ?"(\.{1,2}\/[^"]+)"/g)) {
      const target = resolve(dirname(file), match[1] as string);
      if (relative(src, target).startsWith("..")) continue;
      const to = partOf(src, target);
      if (to !== from && !ENTRIES.has(to)) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle found by a depth-first walk, as `a -> b -> a`. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const walk = (node: string, path: string[]) => {
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open")
        found.push([...path.slice(path.indexOf(next)), node, next].join(" -> "));
      else if (!state.has(next)) walk(next, [...path, node]);
    }
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) walk(node, []);
  return found;
}

const PACKAGES = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(REPO, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`),
);

describe("the folders inside each package", () => {
  it.each(PACKAGES)("%s: import one another without cycles", (pkg) => {
    expect(cycles(partGraph(join(REPO, pkg, "src")))).toEqual([]);
  });

  it("would see a cycle (the check itself)", () => {
    const graph = new Map([
      ["plan", new Set(["previous"])],
      ["previous", new Set(["plan", "periods"])],
      ["periods", new Set<string>()],
    ]);
    expect(cycles(graph)).toEqual(["plan -> previous -> plan"]);
  });
});
