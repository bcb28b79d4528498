import { ParsedFile, type Path } from "@kpi-as-code/core";
import { describe, expect, it, vi } from "vitest";

const TEXT = `kpi: activation
version: 3
formula: activated / signups
quoted: "activated / signups"
single: 'it''s / signups'
folded: >
  activated / signups
measures:
  signups:
    source: app
    aggregate: count
  activated: { source: app, where: "x > 1" }
segments: [channel, plan]
action_plan:
  - hypothesis: Shorter e-mails
    owner: growth
`;

const file = new ParsedFile("kpis/activation.kpi.yaml", TEXT);

function textAt(path: Path, target: "key" | "value" = "value"): string {
  const span = file.locate(path, target);
  return TEXT.slice(span.start, span.end);
}

describe("ParsedFile: value and syntax", () => {
  it("parses the value and reports no problems for valid YAML", () => {
    expect(file.syntaxProblems).toEqual([]);
    expect(file.value).toMatchObject({ kpi: "activation", version: 3, segments: ["channel", "plan"] });
  });

  it("uses a value given up front instead of parsing", () => {
    const fast = new ParsedFile("a.kpi.yaml", "kpi: x\n", { kpi: "given" });
    expect(fast.value).toEqual({ kpi: "given" });
    expect(fast.syntaxProblems).toEqual([]);
    expect(fast.locate(["kpi"])).toEqual({ start: 5, end: 6 });
  });

  it("reports a syntax problem with offsets inside the text", () => {
    const broken = new ParsedFile("b.kpi.yaml", "kpi: x\nname: [unclosed\n");
    expect(broken.syntaxProblems.length).toBeGreaterThan(0);
    for (const problem of broken.syntaxProblems) {
      expect(problem.start).toBeGreaterThanOrEqual(0);
      expect(problem.end).toBeGreaterThanOrEqual(problem.start);
      expect(problem.end).toBeLessThanOrEqual(broken.text.length);
    }
  });

  it("reports a duplicate key at the repeated key", () => {
    const text = "kpi: x\nname: a\nname: b\n";
    const duplicated = new ParsedFile("d.kpi.yaml", text);
    const problem = duplicated.syntaxProblems.find((candidate) => candidate.code === "DUPLICATE_KEY");
    expect(problem?.start).toBe(text.lastIndexOf("name"));
  });

  it("refuses to expand an alias bomb", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level <= 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    const parsed = new ParsedFile("bomb.kpi.yaml", `${bomb.join("\n")}\n`);
    expect(parsed.syntaxProblems.map((problem) => problem.code)).toContain("ALIAS_LIMIT");
    expect(parsed.value).toBeUndefined();
  });

  it("prints no warning to the process for a collection used as a key", () => {
    const emitWarning = vi.spyOn(process, "emitWarning");
    try {
      const parsed = new ParsedFile("k.kpi.yaml", "? [a, b]\n: c\nkpi: x\n");
      expect(parsed.value).toMatchObject({ kpi: "x" });
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
    }
  });

  it("keeps an unparsed file's one problem", () => {
    const problem = { start: 0, end: 1, code: "BINARY", message: "binary" };
    const unparsed = ParsedFile.unparsed("x.kpi.yaml", "\0abc", problem);
    expect(unparsed.syntaxProblems).toEqual([problem]);
  });
});

describe("ParsedFile.locate", () => {
  it("points at a value or at its key", () => {
    expect(textAt(["version"])).toBe("3");
    expect(textAt(["version"], "key")).toBe("version");
    expect(textAt(["measures", "signups", "aggregate"])).toBe("count");
    expect(textAt(["measures", "signups", "aggregate"], "key")).toBe("aggregate");
  });

  it("points at the whole of a quoted scalar, quotes included", () => {
    expect(textAt(["quoted"])).toBe('"activated / signups"');
  });

  it("finds keys and values inside flow maps and sequences", () => {
    expect(textAt(["measures", "activated", "source"])).toBe("app");
    expect(textAt(["measures", "activated", "where"], "key")).toBe("where");
    expect(textAt(["segments", 1])).toBe("plan");
    expect(textAt(["action_plan", 0, "owner"])).toBe("growth");
  });

  it("points at a mapping value as a whole", () => {
    expect(textAt(["measures", "activated"])).toBe('{ source: app, where: "x > 1" }');
  });

  it("falls back to the deepest existing key when the path stops existing", () => {
    expect(textAt(["measures", "signups", "column"])).toBe("signups");
    expect(textAt(["measures", "missing", "source"])).toBe("measures");
    expect(textAt(["action_plan", 5, "owner"])).toBe("action_plan");
    // Through a sequence item: the deepest key is the sequence's.
    expect(textAt(["action_plan", 0, "due"])).toBe("action_plan");
  });

  it("falls back to the first key of the file for a missing top-level field", () => {
    expect(textAt(["owner"])).toBe("kpi");
    // The root has no key: the span starts at the file's first key (it covers the document).
    expect(file.locate([], "key").start).toBe(0);
  });

  it("does not descend into a scalar", () => {
    expect(textAt(["version", "major"])).toBe("version");
  });

  it("finds numeric keys given as numbers or strings", () => {
    const numeric = new ParsedFile("n.kpi.yaml", "codes:\n  404: missing\n");
    const span = numeric.locate(["codes", "404"]);
    expect(numeric.text.slice(span.start, span.end)).toBe("missing");
  });

  it("returns an empty span at the start for an empty file", () => {
    expect(new ParsedFile("e.kpi.yaml", "").locate(["kpi"])).toEqual({ start: 0, end: 0 });
  });

  it("tells which paths exist", () => {
    expect(file.has(["measures", "signups", "source"])).toBe(true);
    expect(file.has(["measures", "signups", "column"])).toBe(false);
    expect(file.has(["segments", 2])).toBe(false);
  });
});

describe("ParsedFile.locateInValue", () => {
  function innerText(path: Path, needle: string): string {
    const value = String((file.value as Record<string, unknown>)[String(path[0])]);
    const start = value.indexOf(needle);
    const span = file.locateInValue(path, { start, end: start + needle.length });
    return TEXT.slice(span.start, span.end);
  }

  it("maps a range of a plain scalar to the source", () => {
    expect(innerText(["formula"], "signups")).toBe("signups");
    const span = file.locateInValue(["formula"], { start: 0, end: 9 });
    expect(span.start).toBe(TEXT.indexOf("activated"));
  });

  it("maps a range of a double-quoted scalar past the opening quote", () => {
    const span = file.locateInValue(["quoted"], { start: 12, end: 19 });
    expect(span.start).toBe(TEXT.indexOf('"activated') + 13);
    expect(TEXT.slice(span.start, span.end)).toBe("signups");
  });

  it("falls back to the whole value when the source does not spell it verbatim", () => {
    // An escaped quote makes the source longer than the value.
    expect(innerText(["single"], "signups")).toBe("'it''s / signups'");
    // A folded scalar is not a plain or quoted scalar.
    expect(innerText(["folded"], "signups")).toBe(TEXT.slice(TEXT.indexOf(">"), TEXT.indexOf("measures:")));
  });

  it("falls back to the whole value for a non-string value", () => {
    const span = file.locateInValue(["version"], { start: 0, end: 1 });
    expect(TEXT.slice(span.start, span.end)).toBe("3");
  });

  it("maps a range inside a quoted value in a flow map", () => {
    const span = file.locateInValue(["measures", "activated", "where"], { start: 4, end: 5 });
    expect(TEXT.slice(span.start, span.end)).toBe("1");
    expect(TEXT.slice(span.start - 5, span.end)).toBe('"x > 1');
  });
});

describe("ParsedFile.duplicateKeysUnder", () => {
  it("lists each repetition after the first, at its key", () => {
    const text = "owners:\n  growth: {}\n  support: {}\n  growth: {}\n  growth: {}\n";
    const parsed = new ParsedFile("kpi.yaml", text);
    const duplicates = parsed.duplicateKeysUnder(["owners"]);
    expect(duplicates.map((duplicate) => duplicate.key)).toEqual(["growth", "growth"]);
    expect(duplicates.map((duplicate) => duplicate.span.start)).toEqual([
      text.indexOf("growth", text.indexOf("support")),
      text.lastIndexOf("growth"),
    ]);
  });

  it("is empty where there is no mapping", () => {
    expect(new ParsedFile("kpi.yaml", "owners: [a, a]\n").duplicateKeysUnder(["owners"])).toEqual([]);
    expect(new ParsedFile("kpi.yaml", "project: x\n").duplicateKeysUnder(["owners"])).toEqual([]);
  });
});
