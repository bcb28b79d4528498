import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FILE_LOCAL_RULES, readWorkspaceSources, validateFileAlone, validateFiles } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

/*
 * What an editor shows for a file before the workspace is indexed must be exactly the file-local
 * part of what the whole workspace gives it (files that share their KPI id excepted).
 */

const TODAY = "2026-11-27";
const FIXTURES = fileURLToPath(new URL("../rules/fixtures/", import.meta.url));

const cases = readdirSync(FIXTURES).flatMap((rule) =>
  readdirSync(join(FIXTURES, rule)).map((example) => join(FIXTURES, rule, example)),
);

const key = (d: {
  file: string;
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.rule}`;

describe("validateFileAlone", () => {
  it.each(cases)("gives each file of %s its file-local diagnostics", async (dir) => {
    const files = readWorkspaceSources(dir);
    const full = validateFiles(files, { today: TODAY }).diagnostics;
    const project = files.find((file) => file.file === "kpi.yaml");
    const ids = files.map((file) => /^kpi: *([a-z0-9_]+)/m.exec(file.text)?.[1]);
    for (const [index, source] of files.entries()) {
      if (ids[index] !== undefined && ids.filter((id) => id === ids[index]).length > 1) continue;
      const alone = validateFileAlone(project, source, { today: TODAY });
      const expected = full.filter((d) => d.file === source.file && FILE_LOCAL_RULES.has(d.rule));
      expect(alone.map(key)).toEqual(expected.map(key));
    }
  });
});
