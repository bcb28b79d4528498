import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Core's folders form layers, lowest first: a file may import from its own folder and the folders
 * before it, never after (so no cycles). `index.ts` at the root exports the whole package.
 */
const LAYERS = [
  "registry",
  "document",
  "parse",
  "formula",
  "schema",
  "model",
  "rules",
  "validate",
  "format",
  "docs",
];

const SRC = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("core's folders", () => {
  it("are the known layers", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !LAYERS.includes(folder))).toEqual([]);
  });

  it("import only their own layer and the layers below", () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const path = relative(SRC, file);
      const folder = path.split("/")[0] as string;
      if (!LAYERS.includes(folder)) continue; // index.ts
      for (const match of readFileSync(file, "utf8").matchAll(/from "\.\.\/([a-z-]+)\//g)) {
        const target = match[1] as string;
        if (!LAYERS.includes(target) || LAYERS.indexOf(target) > LAYERS.indexOf(folder))
          upward.push(`${path} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
