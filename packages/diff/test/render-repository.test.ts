import {
  COMMENT_MARKER,
  diffSourceFiles,
  groupWorkspaceDiffs,
  renderRepositoryMarkdown,
  type WorkspaceDiffEntry,
} from "@kpi-as-code/diff";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

/** Several workspaces' diffs as one: paths, totals and one comment (issue #18). */
const base = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() };
const eased = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText({ shortTerm: 0.27 }) };

const entry = (
  workspace: string,
  head: Record<string, string>,
  from: Record<string, string> = base,
): WorkspaceDiffEntry => ({
  workspace,
  change: "kept",
  diff: diffSourceFiles(files(from), files(head), LABELS),
});

describe("groupWorkspaceDiffs", () => {
  it("puts workspaces in folder order, files under their folder, and adds the summaries up", () => {
    const diff = groupWorkspaceDiffs(LABELS, [entry("teams/support", eased), entry("teams/growth", eased)]);
    expect(diff.workspaces.map((w) => w.workspace)).toEqual(["teams/growth", "teams/support"]);
    expect(diff.workspaces.map((w) => w.kpis.map((k) => k.file))).toEqual([
      ["teams/growth/a.kpi.yaml"],
      ["teams/support/a.kpi.yaml"],
    ]);
    expect(diff.summary.kpis.changed).toBe(2);
    expect(diff.summary.risks["target-eased"]).toBe(2);
  });

  it("names the folder the command ran in `.`", () => {
    const diff = groupWorkspaceDiffs(LABELS, [entry("", eased), entry("sub", base)]);
    expect(diff.workspaces[0]?.workspace).toBe(".");
    expect(diff.workspaces[0]?.kpis[0]?.file).toBe("a.kpi.yaml");
  });
});

describe("renderRepositoryMarkdown", () => {
  it("gives each changed workspace a section and names the untouched ones once", () => {
    const markdown = renderRepositoryMarkdown(
      groupWorkspaceDiffs(LABELS, [entry("a", eased), entry("b", base), entry("c", eased)]),
    );
    const lines = markdown.split("\n");
    expect(lines.filter((line) => line.startsWith("### "))).toEqual([
      "### Workspace `a`",
      "### Workspace `c`",
    ]);
    expect(lines.filter((line) => line.startsWith("No changes in "))).toEqual(["No changes in `b`."]);
    expect(lines.filter((line) => line === COMMENT_MARKER)).toHaveLength(1);
    expect(lines.at(-2)).toBe(COMMENT_MARKER);
  });

  it("says so when no workspace changed", () => {
    const markdown = renderRepositoryMarkdown(
      groupWorkspaceDiffs(LABELS, [entry("a", base), entry("b", base)]),
    );
    expect(markdown).not.toContain("### ");
    expect(markdown.trimEnd().endsWith(COMMENT_MARKER)).toBe(true);
  });

  it("stays under GitHub's comment limit with many large workspaces, counting what it left out", () => {
    const many = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`k${i}.kpi.yaml`, kpiText({ id: `kpi_${i}` })]),
    );
    const changed = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [
        `k${i}.kpi.yaml`,
        kpiText({ id: `kpi_${i}`, shortTerm: 0.2, formula: "visits / signups" }),
      ]),
    );
    const entries = ["a", "b", "c", "d"].map((folder) =>
      entry(folder, { "kpi.yaml": PROJECT, ...changed }, { "kpi.yaml": PROJECT, ...many }),
    );
    const markdown = renderRepositoryMarkdown(groupWorkspaceDiffs(LABELS, entries));
    expect(markdown.length).toBeLessThan(65_536);
    expect(markdown.split("\n").filter((line) => line.startsWith("### Workspace"))).toHaveLength(4);
    expect(markdown).toMatch(/_\d+ more sections left out to fit a comment/);
    expect(markdown.trimEnd().endsWith(COMMENT_MARKER)).toBe(true);
  });

  it("keeps a hostile folder name inert: no heading, link or HTML from it", () => {
    const folder = "x` <img src=y> [z](http://e) \u001b[31m";
    const markdown = renderRepositoryMarkdown(
      groupWorkspaceDiffs(LABELS, [entry(folder, eased), entry("b", base)]),
    );
    const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
    const inline = tokens.flatMap((token) => token.children ?? []);
    expect(inline.filter((token) => token.type === "link_open")).toEqual([]);
    // The risk cells' own <br> and the marker are the only HTML.
    expect(inline.filter((token) => token.type === "html_inline").map((token) => token.content)).toEqual(
      expect.not.arrayContaining([expect.stringContaining("img")]),
    );
    const blocks = tokens.filter((token) => token.type === "html_block").map((token) => token.content.trim());
    expect(blocks).toEqual([COMMENT_MARKER]);
    expect(markdown).not.toContain("\u001b");
  });
});
