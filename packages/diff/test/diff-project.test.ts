import { alignmentFacts, diffSourceFiles, formatValue, redactValue, renderMarkdown } from "@kpi-as-code/diff";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

const diffOf = (base: Record<string, string>, head: Record<string, string>) =>
  diffSourceFiles(files(base), files(head), LABELS);

describe("project changes", () => {
  it("reports goals added and removed, and an owner renamed under the same definition", () => {
    const head = PROJECT.replace("  growth: { name: Growth team", "  marketing: { name: Growth team").replace(
      "  grow:\n    statement: Grow activation\n    owner: growth\n",
      "  retain:\n    statement: Keep customers\n",
    );
    const diff = diffOf({ "kpi.yaml": PROJECT }, { "kpi.yaml": head });
    expect(diff.owners).toEqual([
      expect.objectContaining({ id: "marketing", change: "renamed", previousId: "growth" }),
    ]);
    expect(diff.goals.map((goal) => [goal.id, goal.change, goal.fields.map((field) => field.field)])).toEqual(
      [
        ["grow", "removed", ["statement", "owner"]],
        ["retain", "added", ["statement"]],
      ],
    );
  });

  it("compares a base without kpi.yaml: everything is added", () => {
    const diff = diffOf({}, { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() });
    expect(diff.kpis.map((kpi) => kpi.change)).toEqual(["added"]);
    expect(diff.goals.map((goal) => goal.change)).toEqual(["added"]);
    expect(diff.sources.map((source) => source.change)).toEqual(["added"]);
  });

  it("never prints a connection secret", () => {
    const withUrl = (url: string) =>
      PROJECT.replace(
        "sources:\n",
        `sources:\n  shop: { type: postgres, url: "${url}", password: hunter2 }\n`,
      );
    const diff = diffOf(
      { "kpi.yaml": withUrl("postgres://reader:s3cret@db.example/shop") },
      { "kpi.yaml": withUrl("postgres://reader:n3w-s3cret@db2.example/shop?sslpassword=abc&x=1") },
    );
    const rendered = JSON.stringify(diff) + renderMarkdown(diff);
    for (const secret of ["s3cret", "n3w-s3cret", "hunter2", "abc"]) {
      expect(rendered).not.toContain(secret);
    }
    expect(diff.sources[0]?.fields.map((field) => [field.field, field.before, field.after])).toEqual([
      [
        "url",
        "postgres://reader:***@db.example/shop",
        "postgres://reader:***@db2.example/shop?sslpassword=***&x=1",
      ],
    ]);
  });

  it("redacts passwords and secret parameters but keeps env references", () => {
    const envReference = ["$", "{env:WAREHOUSE_URL}"].join("");
    expect(redactValue("url", envReference)).toBe(envReference);
    expect(redactValue("password", envReference)).toBe(envReference);
    expect(redactValue("url", "postgres://h/db?password=x&application_name=kpi")).toBe(
      "postgres://h/db?password=***&application_name=kpi",
    );
  });
});

describe("goal balance", () => {
  const lagging = kpiText({ id: "revenue", indicator: "lagging" });
  const laggingToo = kpiText({ id: "retention", indicator: "lagging" });
  const base = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText(), "r.kpi.yaml": lagging };

  it("flags a goal whose only lagging KPI was removed", () => {
    const diff = diffOf(base, { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() });
    expect(diff.goals).toEqual([
      expect.objectContaining({
        id: "grow",
        change: "changed",
        risks: [expect.objectContaining({ id: "goal-unbalanced" })],
      }),
    ]);
  });

  it("sees the lagging KPIs in files it did not parse", () => {
    const diff = diffOf(
      { ...base, "t.kpi.yaml": laggingToo },
      { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText(), "t.kpi.yaml": laggingToo },
    );
    expect(diff.goals).toEqual([]);
  });

  it("reads goal and indicator as the parser does, plain or quoted", () => {
    const plain = { file: "a.kpi.yaml", text: kpiText() };
    expect(alignmentFacts(plain)).toMatchObject({ goal: "grow", indicator: "leading" });
    const quoted = { file: "a.kpi.yaml", text: kpiText().replace("goal: grow", 'goal: "grow"') };
    expect(alignmentFacts(quoted)).toMatchObject({ goal: "grow", indicator: "leading" });
  });
});

describe("values in the KPI's unit", () => {
  it("writes ratios and percents as percent, currency with its code, counts grouped", () => {
    expect(formatValue(0.273, { unit: "ratio" })).toBe("27.3%");
    expect(formatValue(0.1, { unit: "ratio" })).toBe("10%");
    expect(formatValue(12.5, { unit: "percent" })).toBe("12.5%");
    expect(formatValue(1234567.5, { unit: "currency", currency: "EUR" })).toBe("1,234,567.5 EUR");
    expect(formatValue(-2500, { unit: "count" })).toBe("-2,500");
  });
});

describe("markdown", () => {
  it("says so when nothing changed, and always ends with the marker", () => {
    const same = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() };
    const markdown = renderMarkdown(diffOf(same, same));
    expect(markdown.trimEnd().endsWith("<!-- kpi-diff -->")).toBe(true);
    expect(markdown).not.toContain("| KPI |");
  });

  it("keeps file text inert: no HTML, no table breaks", () => {
    const hostile = kpiText().replace("name: Activation activation", 'name: "<img src=x> | **bold**"');
    const markdown = renderMarkdown(diffOf({ "a.kpi.yaml": kpiText() }, { "a.kpi.yaml": hostile }));
    expect(markdown).not.toContain("<img");
    const tableRow = markdown.split("\n").find((line) => line.startsWith("| `activation`"));
    expect(tableRow?.split(/(?<!\\)\|/).length).toBe(5);
  });

  it("mentions nobody: an @name or @org/team from a file reaches the comment with a zero-width space", () => {
    const hostile = kpiText().replace(
      "name: Activation activation",
      'name: "ping @octocat and @acme/owners"',
    );
    const markdown = renderMarkdown(diffOf({ "a.kpi.yaml": kpiText() }, { "a.kpi.yaml": hostile }));
    const text = new MarkdownIt().render(markdown);
    expect(text).not.toMatch(/@(octocat|acme)/);
    expect(text).toContain("@\u200boctocat and @\u200bacme/owners");
  });
});

describe("markdown for long and large diffs", () => {
  it("folds a long change into <details> with both versions", () => {
    const longWhere = `activated and ${"plan <> 'internal' and ".repeat(6)}true`;
    const changed = kpiText().replace("where: activated,", `where: "${longWhere}",`);
    const markdown = renderMarkdown(diffOf({ "a.kpi.yaml": kpiText() }, { "a.kpi.yaml": changed }));
    const details = markdown.slice(markdown.indexOf("<details>"), markdown.indexOf("</details>"));
    expect(details).toContain("measures.activated.where");
    expect(details).toContain(longWhere);
  });

  it("stays within a GitHub comment however many KPIs changed, risky rows first", () => {
    const count = 1500;
    const base: Record<string, string> = { "kpi.yaml": PROJECT };
    const head: Record<string, string> = { "kpi.yaml": PROJECT };
    for (let i = 0; i < count; i++) {
      base[`k${i}.kpi.yaml`] = kpiText({ id: `kpi_${i}` });
      // One in a hundred eases its target; the others raise it.
      head[`k${i}.kpi.yaml`] = kpiText({
        id: `kpi_${i}`,
        version: 4,
        shortTerm: i % 100 === 99 ? 0.29 : 0.31,
      });
    }
    const markdown = renderMarkdown(diffOf(base, head));
    expect(markdown.length).toBeLessThan(65_536);
    const rows = markdown.split("\n").filter((line) => line.startsWith("| `kpi_"));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThan(count);
    expect(rows.slice(0, count / 100).every((row) => /kpi_\d*99`/.test(row))).toBe(true);
    expect(markdown.trimEnd().endsWith("<!-- kpi-diff -->")).toBe(true);
  });
});

describe("duration targets in the diff", () => {
  it("are written in hours and minutes, as everywhere else", () => {
    expect(formatValue(24, { unit: "duration" })).toBe("24h 00m");
    expect(formatValue(1.5, { unit: "duration" })).toBe("1h 30m");
  });
});
