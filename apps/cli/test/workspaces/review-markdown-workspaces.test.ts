import { describe, expect, it } from "vitest";
import { workspacesReviewMarkdown } from "../../src/review/review-markdown.js";

/** The grouped review's structure, including a workspace whose agenda could not be computed. */
describe("workspacesReviewMarkdown", () => {
  const agenda = { today: "2026-11-27", until: "2026-12-04", due: [] };

  it("gives each workspace a level-2 section, an error in place of the agenda that failed", () => {
    const markdown = workspacesReviewMarkdown("2026-11-27", [
      { workspace: "teams/growth", agenda, displays: new Map() },
      { workspace: "teams/support", error: "No KPI | in the workspace.\nsecond line" },
    ]);
    const lines = markdown.split("\n");
    expect(lines.filter((line) => line.startsWith("#"))).toEqual([
      "# KPI review, 2026-11-27",
      "## Workspace `teams/growth`",
      "## Workspace `teams/support`",
    ]);
    // The error stays on one line, out of table syntax.
    const error = lines.slice(lines.indexOf("## Workspace `teams/support`") + 1).filter(Boolean);
    expect(error).toHaveLength(1);
    expect(error[0]).toContain("\\|");
  });

  it("keeps a folder name holding backticks inside its code span", () => {
    const markdown = workspacesReviewMarkdown("2026-11-27", [
      { workspace: "odd`name", agenda, displays: new Map() },
      { workspace: "plain", agenda, displays: new Map() },
    ]);
    expect(markdown).toContain("## Workspace ``odd`name``");
  });
});
