import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../cli/run-cli.js";

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const action = parse(readFileSync(resolve(import.meta.dirname, "../../../../action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string }>;
  runs: { steps: Step[] };
};

/** Runs one of the action's bash steps with `KPI` printing its arguments, one per line. */
function runStep(id: string, env: Record<string, string>) {
  const run = action.runs.steps.find((step) => step.id === id)?.run;
  if (!run) throw new Error(`action.yml has no run step ${id}`);
  const dir = tempDir("kpi-action-");
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", run], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      GITHUB_OUTPUT: join(dir, "output"),
      GITHUB_STEP_SUMMARY: join(dir, "summary"),
      RUNNER_TEMP: dir,
      KPI: "printf %s\\n",
      ...env,
    },
  });
  expect(result.status, result.stderr).toBe(0);
  const read = (file: string) => spawnSync("cat", [join(dir, file)], { encoding: "utf8" }).stdout ?? "";
  return { stdout: result.stdout, output: read("output"), summary: read("summary") };
}

describe("action.yml on a schedule", () => {
  it("has the notify, review and state inputs, off by default except the state cache", () => {
    expect(action.inputs.notify?.default).toBe("false");
    expect(action.inputs.review?.default).toBe("false");
    expect(action.inputs["review-within"]?.default).toBe("7");
    expect(action.inputs["state-cache"]?.default).toBe("true");
  });

  it("runs kpi run --notify in the workspace", () => {
    expect(runStep("notify", { DIR: "examples/saas" }).stdout.split("\n")).toEqual([
      "run",
      "--notify",
      "--dir",
      "examples/saas",
      "",
    ]);
  });

  it("writes the review to the job summary and names the issue after the ISO week", () => {
    const { summary, output } = runStep("review", { DIR: "", WITHIN: "14" });
    expect(summary.split("\n")).toEqual(["review", "--format", "markdown", "--within", "14", ""]);
    expect(output).toMatch(/^file=.*kpi-review\.md$/m);
    expect(output).toMatch(/^title=KPI review \d{4}-W\d{2}$/m);
  });

  it("never alerts or reviews in an untrusted run, and updates one issue per review", () => {
    for (const id of ["notify", "review"]) {
      expect(action.runs.steps.find((step) => step.id === id)?.if).toContain(
        "steps.trust.outputs.untrusted != 'true'",
      );
    }
    const issue = action.runs.steps.find((step) => step.with?.script?.includes("KPI_REVIEW_TITLE"));
    expect(issue?.with?.script).toContain("issues.update");
    expect(issue?.with?.script).toContain("issues.create");
  });
});
