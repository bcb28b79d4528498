import { diffSourceFiles, renderJson, renderMarkdown } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { files, kpiText, LABELS, PROJECT } from "./workspaces.js";

describe("values withheld in an untrusted diff", () => {
  const diff = () => {
    const result = diffSourceFiles(
      files({ "kpi.yaml": PROJECT, "a.kpi.yaml": kpiText() }),
      files({
        "kpi.yaml": PROJECT,
        "a.kpi.yaml": kpiText({ formula: "activated / signups * 2", version: 2 }),
      }),
      LABELS,
    );
    const [kpi] = result.kpis;
    if (!kpi) throw new Error("expected one changed KPI");
    kpi.valuesWithheld = "untrusted-sql";
    return result;
  };

  it("says so in the KPI's section of the comment, where the values would be", () => {
    const markdown = renderMarkdown(diff());
    const section = markdown.slice(markdown.indexOf("#### "));
    expect(section).toMatch(/^- _Values not computed: .*untrusted\._$/m);
    expect(section).not.toContain("with the new definition**");
  });

  it("carries the reason in JSON, with no values", () => {
    const [kpi] = JSON.parse(renderJson(diff())).kpis;
    expect(kpi).toMatchObject({ valuesWithheld: "untrusted-sql" });
    expect(kpi.values).toBeUndefined();
  });
});
