import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  analyzeFile,
  buildWorkspace,
  type Diagnostic,
  RULE_IDS,
  RULES,
  type RuleId,
  readWorkspaceSources,
  type SourceFile,
  validateFiles,
  type Workspace,
} from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

/*
 * Snapshot fixtures in the style of svelte-check: one folder per case,
 * fixtures/<rule id with / as __>/<fires-…|passes-…>/ holds a small workspace (kpi.yaml + KPI files),
 * optionally the git base's files in .base/ (a dot folder, so it is never part of the workspace),
 * and expected.json: the diagnostics OF THAT RULE, without message text.
 * workspaces/<name>/ holds whole workspaces whose expected.json lists the diagnostics of EVERY rule.
 * `UPDATE_FIXTURES=1 npx vitest run packages/core/test/rules` rewrites expected.json; review each by hand.
 */

type Expected = Pick<Diagnostic, "file" | "rule" | "severity" | "line" | "column" | "endLine" | "endColumn">;

/** A fixed "today" so that the date rules give the same answer on every day the suite runs. */
const TODAY = "2026-11-27";
const UPDATE = process.env.UPDATE_FIXTURES === "1";
const HERE = fileURLToPath(new URL(".", import.meta.url));
const FIXTURES = join(HERE, "fixtures");
const WORKSPACES = join(HERE, "workspaces");

interface RuleCase {
  rule: RuleId;
  name: string;
  dir: string;
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function ruleCases(): RuleCase[] {
  return subfolders(FIXTURES).flatMap((folder) =>
    subfolders(join(FIXTURES, folder)).map((name) => ({
      rule: folder.replaceAll("__", "/") as RuleId,
      name,
      dir: join(FIXTURES, folder, name),
    })),
  );
}

/**
 * Validates files as `kpi validate --today` would. A rule that throws is caught by the validator and
 * only announced as a process warning, which would look like "does not fire": such warnings fail the case.
 */
async function validate(files: readonly SourceFile[], base?: Workspace): Promise<Diagnostic[]> {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  process.on("warning", onWarning);
  try {
    const { diagnostics } = validateFiles(files, { today: TODAY, ...(base ? { base } : {}) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
    return diagnostics;
  } finally {
    process.off("warning", onWarning);
  }
}

/** A fixture folder's workspace, with the git base from its .base/ folder when there is one. */
async function validateFolder(dir: string): Promise<Diagnostic[]> {
  const baseDir = join(dir, ".base");
  const base = existsSync(baseDir)
    ? buildWorkspace(readWorkspaceSources(baseDir).map((file) => analyzeFile(file)))
    : undefined;
  return validate(readWorkspaceSources(dir), base);
}

function snapshot(diagnostics: readonly Diagnostic[]): Expected[] {
  return diagnostics.map(({ file, rule, severity, line, column, endLine, endColumn }) => ({
    file,
    rule,
    severity,
    line,
    column,
    endLine,
    endColumn,
  }));
}

/** The expected list of a folder; with UPDATE_FIXTURES=1, first rewritten from `actual`. */
function expectedFor(dir: string, actual: Expected[]): Expected[] {
  const path = join(dir, "expected.json");
  if (UPDATE) writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  return JSON.parse(readFileSync(path, "utf8")) as Expected[];
}

const cases = ruleCases();

/** Rules about a file's own form; every other rule only sees files that are valid YAML and match the schema. */
const FILE_LEVEL_RULES: ReadonlySet<RuleId> = new Set(["yaml/syntax", "file/unreadable", "schema"]);

/**
 * A fixture for a method rule must be well-formed (head and base), or a "passes-" case could pass
 * only because a broken file kept the rule from looking at it.
 */
async function expectWellFormed(dir: string, head: Expected[]): Promise<void> {
  const baseDir = join(dir, ".base");
  const base = existsSync(baseDir) ? snapshot(await validate(readWorkspaceSources(baseDir))) : [];
  const malformed = [...head, ...base].filter((d) => FILE_LEVEL_RULES.has(d.rule));
  expect(malformed, "the fixture's files must parse and match the schema").toEqual([]);
}

describe("rule fixtures", () => {
  for (const rule of RULE_IDS) {
    describe(rule, () => {
      for (const fixture of cases.filter((candidate) => candidate.rule === rule)) {
        it(fixture.name, async () => {
          const all = snapshot(await validateFolder(fixture.dir));
          if (!FILE_LEVEL_RULES.has(fixture.rule)) await expectWellFormed(fixture.dir, all);
          const ofRule = all.filter((d) => d.rule === fixture.rule);
          const expected = expectedFor(fixture.dir, ofRule);
          expect(ofRule).toEqual(expected);
          // The name says which it is, so a regenerated snapshot cannot quietly turn "fires" into "passes".
          expect(expected.length > 0, "a fires- case must fire, a passes- case must not").toBe(
            fixture.name.startsWith("fires-"),
          );
        });
      }
    });
  }

  it("names only rule ids of the contract and cases that say whether the rule fires", () => {
    for (const fixture of cases) {
      expect(RULE_IDS).toContain(fixture.rule);
      expect(fixture.name).toMatch(/^(fires|passes)-[a-z0-9-]+$/);
    }
  });

  it("has, for every rule, a case where it fires and a case where it does not", () => {
    // A rule that needs the live sources cannot fire on files alone: the runner's tests cover it.
    const needsSources = new Set(RULES.filter((rule) => rule.needsSources).map((rule) => rule.id));
    const uncovered = RULE_IDS.flatMap((rule) =>
      (needsSources.has(rule) ? (["passes-"] as const) : (["fires-", "passes-"] as const))
        .filter((prefix) => !cases.some((c) => c.rule === rule && c.name.startsWith(prefix)))
        .map((prefix) => `${rule}: no ${prefix} case`),
    );
    expect(uncovered).toEqual([]);
  });
});

describe("whole workspaces", () => {
  for (const name of subfolders(WORKSPACES)) {
    it(`${name}: every diagnostic of every rule`, async () => {
      const all = snapshot(await validateFolder(join(WORKSPACES, name)));
      expect(all).toEqual(expectedFor(join(WORKSPACES, name), all));
    });
  }

  it("the clean workspace produces no diagnostic at all", async () => {
    expect(await validateFolder(join(WORKSPACES, "clean"))).toEqual([]);
  });
});

describe("policy.rules overrides", () => {
  /** A fixture's files with `policy.rules` set in its kpi.yaml (whose fixtures declare no policy). */
  async function withOverride(fixture: string, rule: RuleId, setting: string): Promise<SourceFile[]> {
    const files = readWorkspaceSources(join(FIXTURES, fixture));
    return files.map((source) => {
      if (source.file !== "kpi.yaml") return source;
      expect(source.text).not.toMatch(/^policy:/m);
      return { ...source, text: `${source.text}policy:\n  rules:\n    ${rule}: ${setting}\n` };
    });
  }

  const overridden = [
    { rule: "review/overdue", fixture: "review__overdue/fires-next-review-in-the-past" },
    { rule: "target/missing", fixture: "target__missing/fires-core-kpi-without-target-is-an-error" },
    {
      rule: "measurability/unknown-source",
      fixture: "measurability__unknown-source/fires-undeclared-source",
    },
  ] as const;

  for (const { rule, fixture } of overridden) {
    describe(rule, () => {
      it("off: the rule's diagnostics disappear and every other rule reports as before", async () => {
        const before = snapshot(await validateFolder(join(FIXTURES, fixture)));
        const after = snapshot(await validate(await withOverride(fixture, rule, "off")));
        expect(before.some((d) => d.rule === rule)).toBe(true);
        expect(after.filter((d) => d.rule === rule)).toEqual([]);
        expect(after).toEqual(before.filter((d) => d.rule !== rule));
      });

      for (const severity of ["info", "warning", "error"] as const) {
        it(`${severity}: same diagnostics, reported as ${severity}`, async () => {
          const before = snapshot(await validateFolder(join(FIXTURES, fixture)));
          const after = snapshot(await validate(await withOverride(fixture, rule, severity)));
          const expected = before.map((d) => (d.rule === rule ? { ...d, severity } : d));
          expect(after).toEqual(expected);
        });
      }
    });
  }
});
