import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../cli/run-cli.js";

interface Step {
  id?: string;
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(resolve(import.meta.dirname, "../../../../action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string }>;
  runs: { steps: Step[] };
};

function step(id: string): Step & { run: string } {
  const found = action.runs.steps.find((candidate) => candidate.id === id);
  if (!found?.run) throw new Error(`action.yml has no run step ${id}`);
  return found as Step & { run: string };
}

/** Runs one of the action's bash steps as the runner would, with `env`; returns what it wrote to GITHUB_OUTPUT. */
function runStep(
  id: string,
  env: Record<string, string>,
  cwd?: string,
): { output: Record<string, string>; stdout: string } {
  const dir = tempDir("kpi-action-");
  const outputFile = join(dir, "output");
  // The shell GitHub runs `shell: bash` steps with.
  const result = spawnSync("bash", [...BASH, step(id).run], {
    cwd: cwd ?? dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(dir, "summary"),
      RUNNER_TEMP: dir,
      ...env,
    },
  });
  expect(result.status, result.stderr).toBe(0);
  const text = spawnSync("cat", [outputFile], { encoding: "utf8" }).stdout ?? "";
  const output = Object.fromEntries(
    text
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { output, stdout: result.stdout };
}

const BASH = ["--noprofile", "--norc", "-eo", "pipefail", "-c"];
const SAME_REPO = { HEAD_REPO: "acme/kpis", BASE_REPO: "acme/kpis", HEAD_IS_FORK: "false" };

function trust(env: Record<string, string>): string | undefined {
  return runStep("trust", { INPUT_UNTRUSTED: "auto", EVENT_NAME: "pull_request", ...env }).output.untrusted;
}

describe("action.yml trust decision", () => {
  it("trusts a pull request from a branch of the same repository", () => {
    expect(trust({ IS_PULL_REQUEST: "true", ...SAME_REPO })).toBe("false");
  });

  it("distrusts a pull request from a fork, by the fork flag or by another head repository", () => {
    expect(trust({ IS_PULL_REQUEST: "true", ...SAME_REPO, HEAD_IS_FORK: "true" })).toBe("true");
    expect(trust({ IS_PULL_REQUEST: "true", ...SAME_REPO, HEAD_REPO: "mallory/kpis" })).toBe("true");
    // The head repository was deleted: GitHub sends no name.
    expect(trust({ IS_PULL_REQUEST: "true", ...SAME_REPO, HEAD_REPO: "" })).toBe("true");
  });

  it("distrusts every pull_request_target event and warns about it", () => {
    const run = runStep("trust", {
      INPUT_UNTRUSTED: "auto",
      EVENT_NAME: "pull_request_target",
      IS_PULL_REQUEST: "true",
      ...SAME_REPO,
    });
    expect(run.output.untrusted).toBe("true");
    expect(run.stdout).toMatch(/^::warning /m);
  });

  it("input true distrusts a push; auto trusts it", () => {
    expect(trust({ EVENT_NAME: "push", IS_PULL_REQUEST: "false", INPUT_UNTRUSTED: "true" })).toBe("true");
    expect(trust({ EVENT_NAME: "push", IS_PULL_REQUEST: "false" })).toBe("false");
  });

  it("cannot be turned off for a fork: there is no input value that trusts one", () => {
    const result = spawnSync("bash", [...BASH, step("trust").run], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", GITHUB_OUTPUT: "/dev/null", INPUT_UNTRUSTED: "false" },
    });
    expect(result.status).not.toBe(0);
  });
});

describe("action.yml base revision", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" });

  function clone(): string {
    const origin = tempDir("kpi-action-origin-");
    git(origin, "init", "-q", "-b", "main");
    git(
      origin,
      "-c",
      "user.email=t@example.com",
      "-c",
      "user.name=T",
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      "base",
    );
    const work = join(tempDir("kpi-action-clone-"), "work");
    execFileSync("git", ["clone", "-q", origin, work], { stdio: "pipe" });
    return work;
  }

  it("uses a full clone's copy of the base branch without fetching (no credentials needed)", () => {
    const work = clone();
    // An unreachable origin: a fetch would fail the step.
    git(work, "remote", "set-url", "origin", join(tempDir("kpi-action-gone-"), "missing.git"));
    const { output } = runStep("base", { INPUT_BASE: "", BASE_BRANCH: "main" }, work);
    expect(output.ref).toBe("origin/main");
  });

  it("fetches the base branch when the clone lacks it", () => {
    const work = clone();
    git(work, "update-ref", "-d", "refs/remotes/origin/main");
    const { output } = runStep("base", { INPUT_BASE: "", BASE_BRANCH: "main" }, work);
    expect(output.ref).toBe("origin/main");
    git(work, "rev-parse", "--verify", "refs/remotes/origin/main");
  });
});

describe("action.yml passes the decision to the CLI", () => {
  // `echo` stands in for the CLI: the step's command line is what it prints.
  const cli = { KPI: "echo", DIR: "", BASE: "origin/main", SARIF: "" };

  it("validate and diff get --untrusted when the workspace is not trusted, and only then", () => {
    expect(runStep("validate", { ...cli, UNTRUSTED: "true" }).stdout).toMatch(/^validate .*--untrusted/m);
    expect(runStep("validate", { ...cli, UNTRUSTED: "false" }).stdout).not.toContain("--untrusted");
    const diff = (env: Record<string, string>) => {
      const { output } = runStep("diff", { ...cli, VALUES: "false", TIMEOUT: "", ...env });
      return readFileSync(output.file ?? "", "utf8");
    };
    expect(diff({ UNTRUSTED: "true" })).toMatch(/^diff .*--untrusted/m);
    expect(diff({ UNTRUSTED: "false" })).not.toContain("--untrusted");
    expect(diff({ UNTRUSTED: "true", VALUES: "true", TIMEOUT: "20" })).toMatch(/--values --timeout 20/);
  });

  it("never splices an expression into a script: inputs and event fields reach bash as variables", () => {
    for (const candidate of action.runs.steps) expect(candidate.run ?? "").not.toContain("${{");
    expect(action.inputs.untrusted?.default).toBe("auto");
  });
});
