import { COMMENT_MARKER, diffSourceFiles, RISK_LABELS, renderMarkdown } from "@kpi-as-code/diff";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

// markdown-it follows CommonMark, as GitHub does: what it puts in a code block, a PR comment hides too.
const commonMark = new MarkdownIt({ html: true });

interface Rendered {
  /** The text of every fenced or indented code block. */
  code: string[];
  /** The text of everything else: inline content and HTML blocks. */
  prose: string;
}

function render(markdown: string): Rendered {
  const tokens = commonMark.parse(markdown, {});
  const code = tokens
    .filter((token) => token.type === "fence" || token.type === "code_block")
    .map((token) => token.content);
  const prose = tokens
    .filter((token) => token.type === "inline" || token.type === "html_block")
    .map((token) => token.content)
    .join("\n");
  return { code, prose };
}

const base = { "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() };
const longWhere = `activated and ${"plan <> 'internal' and ".repeat(6)}true`;
// A new measure, a long `where` (folded into <details>), a lowered target, no version bump.
const head = {
  "kpi.yaml": PROJECT,
  "a.kpi.yaml": kpiText({ shortTerm: 0.27 })
    .replace("where: activated,", `where: "${longWhere}",`)
    .replace(
      "measures:\n",
      "measures:\n  resolved: { source: app, from: tickets, aggregate: count, where: \"status = 'resolved'\", time: resolved_at }\n",
    ),
};

describe("the diff's markdown under CommonMark (markdown-it)", () => {
  const markdown = renderMarkdown(diffSourceFiles(files(base), files(head), LABELS));
  const { code, prose } = render(markdown);

  it("keeps a folded change's code inside its <details> and everything after it out of code", () => {
    expect(markdown).toContain("<details>");
    // The folded value is in exactly one code block, and that block holds only it.
    const folded = code.filter((block) => block.includes(longWhere));
    expect(folded).toHaveLength(1);
    for (const block of code) {
      expect(block).not.toContain("short-term target lowered");
      expect(block).not.toContain(RISK_LABELS["target-eased"]);
      expect(block).not.toContain(COMMENT_MARKER);
      expect(block).not.toContain("</details>");
    }
    expect(prose).toContain("short-term target lowered from 30% to 27%");
    expect(prose).toContain(RISK_LABELS["target-eased"]);
    expect(prose).toContain(RISK_LABELS["version-not-bumped"]);
    expect(prose).toContain(COMMENT_MARKER);
    expect(prose).toContain("</details>");
  });

  it("says what an added measure counts, in words, not its YAML", () => {
    const line = markdown.split("\n").find((text) => text.includes("added measure"));
    expect(line).toBe(
      "- added measure `resolved`: count of tickets where status = 'resolved', by resolved_at, from source app",
    );
    expect(markdown).not.toContain("measures.resolved changed");
    expect(code.some((block) => block.includes("tickets"))).toBe(false);
  });
});

describe("a folded change of a goal, nested in its list item", () => {
  const statement = `Grow activation ${"across every plan and region, ".repeat(5)}by the end of the year`;
  const project = PROJECT.replace("statement: Grow activation", `statement: "${statement}"`);
  const markdown = renderMarkdown(
    diffSourceFiles(files(base), files({ ...base, "kpi.yaml": project }), LABELS),
  );

  it("keeps the whole <details> block inside the goal's item", () => {
    const tokens = commonMark.parse(markdown, {});
    const fence = tokens.find((token) => token.type === "fence" && token.content.includes(statement));
    // Nested list: goal item (level 1) -> field item (level 2) -> code block inside it.
    expect(fence?.level).toBeGreaterThanOrEqual(4);
    const closing = tokens.find(
      (token) => token.type === "html_block" && token.content.includes("</details>"),
    );
    expect(closing?.level).toBe(fence?.level);
    expect(render(markdown).prose).toContain(COMMENT_MARKER);
  });
});
