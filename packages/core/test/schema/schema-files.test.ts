import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { kpiSchema, projectSchema, renderSchemaFile, SCHEMA_FILES } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";
import {
  assertLengthsAreNonEmpty,
  renderValidators,
  VALIDATORS_FILE,
} from "../../scripts/standalone-validators.mjs";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const SCHEMA_DIR = fileURLToPath(new URL("../../schema/", import.meta.url));
const VALIDATORS_PATH = fileURLToPath(new URL(`../../${VALIDATORS_FILE}`, import.meta.url));

/*
 * packages/core/schema/*.json are what the VS Code extension contributes to YAML tooling; the validator
 * uses the schema objects. These tests fail when the files drift from the objects.
 * Rewrite them with `UPDATE_SCHEMA=1 npx vitest run packages/core/test/schema`
 * (or `node packages/core/scripts/generate-schema.mjs` after a build).
 */
describe("generated JSON Schema files", () => {
  if (process.env.UPDATE_SCHEMA === "1") {
    const paths = SCHEMA_FILES.map(({ file, schema }) => {
      writeFileSync(`${SCHEMA_DIR}${file}`, renderSchemaFile(schema));
      return `${SCHEMA_DIR}${file}`;
    });
    // The files are linted with the rest of the repository: leave them as the formatter wants them.
    execFileSync(`${REPO_ROOT}node_modules/.bin/biome`, ["format", "--write", ...paths], { cwd: REPO_ROOT });
    writeFileSync(VALIDATORS_PATH, renderValidators({ kpi: kpiSchema, project: projectSchema }));
  }

  it("ships both schemas", () => {
    expect(SCHEMA_FILES.map(({ file }) => file)).toEqual(["kpi.schema.json", "kpi-project.schema.json"]);
    expect(SCHEMA_FILES.map(({ schema }) => schema)).toEqual([kpiSchema, projectSchema]);
  });

  it.each(SCHEMA_FILES.map(({ file, schema }) => [file, schema]))(
    "%s matches the schema object",
    (file, schema) => {
      const committed: unknown = JSON.parse(readFileSync(`${SCHEMA_DIR}${file}`, "utf8"));
      expect(committed).toStrictEqual(JSON.parse(renderSchemaFile(schema)));
    },
  );

  it("compiles the validators core uses from the schema objects (standalone code is not stale)", () => {
    const committed = readFileSync(VALIDATORS_PATH, "utf8");
    expect(committed).toBe(renderValidators({ kpi: kpiSchema, project: projectSchema }));
  });

  it("renders a schema as indented JSON ending in a newline", () => {
    expect(renderSchemaFile({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});

describe("the validators' string lengths", () => {
  it("refuse a length keyword for which UTF-16 units and code points could differ", () => {
    expect(() => assertLengthsAreNonEmpty({ properties: { a: { minLength: 1 } } })).not.toThrow();
    expect(() => assertLengthsAreNonEmpty({ properties: { a: { maxLength: 3 } } })).toThrow(/maxLength/);
    expect(() => assertLengthsAreNonEmpty({ anyOf: [{ minLength: 2 }] })).toThrow(/minLength/);
  });
});
