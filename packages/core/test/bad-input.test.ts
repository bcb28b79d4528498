import type { Diagnostic, SourceFile } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import { diagnosticViolations } from "./support/diagnostic-invariants.js";
import {
  ACTIVATION_FILE,
  ACTIVATION_KPI,
  CHURN_FILE,
  VALID_PROJECT,
  validate,
  validWorkspace,
  workspaceWith,
} from "./support/workspace-texts.js";

/*
 * Input that editors and CI meet in practice (issue text): every case must come back as diagnostics with
 * positions, never as an exception or a hang (vitest's timeout catches a hang).
 */

interface Found {
  rule: string;
  line: number;
  column: number;
}

/** Validates, checks the invariants every diagnostic must meet, and returns one file's findings. */
function findings(files: SourceFile[], file: string): Found[] {
  const diagnostics = validate(files);
  expect(diagnosticViolations(diagnostics, files)).toEqual([]);
  return diagnostics.filter((diagnostic) => diagnostic.file === file).map(found);
}

function found({ rule, line, column }: Diagnostic): Found {
  return { rule, line, column };
}

function editKpi(from: string, to: string): string {
  if (!ACTIVATION_KPI.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return ACTIVATION_KPI.replace(from, to);
}

const at = (rule: string, line: number, column: number): Found => ({ rule, line, column });

describe("a file that is not YAML", () => {
  it("reports tabs used as indentation on each line", () => {
    const text = "\tkpi: first_week_activation\n\tname: x\n";
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual(
      expect.arrayContaining([at("yaml/syntax", 1, 1), at("yaml/syntax", 2, 1)]),
    );
  });

  it("reports an unclosed flow collection", () => {
    const text = "kpi: [unclosed\nname: {\n";
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)[0]).toEqual(
      at("yaml/syntax", 2, 1),
    );
  });

  it("reports a value that is itself a mapping on one line, at the second colon", () => {
    const text = editKpi("cadence: weekly", "cadence: weekly: monthly");
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([
      at("yaml/syntax", 13, 10),
    ]);
  });

  it("reports broken JSON at the stray comma", () => {
    const text = '{"kpi": "first_week_activation", "version": 3,,}';
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([
      at("yaml/syntax", 1, 47),
    ]);
  });

  it("reports prose (a scalar, not a mapping) as a schema problem at the start", () => {
    const text = "This file was saved from a web page.\nIt has no keys.\n";
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([at("schema", 1, 1)]);
  });
});

describe("an empty file", () => {
  it.each([
    ["empty", ""],
    ["blank lines", "\n\n\n"],
    ["only a comment", "# TODO\n"],
  ])("reports a KPI file that is %s as a schema problem at 1:1", (_name, text) => {
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([at("schema", 1, 1)]);
  });

  it("reports an empty kpi.yaml as a schema problem at 1:1", () => {
    expect(findings(workspaceWith("kpi.yaml", ""), "kpi.yaml")).toContainEqual(at("schema", 1, 1));
  });
});

describe("a binary file", () => {
  it("is refused at its first NUL byte", () => {
    const text = "kpi: x\n\u0000\u0001\u00ff\u0000garbage";
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([
      at("file/unreadable", 2, 1),
    ]);
  });

  it("is refused at its first NUL byte even when it starts like text (a PNG renamed to .kpi.yaml)", () => {
    const text = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR";
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([
      at("file/unreadable", 3, 1),
    ]);
  });
});

describe("a 5 MB file", () => {
  const huge = `${ACTIVATION_KPI}# ${"x".repeat(5_000_000)}\n`;

  it("is refused unparsed, at 1:1, as a KPI file", () => {
    expect(findings(workspaceWith(ACTIVATION_FILE, huge), ACTIVATION_FILE)).toEqual([
      at("file/unreadable", 1, 1),
    ]);
  });

  it("is refused unparsed, at 1:1, as kpi.yaml", () => {
    const text = `${VALID_PROJECT}# ${"x".repeat(5_000_000)}\n`;
    expect(findings(workspaceWith("kpi.yaml", text), "kpi.yaml")).toContainEqual(at("file/unreadable", 1, 1));
  });

  it("is still parsed just under the limit", () => {
    const text = `${ACTIVATION_KPI}# ${"x".repeat(990_000)}\n`;
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([]);
  });
});

describe("200 levels of nesting", () => {
  it("in block mappings under an unknown key: one schema problem at the key", () => {
    let extra = "extra:\n";
    for (let level = 0; level < 200; level++) extra += `${"  ".repeat(level + 1)}level_${level}:\n`;
    const text = `${ACTIVATION_KPI}${extra}`;
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([at("schema", 41, 1)]);
  });

  it("in flow sequences where strings belong: a schema problem at the value", () => {
    const text = editKpi("tags: [onboarding]", `tags: ${"[".repeat(200)}onboarding${"]".repeat(200)}`);
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([at("schema", 40, 8)]);
  });

  it("in a formula's parentheses: a formula syntax problem inside the formula", () => {
    const deep = `${"(".repeat(200)}activated${")".repeat(200)}`;
    const text = editKpi("formula: activated / signups", `formula: ${deep} / signups`);
    const [problem, ...others] = findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE);
    expect(others).toEqual([]);
    expect(problem?.rule).toBe("measurability/formula-syntax");
    expect(problem?.line).toBe(14);
    expect(problem?.column).toBeGreaterThan("formula: ".length);
  });

  it("50,000 levels of flow sequences do not overflow the stack", () => {
    const text = editKpi("tags: [onboarding]", `tags: ${"[".repeat(50_000)}${"]".repeat(50_000)}`);
    const rules = findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE).map(
      (finding) => finding.rule,
    );
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((rule) => rule === "yaml/syntax" || rule === "schema")).toBe(true);
  });
});

describe("duplicate keys", () => {
  it("in a KPI file: a syntax problem at the repeated key", () => {
    const text = editKpi("cadence: weekly", "cadence: weekly\ncadence: monthly");
    expect(findings(workspaceWith(ACTIVATION_FILE, text), ACTIVATION_FILE)).toEqual([
      at("yaml/syntax", 14, 1),
    ]);
  });

  it("a goal declared twice in kpi.yaml: id/duplicate at the second, not a syntax problem", () => {
    const text = VALID_PROJECT.replace(
      "sources:",
      "  grow_active_customers:\n    statement: again\nsources:",
    );
    expect(findings(workspaceWith("kpi.yaml", text), "kpi.yaml")).toEqual([at("id/duplicate", 10, 3)]);
  });
});

describe("an alias bomb (billion laughs)", () => {
  function bomb(levels: number): string {
    const lines = ["kpi: first_week_activation", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let level = 1; level <= levels; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    return `${lines.join("\n")}\n`;
  }

  // At the first alias that would copy more than 1,000 nodes: `*c` on line 5 (`d: &d [*c, ...]`).
  it("is refused, not expanded, as a KPI file", () => {
    expect(findings(workspaceWith(ACTIVATION_FILE, bomb(9)), ACTIVATION_FILE)).toEqual([
      at("yaml/syntax", 5, 8),
    ]);
  });

  it("is refused, not expanded, as kpi.yaml", () => {
    const text = bomb(9).replace("kpi: first_week_activation", "project: bomb");
    expect(findings(workspaceWith("kpi.yaml", text), "kpi.yaml")).toContainEqual(at("yaml/syntax", 5, 8));
  });
});

describe("a workspace without kpi.yaml", () => {
  it("reports on every KPI file, at its first key, that goals, owners and sources cannot be resolved", () => {
    const files = validWorkspace().filter((file) => file.file !== "kpi.yaml");
    expect(findings(files, ACTIVATION_FILE)).toContainEqual(at("schema", 1, 1));
    expect(findings(files, CHURN_FILE)).toContainEqual(at("schema", 1, 1));
  });

  it("still checks what a KPI file can say alone", () => {
    const files = workspaceWith(ACTIVATION_FILE, editKpi("version: 3", "version: 0")).filter(
      (file) => file.file !== "kpi.yaml",
    );
    expect(findings(files, ACTIVATION_FILE)).toContainEqual(at("schema", 2, 10));
  });
});

describe("a kpi.yaml that is itself broken", () => {
  it("reports the syntax problem in kpi.yaml and still validates the KPI files", () => {
    const text = VALID_PROJECT.replace(
      "  support: { name: Customer support }",
      "  support: { name: Customer support",
    );
    const files = workspaceWith("kpi.yaml", text);
    expect(findings(files, "kpi.yaml")[0]).toEqual(at("yaml/syntax", 5, 1));
    const withBadKpi = [
      ...files.filter((file) => file.file !== ACTIVATION_FILE),
      { file: ACTIVATION_FILE, text: editKpi("cadence: weekly", "cadence: hourly") },
    ];
    expect(findings(withBadKpi, ACTIVATION_FILE)).toContainEqual(at("schema", 13, 10));
  });

  it("reports a kpi.yaml that is a list, not a mapping, at 1:1", () => {
    expect(findings(workspaceWith("kpi.yaml", "- a\n- b\n"), "kpi.yaml")).toContainEqual(at("schema", 1, 1));
  });
});
