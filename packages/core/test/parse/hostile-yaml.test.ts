import { ParsedFile } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseYamlFast } from "../../src/parse/fast-yaml.js";

/*
 * Texts an attacker can put in a pull request (issue 17). Each must come back as a value or as
 * problems at their position, never as an exception, a hang or a crash of the process. No timing
 * is asserted: each case states the work done (what is accepted, what is found and where).
 */

function problems(text: string): { code: string; start: number }[] {
  return new ParsedFile("hostile.kpi.yaml", text).syntaxProblems.map(({ code, start }) => ({ code, start }));
}

const KEYS = 40_000;
const manyKeys = Array.from({ length: KEYS }, (_, i) => `key_${i}: ${i}\n`).join("");

describe("40,000 top-level keys (under 1 MB)", () => {
  it("are read by the fast parser, every key", () => {
    expect(manyKeys.length).toBeLessThan(1_000_000);
    const value = parseYamlFast(manyKeys) as Record<string, number>;
    expect(Object.keys(value)).toHaveLength(KEYS);
    expect(value[`key_${KEYS - 1}`]).toBe(KEYS - 1);
  });

  it("with the first key repeated last: one DUPLICATE_KEY, at the last key, as the yaml package reports it", () => {
    const text = `${manyKeys}key_0: again\n`;
    const last = text.lastIndexOf("key_0");
    expect(problems(text)).toEqual([{ code: "DUPLICATE_KEY", start: last }]);
  });

  it("are located through the fast parser's positions, each at its own line", () => {
    const file = ParsedFile.fromFastParser("many.kpi.yaml", manyKeys, parseYamlFast(manyKeys));
    const lineLength = (i: number) => `key_${i}: ${i}\n`.length;
    let offset = 0;
    for (let i = 0; i < KEYS; i++) {
      if (i % 997 === 0 || i === KEYS - 1) {
        expect(file.locate([`key_${i}`], "key")).toEqual({ start: offset, end: offset + `key_${i}`.length });
      }
      offset += lineLength(i);
    }
  });
});

describe("repeated keys", () => {
  it.each([
    ["block mapping", "a: 1\nb: 2\na: 3\n"],
    ["flow mapping", "m: { a: 1, b: 2, a: 3 }\n"],
    ["nested mapping", "m:\n  a: 1\n  a: 2\n"],
    ["quoted and plain spelling of one key", "a: 1\n'a': 2\n"],
    ["numbers equal in value", "1: a\n1.0: b\n"],
    ["two null keys", "~: a\nnull: b\n"],
  ])("in a %s: at the same place as the yaml package's own check", (_name, text) => {
    const reference = parseDocument(text, { uniqueKeys: true }).errors.filter(
      (e) => e.code === "DUPLICATE_KEY",
    );
    expect(reference.length).toBeGreaterThan(0);
    const found = problems(text).filter((problem) => problem.code === "DUPLICATE_KEY");
    expect(found.map((problem) => problem.start)).toEqual(reference.map((error) => error.pos[0]));
  });

  it("NaN keys never repeat, as in the yaml package", () => {
    expect(problems(".nan: a\n.NaN: b\n")).toEqual([]);
  });
});

describe("anchors and aliases", () => {
  it.each([
    ["a sequence that contains itself", "a: &c [*c]\n", "*c"],
    ["a mapping that contains itself", "a: &c { b: *c }\n", "*c"],
    ["a block mapping that contains itself", "a: &c\n  b:\n    - *c\n", "*c"],
  ])("%s: ALIAS_CYCLE at the alias, no value", (_name, text, alias) => {
    const file = new ParsedFile("cycle.kpi.yaml", text);
    expect(file.syntaxProblems.map(({ code, start }) => ({ code, start }))).toEqual([
      { code: "ALIAS_CYCLE", start: text.indexOf(alias) },
    ]);
    expect(file.value).toBeUndefined();
  });

  it("an alias with no anchor before it: UNRESOLVED_ALIAS at the alias", () => {
    const text = "a: *later\nb: &later 1\n";
    expect(problems(text)).toEqual([{ code: "UNRESOLVED_ALIAS", start: 3 }]);
  });

  it("a billion laughs: ALIAS_LIMIT at the first alias past 1,000 copied nodes", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level <= 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const text = `${lines.join("\n")}\n`;
    // a: 11 nodes; each *a copies 11, b copies 111 in all; each *b copies 111: the 9th `*b` crosses 1,000.
    const cLine = text.indexOf("c: &c [");
    let at = cLine;
    for (let i = 0; i < 9; i++) at = text.indexOf("*b", at + 1);
    expect(problems(text)).toEqual([{ code: "ALIAS_LIMIT", start: at }]);
  });

  it("40,000 aliases of one anchor: ALIAS_LIMIT at the 1,000th, no value", () => {
    const text = `a: &a x\n${Array.from({ length: 40_000 }, (_, i) => `k_${i}: *a\n`).join("")}`;
    const file = new ParsedFile("aliases.kpi.yaml", text);
    expect(file.syntaxProblems.map((problem) => problem.code)).toEqual(["ALIAS_LIMIT"]);
    expect(text.slice(file.syntaxProblems[0]?.start, (file.syntaxProblems[0]?.start ?? 0) + 2)).toBe("*a");
    expect(file.value).toBeUndefined();
  });

  it("a few aliases still read as the yaml package reads them", () => {
    const text = "base: &b { source: app, aggregate: count }\nm1: *b\nm2: *b\n";
    const file = new ParsedFile("ok.kpi.yaml", text);
    expect(file.syntaxProblems).toEqual([]);
    expect(file.value).toEqual(parseDocument(text).toJS());
  });
});

describe("nesting", () => {
  it("100,000 flow sequences (200 kB, which crashed the process in the yaml package): TOO_DEEP", () => {
    const text = `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    // At the 256th `[`: with the line's own level, the 257th level.
    expect(problems(text)).toEqual([{ code: "TOO_DEEP", start: 3 + 255 }]);
  });

  it("`? ` repeated 1,000 times (2 kB, minutes in the yaml package's toJS): TOO_DEEP", () => {
    const found = problems(`${"? ".repeat(1000)}x\n`);
    expect(found.map((problem) => problem.code)).toEqual(["TOO_DEEP"]);
  });

  it("`- ` repeated 100,000 times on one line: TOO_DEEP at the line", () => {
    expect(problems(`${"- ".repeat(100_000)}x\n`)).toEqual([{ code: "TOO_DEEP", start: 0 }]);
  });

  it("a block mapping 300 levels deep: TOO_DEEP at its deepest line", () => {
    const text = Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k:\n`).join("");
    const found = problems(text);
    expect(found.map((problem) => problem.code)).toEqual(["TOO_DEEP"]);
    expect(found[0]?.start).toBe(text.indexOf(`${" ".repeat(299)}k:`));
  });

  it("200 levels, beyond any KPI file but within the limit, still parse", () => {
    const text = `a: ${"[".repeat(200)}x${"]".repeat(200)}\n`;
    expect(problems(text)).toEqual([]);
  });
});

describe("values YAML reads as numbers or dates that are none", () => {
  it.each([
    ["a: .inf\n", ".inf"],
    ["a: -.Inf\n", "-.Inf"],
    ["a: .NaN\n", ".NaN"],
    ["a: 1e400\n", "1e400"],
    ["a: [1, -1e999]\n", "-1e999"],
    [`a: ${"9".repeat(400)}\n`, "9".repeat(400)],
  ])("%j: NON_FINITE at the number, and the fast parser steps aside", (text, number) => {
    expect(problems(text)).toEqual([{ code: "NON_FINITE", start: text.indexOf(number) }]);
    expect(parseYamlFast(text)).toBeUndefined();
  });

  it.each([
    ["by: 2026-02-30\n", "2026-02-30"],
    ["by: 2026-13-01\n", "2026-13-01"],
    ["by: 2026-04-31\n", "2026-04-31"],
    ["by: 2100-02-29\n", "2100-02-29"],
    ["by: '2026-00-10'\n", "'2026-00-10'"],
    ["at: { by: 2026-06-00 }\n", "2026-06-00"],
  ])("%j: BAD_DATE at the value, and the fast parser steps aside", (text, date) => {
    expect(problems(text)).toEqual([{ code: "BAD_DATE", start: text.indexOf(date) }]);
    expect(parseYamlFast(text)).toBeUndefined();
  });

  it("real dates, leap days included, are plain strings with no problem", () => {
    const text = "a: 2024-02-29\nb: 2000-02-29\nc: 2026-12-31\nd: 2026-02-28\n";
    expect(problems(text)).toEqual([]);
    expect(parseYamlFast(text)).toEqual({
      a: "2024-02-29",
      b: "2000-02-29",
      c: "2026-12-31",
      d: "2026-02-28",
    });
  });

  it("keys are not values: a key spelled as an impossible date is no problem", () => {
    expect(problems("2026-02-30: x\n")).toEqual([]);
  });
});
