import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/formats/index.js";
import { emptyReport, sampleReport, TRICKY_MESSAGE } from "./sample-report.js";

interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

// Decodes workflow commands the way the Actions runner does: split on the
// literal separators first, then undo the percent escapes.
function parseAnnotations(output: string): Annotation[] {
  const decode = (value: string) =>
    value.replace(/%(25|0D|0A|3A|2C)/g, (encoded) => decodeURIComponent(encoded));
  return output
    .split("\n")
    .filter((line) => line.startsWith("::"))
    .map((line) => {
      const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
      if (!match) throw new Error(`not a workflow command: ${line}`);
      const [, command = "", propertyList = "", message = ""] = match;
      const properties = Object.fromEntries(
        propertyList.split(",").map((pair) => {
          const [key = "", value = ""] = pair.split("=");
          return [key, decode(value)];
        }),
      );
      return { command, properties, message: decode(message) };
    });
}

describe("github format", () => {
  it("emits one annotation per diagnostic with its position and rule as title", () => {
    const annotations = parseAnnotations(formatReport("github", sampleReport(), { color: false }));

    expect(annotations.map((annotation) => annotation.command)).toEqual([
      "notice",
      "warning",
      "error",
      "error",
      "warning",
    ]);
    expect(annotations[3]?.properties).toEqual({
      file: "kpis/activation.kpi.yaml",
      line: "12",
      col: "9",
      endLine: "12",
      endColumn: "30",
      title: "alignment/unknown-goal",
    });
  });

  it("escapes data and property values so they survive the round trip", () => {
    const output = formatReport("github", sampleReport(), { color: false });
    const annotations = parseAnnotations(output);

    expect(annotations[3]?.message).toBe(TRICKY_MESSAGE);
    expect(annotations[4]?.properties.file).toBe("kpis/churn, monthly.kpi.yaml");
    // Escaping keeps every annotation on one line: 5 annotations, the summary, the final newline.
    expect(output.split("\n")).toHaveLength(7);
    expect(output).toContain("file=kpis/churn%2C monthly.kpi.yaml,");
    expect(output).toContain('::Target 50%25 is "unreachable": a, b & c <must> move%0D%0Asecond');
  });

  it("prepends the workspace's path inside the repository", () => {
    const options = { color: false, pathPrefix: "examples/saas/" };
    const annotations = parseAnnotations(formatReport("github", sampleReport(), options));

    expect(annotations.map((annotation) => annotation.properties.file)).toEqual([
      "examples/saas/kpi.yaml",
      "examples/saas/kpis/activation.kpi.yaml",
      "examples/saas/kpis/activation.kpi.yaml",
      "examples/saas/kpis/activation.kpi.yaml",
      "examples/saas/kpis/churn, monthly.kpi.yaml",
    ]);
  });

  it("emits no annotation for a clean report", () => {
    const output = formatReport("github", emptyReport(), { color: false });

    expect(parseAnnotations(output)).toEqual([]);
    expect(output).toBe("✔ 4 files checked, no problems\n");
  });
});
