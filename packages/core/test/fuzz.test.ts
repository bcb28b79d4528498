import {
  type AnalyzedFile,
  analyzeFile,
  buildWorkspace,
  type SourceFile,
  validateFiles,
  validateWorkspace,
} from "@kpi-as-code/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { parse, stringify } from "yaml";
import { diagnosticViolations } from "./support/diagnostic-invariants.js";
import { applyAll, mutations } from "./support/text-mutations.js";
import {
  ACTIVATION_FILE,
  ACTIVATION_KPI,
  CHURN_FILE,
  CHURN_KPI,
  TODAY,
  VALID_PROJECT,
  validWorkspace,
  workspaceWith,
} from "./support/workspace-texts.js";

/*
 * Mutates valid KPI and project documents and checks what must hold for any input: validateFiles returns,
 * no rule crashes (the validator would only announce that as a process warning), and every diagnostic
 * has a known rule, a valid severity and a position inside its file.
 * FUZZ_SCALE=10 runs ten times as many cases; a failure prints the seed and path to replay it.
 */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (count: number) => Math.max(1, Math.round(count * SCALE));
// About 22,000 documents per run, sized for under a minute on an idle machine; `npm run fuzz` runs about
// 110,000 (FUZZ_SCALE=5), hostile ones included (alias cycles, alias bombs, many keys, deep nesting).
const TIMEOUT = 180_000 * Math.max(1, SCALE);

let emitWarning: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  emitWarning = vi.spyOn(process, "emitWarning");
});
afterEach(() => {
  emitWarning.mockRestore();
});

/**
 * Parsing YAML with positions dominates the cost (a few ms per file), so the files a case leaves untouched
 * are analyzed once and reused: the same pipeline as validateFiles (analyzeFile, buildWorkspace,
 * validateWorkspace), which the property that mutates every file calls directly.
 */
const analyzedOnce = new Map<string, AnalyzedFile | undefined>(
  validWorkspace().map((source) => [`${source.file}\n${source.text}`, analyzeFile(source)]),
);

function validateReusingUntouched(files: SourceFile[]) {
  const analyzed = files.map(
    (source) => analyzedOnce.get(`${source.file}\n${source.text}`) ?? analyzeFile(source),
  );
  return validateWorkspace(buildWorkspace(analyzed), { today: TODAY });
}

/** Validates the workspace and fails with every broken invariant (fast-check then shrinks the input). */
function checkWorkspace(files: SourceFile[], validate = validateReusingUntouched): void {
  emitWarning.mockClear();
  const { diagnostics } = validate(files);
  const violations = diagnosticViolations(diagnostics, files);
  // Any warning is a defect: a crashed rule (the validator reports it this way) or a library printing to stderr.
  const warnings = emitWarning.mock.calls.map((call) => String(call[0]));
  if (violations.length > 0 || warnings.length > 0) {
    throw new Error([...violations, ...warnings.map((warning) => `warning: ${warning}`)].join("\n"));
  }
}

const validateAll = (files: SourceFile[]) => validateFiles(files, { today: TODAY });

describe("fuzz: mutated documents", () => {
  it(
    "a mutated KPI file",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(ACTIVATION_KPI, CHURN_KPI), mutations(), (text, edits) => {
          checkWorkspace(workspaceWith(ACTIVATION_FILE, applyAll(text, edits)));
        }),
        { numRuns: runs(8_000) },
      );
    },
    TIMEOUT,
  );

  it(
    "a mutated kpi.yaml",
    () => {
      fc.assert(
        fc.property(mutations(), (edits) => {
          checkWorkspace(workspaceWith("kpi.yaml", applyAll(VALID_PROJECT, edits)));
        }),
        { numRuns: runs(5_000) },
      );
    },
    TIMEOUT,
  );

  it(
    "every file of the workspace mutated at once",
    () => {
      fc.assert(
        fc.property(mutations(3), mutations(3), mutations(3), (project, activation, churn) => {
          checkWorkspace(
            [
              { file: "kpi.yaml", text: applyAll(VALID_PROJECT, project) },
              { file: ACTIVATION_FILE, text: applyAll(ACTIVATION_KPI, activation) },
              { file: CHURN_FILE, text: applyAll(CHURN_KPI, churn) },
            ],
            validateAll,
          );
        }),
        { numRuns: runs(1_000) },
      );
    },
    TIMEOUT,
  );

  it(
    "every truncation of each document",
    () => {
      for (const { file, text } of validWorkspace()) {
        for (let length = 0; length <= text.length; length++) {
          checkWorkspace(workspaceWith(file, text.slice(0, length)));
        }
      }
    },
    TIMEOUT,
  );
});

describe("fuzz: well-formed YAML with wrong values", () => {
  /** Any JSON-like value, plus the awkward ones: huge, negative, fractional, empty, almost-dates, not-ids. */
  const anyValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(null, true, 0, -1, 1e308, 0.5, "", "x", "2026-02-30", "Growth Team", [], {}),
  );

  type Key = string | number;

  /** The path of every node of a parsed document, at any depth. */
  function nodePaths(value: unknown, prefix: Key[] = []): Key[][] {
    if (value === null || typeof value !== "object") return [];
    const entries: [Key, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    return entries.flatMap(([key, child]) => [[...prefix, key], ...nodePaths(child, [...prefix, key])]);
  }

  function setAt(root: unknown, path: readonly Key[], replacement: unknown): void {
    let node = root as Record<Key, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>;
    node[path.at(-1) as Key] = replacement;
  }

  /** The document with one to four nodes (or an added unknown key) replaced by values of any type. */
  function withReplacedNodes(document: string): fc.Arbitrary<string> {
    const parsed: unknown = parse(document);
    const paths = [...nodePaths(parsed), ["unknown_key"]];
    return fc
      .array(fc.tuple(fc.constantFrom(...paths), anyValue), { minLength: 1, maxLength: 4 })
      .map((replacements) => {
        const value = structuredClone(parsed);
        for (const [path, replacement] of replacements) {
          try {
            setAt(value, path, replacement);
          } catch {
            // An earlier replacement removed this path's parent: nothing left to replace.
          }
        }
        return stringify(value);
      });
  }

  it(
    "KPI files with nodes replaced by values of any type",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(ACTIVATION_KPI, CHURN_KPI).chain(withReplacedNodes), (text) => {
          checkWorkspace(workspaceWith(ACTIVATION_FILE, text));
        }),
        { numRuns: runs(2_000) },
      );
    },
    TIMEOUT,
  );

  it(
    "kpi.yaml with nodes replaced by values of any type",
    () => {
      fc.assert(
        fc.property(withReplacedNodes(VALID_PROJECT), (text) => {
          checkWorkspace(workspaceWith("kpi.yaml", text));
        }),
        { numRuns: runs(1_200) },
      );
    },
    TIMEOUT,
  );
});

describe("fuzz: the invariant checker", () => {
  it("notices a diagnostic outside its file", () => {
    const files = workspaceWith(ACTIVATION_FILE, "kpi: [\n");
    const [diagnostic] = validateFiles(files, { today: TODAY }).diagnostics;
    if (!diagnostic) throw new Error("expected a diagnostic");
    expect(diagnosticViolations([{ ...diagnostic, end: 1000, endLine: 99 }], files).length).toBeGreaterThan(
      0,
    );
    expect(diagnosticViolations([{ ...diagnostic, rule: "made/up" as never }], files).length).toBeGreaterThan(
      0,
    );
  });
});
