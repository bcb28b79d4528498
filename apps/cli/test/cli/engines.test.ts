import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../../../..");
const NODE_RANGE = ">=20.19";
// npm's own range checker (a dependency of npm's tooling in the tree), so the test judges as npm does.
const semver = createRequire(import.meta.url)("semver") as {
  satisfies(version: string, range: string): boolean;
};

/** The lowest release of each line the project supports: 20 still works, 22 and 24 are maintained. */
const SUPPORTED_NODES = ["20.19.0", "22.13.0", "24.0.0"];

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function workspacePackages(): string[] {
  return ["apps", "packages"].flatMap((folder) =>
    readdirSync(join(REPO, folder)).map((name) => join(folder, name, "package.json")),
  );
}

describe("supported Node.js versions", () => {
  it("declares the same engines.node in every package.json", () => {
    for (const file of ["package.json", ...workspacePackages()]) {
      const engines = readJson(join(REPO, file)).engines as Record<string, string> | undefined;
      expect({ file, node: engines?.node }).toEqual({ file, node: NODE_RANGE });
    }
  });

  it("installs no dependency whose engines exclude a supported Node.js (npm would warn EBADENGINE)", () => {
    const lock = readJson(join(REPO, "package-lock.json")) as {
      packages: Record<string, { engines?: { node?: string }; optional?: boolean }>;
    };
    const excluded: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = entry.engines?.node;
      // Optional platform bindings (wasm fallbacks) are skipped by npm where they do not fit.
      if (!range || entry.optional) continue;
      for (const version of SUPPORTED_NODES) {
        if (!semver.satisfies(version, range)) excluded.push(`${path} (${range}) excludes node ${version}`);
      }
    }
    expect(excluded).toEqual([]);
  });
});
