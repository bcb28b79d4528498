import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ParsedFile, type Path } from "@kpi-as-code/core";
import { describe, expect, test } from "vitest";
import { parseYamlFast } from "../../src/parse/fast-yaml.js";
import { ACTIVATION_KPI, CHURN_KPI, VALID_PROJECT } from "../support/workspace-texts.js";

const fixturesRoot = join(import.meta.dirname, "../rules/fixtures");
const examplesRoot = join(import.meta.dirname, "../../../../examples");

function yamlFiles(root: string): { file: string; text: string }[] {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => /\.ya?ml$/.test(file) && !file.includes("node_modules"))
    .map((file) => ({ file, text: readFileSync(join(root, file), "utf8") }));
}

/** Every path to a key, sequence item or value in a parsed value, and a few that do not exist. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [[...prefix, "missing"]];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([...prefix, index], ...paths(item, [...prefix, index]));
    });
    found.push([...prefix, value.length]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value))
      found.push([...prefix, key], ...paths(item, [...prefix, key]));
  }
  return found;
}

/** A file the fast parser read locates every path where the yaml package's position tree does. */
function expectSamePositions(file: string, text: string): boolean {
  const value = parseYamlFast(text);
  if (value === undefined) return false;
  const fast = ParsedFile.fromFastParser(file, text, value);
  const tree = new ParsedFile(file, text);
  for (const path of paths(value)) {
    for (const target of ["key", "value"] as const) {
      expect(fast.locate(path, target), `${file} ${JSON.stringify(path)} ${target}`).toEqual(
        tree.locate(path, target),
      );
    }
  }
  return true;
}

describe("positions from the fast parser", () => {
  test("match the yaml tree on every path of every rule fixture and example", () => {
    let compared = 0;
    for (const { file, text } of [...yamlFiles(fixturesRoot), ...yamlFiles(examplesRoot)]) {
      if (expectSamePositions(file, text)) compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  test("match the yaml tree with CRLF line ends, a BOM, Unicode spaces, quotes and comments", () => {
    const texts = [VALID_PROJECT, ACTIVATION_KPI, CHURN_KPI].flatMap((text) => [
      text,
      text.replace(/\n/g, "\r\n"),
      `\ufeff${text}`,
      text.replace(/: /g, ":  ").replace(/\n/g, "  # note\n"),
    ]);
    texts.push(
      "'quoted key': \"v\\u00e9\"  # c\nlist:\n- a\u00a0\n- { k: 'x''y', \"q\": 1 }\n- [1, 'two',  3 ]\n- k: v\n  n:\n    - 1\nx: |\n  a\n",
    );
    for (const text of texts) expect(expectSamePositions("a.kpi.yaml", text)).toBe(true);
  });
});
