import { diffSourceFiles, redactValue, renderJson, renderMarkdown } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

const SECRET = "Zq9-secret";

/** kpi.yaml with one postgres source whose `url` (or another option) is the given text. */
function withSource(options: string): string {
  return PROJECT.replace("sources:\n", `sources:\n  shop: { type: postgres, ${options} }\n`);
}

function rendered(base: string, head: string): string {
  const diff = diffSourceFiles(files({ "kpi.yaml": base }), files({ "kpi.yaml": head }), LABELS);
  expect(diff.sources.map((source) => source.id)).toEqual(["shop"]);
  return renderJson(diff) + renderMarkdown(diff);
}

describe("kpi diff redaction (the connection package's redactSecrets)", () => {
  // The four forms kpi diff printed in clear (issue #17), each in a changed source of a PR comment.
  const forms: [string, string][] = [
    ["a URL password with a slash", `url: "postgres://reader:${SECRET}/x@db.example/shop"`],
    ["a URL password with an at sign", `url: "postgres://reader:${SECRET}@x@db.example/shop"`],
    ["a URL password with spaces", `url: "postgres://reader:${SECRET} x y@db.example/shop"`],
    ["a key=value connection string", `dsn: "host=db.example user=reader password=${SECRET} dbname=shop"`],
  ];
  for (const [label, options] of forms) {
    it(`redacts ${label}`, () => {
      const output = rendered(withSource('url: "postgres://db.example/old"'), withSource(options));
      expect(output).not.toContain(SECRET);
      expect(output).toContain("***");
    });
  }

  it("redacts key=value strings with quoted and ODBC-style passwords", () => {
    for (const text of [
      `host=db password='${SECRET} x' dbname=shop`,
      `Server=db;Uid=reader;Pwd=${SECRET};Database=shop`,
      `postgres://db.example/shop?sslmode=require&password=${SECRET}`,
    ]) {
      expect(JSON.stringify(redactValue("dsn", text))).not.toContain(SECRET);
    }
  });

  it("masks an option named like a credential whole, in nested options too", () => {
    expect(redactValue("options", { password: "pw", extra: { api_key: "k", port: 5432 } })).toEqual({
      password: "***",
      extra: { api_key: "***", port: 5432 },
    });
  });
});

describe("kpi diff markdown and control characters", () => {
  it("shows an ANSI escape in a changed field as visible text, never raw", () => {
    const head = PROJECT.replace(
      "statement: Grow activation",
      "statement: Grow \u001b[31mactivation\u001b[0m",
    );
    const diff = diffSourceFiles(files({ "kpi.yaml": PROJECT }), files({ "kpi.yaml": head }), LABELS);
    const markdown = renderMarkdown(diff);
    expect(markdown).not.toContain("\u001b");
    expect(markdown).toContain("\\u001b");
  });
});

describe("kpi diff redaction in KPI fields", () => {
  it("redacts a connection string written into a raw SQL measure", () => {
    const sql = (text: string) =>
      kpiText({ extra: "" }).replace(
        /measures:\n/,
        `measures:\n  attached: { source: app, sql: "select 1 from x where dsn = '${text}'" }\n`,
      );
    const diff = diffSourceFiles(
      files({ "kpi.yaml": PROJECT, "a.kpi.yaml": sql("none") }),
      files({ "kpi.yaml": PROJECT, "a.kpi.yaml": sql(`postgres://reader:${SECRET}/x@db.example/shop`) }),
      LABELS,
    );
    expect(diff.kpis[0]?.fields.length).toBeGreaterThan(0);
    const output = renderJson(diff) + renderMarkdown(diff);
    expect(output).not.toContain(SECRET);
    expect(output).toContain("reader:***@");
  });
});
