import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { COMMENT_MARKER } from "@kpi-as-code/diff";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { KPI_BIN, tempDir, writeWorkspace } from "../cli/run-cli.js";
import { kpi, twoWorkspaces } from "../workspaces/repo.js";

/**
 * The Action on a repository with two KPI workspaces and no kpi.yaml at its root (issue #18): its
 * bash steps run for real (the built CLI, a real git repository), and its comment script against a
 * recording stand-in for GitHub's REST client, which cannot run here.
 */
interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const action = parse(readFileSync(resolve(import.meta.dirname, "../../../../action.yml"), "utf8")) as {
  runs: { steps: Step[] };
};

function runStep(id: string, cwd: string, env: Record<string, string>) {
  const run = action.runs.steps.find((step) => step.id === id)?.run;
  if (!run) throw new Error(`action.yml has no run step ${id}`);
  const temp = tempDir("kpi-action-");
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", run], {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? temp,
      NO_COLOR: "1",
      GITHUB_OUTPUT: join(temp, "output"),
      GITHUB_STEP_SUMMARY: join(temp, "summary"),
      RUNNER_TEMP: temp,
      KPI: `${process.execPath} ${KPI_BIN}`,
      ...env,
    },
  });
  expect(result.status, result.stderr).toBe(0);
  const read = (file: string) => (existsSync(join(temp, file)) ? readFileSync(join(temp, file), "utf8") : "");
  return { stdout: result.stdout, output: read("output"), summary: read("summary") };
}

/** A pull request on the two-workspace repository: growth's KPI names an owner growth lacks, support's target is lowered. */
function pullRequest(): string {
  const repo = twoWorkspaces();
  writeWorkspace(
    { "teams/growth/shared.kpi.yaml": kpi("support"), "teams/support/shared.kpi.yaml": kpi("support", 2) },
    repo,
  );
  return repo;
}

interface Annotation {
  command: string;
  file: string;
  line: number;
  title: string;
}

function annotations(stdout: string): Annotation[] {
  return [
    ...stdout.matchAll(
      /^::(\w+) file=([^,]*),line=(\d+),col=\d+,endLine=\d+,endColumn=\d+,title=([^:]*)::/gm,
    ),
  ].map((match) => ({
    command: match[1] ?? "",
    file: match[2] ?? "",
    line: Number(match[3]),
    title: (match[4] ?? "").replaceAll("%2F", "/"),
  }));
}

describe("action.yml over two workspaces", () => {
  it("annotates every workspace's files at their repository paths and writes one SARIF run", () => {
    const repo = pullRequest();
    const { stdout, output } = runStep("validate", repo, { DIR: "", BASE: "base", SARIF: "kpi.sarif" });
    expect(output).toContain("exit-code=1");
    const found = annotations(stdout);
    expect(found).toContainEqual({
      command: "error",
      file: "teams/growth/shared.kpi.yaml",
      line: 5,
      title: "ownership/unknown-owner",
    });
    // The version rule against the base, in the other workspace.
    expect(found.filter((a) => a.title === "version/not-bumped").map((a) => a.file)).toEqual([
      "teams/support/shared.kpi.yaml",
    ]);
    const sarif = JSON.parse(readFileSync(join(repo, "kpi.sarif"), "utf8")) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.runs).toHaveLength(1);
    const uris = new Set(
      sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri),
    );
    // Paths from the repository root, so that code scanning places them: each one exists there.
    expect([...uris].filter((uri) => !existsSync(join(repo, uri ?? "")))).toEqual([]);
    expect(uris).toContain("teams/growth/shared.kpi.yaml");
    expect(uris).toContain("teams/support/shared.kpi.yaml");
  });

  it("diffs every workspace into one markdown file, grouped by workspace, with one marker", () => {
    const repo = pullRequest();
    const { output, summary } = runStep("diff", repo, {
      DIR: "",
      BASE: "base",
      VALUES: "false",
      TIMEOUT: "",
    });
    const file = /^file=(.*)$/m.exec(output)?.[1] ?? "";
    const body = readFileSync(file, "utf8");
    expect(summary).toBe(body);
    const lines = body.split("\n");
    expect(lines.filter((line) => line.startsWith("### Workspace"))).toEqual([
      "### Workspace `teams/growth`",
      "### Workspace `teams/support`",
    ]);
    expect(lines.filter((line) => line === COMMENT_MARKER)).toHaveLength(1);
  });

  it("keeps one comment for all workspaces: created once, then updated", async () => {
    const repo = pullRequest();
    const { output } = runStep("diff", repo, { DIR: "", BASE: "base", VALUES: "false", TIMEOUT: "" });
    const file = /^file=(.*)$/m.exec(output)?.[1] ?? "";
    const github = recordingGithub();
    await runCommentScript(github, file);
    await runCommentScript(github, file);
    expect(github.calls.map((call) => call.method)).toEqual(["createComment", "updateComment"]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toBe(readFileSync(file, "utf8"));
  });
});

describe("action.yml's scheduled review over two workspaces", () => {
  /** Both workspaces' KPIs are due for review: their review date has long passed. */
  function dueForReview(): string {
    const repo = twoWorkspaces();
    const review = "review: { every: month, next: 2026-01-05 }\n";
    writeWorkspace(
      {
        "teams/growth/shared.kpi.yaml": kpi("growth") + review,
        "teams/support/shared.kpi.yaml": kpi("support") + review,
      },
      repo,
    );
    return repo;
  }

  it("writes one agenda for every workspace, a section each, to the summary and one issue", async () => {
    const repo = dueForReview();
    const { output, summary } = runStep("review", repo, { DIR: "", WITHIN: "7" });
    const file = /^file=(.*)$/m.exec(output)?.[1] ?? "";
    const body = readFileSync(file, "utf8");
    expect(summary).toBe(body);
    const lines = body.split("\n");
    expect(lines.filter((line) => line.startsWith("# "))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("## Workspace"))).toEqual([
      "## Workspace `teams/growth`",
      "## Workspace `teams/support`",
    ]);
    expect(lines.filter((line) => line.startsWith("### ") && line.includes("`shared`"))).toHaveLength(2);
    const title = /^title=(.*)$/m.exec(output)?.[1] ?? "";
    const github = recordingIssues();
    await runIssueScript(github, file, title);
    await runIssueScript(github, file, title);
    expect(github.calls).toEqual(["create", "update"]);
    expect(github.issues.map((issue) => issue.body)).toEqual([body]);
  });
});

/** Keeps the repository's open issues in memory and records what the review script asked of GitHub. */
function recordingIssues() {
  const issues: { number: number; title: string; body: string }[] = [];
  const calls: string[] = [];
  const rest = {
    issues: {
      listForRepo: "listForRepo",
      create: async ({ title, body }: { title: string; body: string }) => {
        calls.push("create");
        issues.push({ number: issues.length + 1, title, body });
      },
      update: async ({ issue_number, body }: { issue_number: number; body: string }) => {
        calls.push("update");
        const issue = issues.find((i) => i.number === issue_number);
        if (issue) issue.body = body;
      },
    },
  };
  return { issues, calls, paginate: async () => issues.map((i) => ({ ...i })), rest };
}

async function runIssueScript(
  github: ReturnType<typeof recordingIssues>,
  file: string,
  title: string,
): Promise<void> {
  const step = action.runs.steps.find((s) => s.with?.script?.includes("KPI_REVIEW_FILE"));
  const script = step?.with?.script ?? "";
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const run = new AsyncFunction("require", "github", "context", "process", script);
  await run(
    (name: string) => (name === "node:fs" ? { readFileSync } : undefined),
    github,
    { repo: { owner: "acme", repo: "kpis" } },
    { env: { KPI_REVIEW_FILE: file, KPI_REVIEW_TITLE: title, KPI_REVIEW_LABEL: "kpi-review" } },
  );
}

interface Comment {
  id: number;
  body: string;
}

/** Keeps the pull request's comments in memory and records what the script asked of GitHub. */
function recordingGithub() {
  const comments: Comment[] = [];
  const calls: { method: string }[] = [];
  const issues = {
    listComments: "listComments",
    createComment: async ({ body }: { body: string }) => {
      calls.push({ method: "createComment" });
      comments.push({ id: comments.length + 1, body });
    },
    updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
      calls.push({ method: "updateComment" });
      const comment = comments.find((c) => c.id === comment_id);
      if (comment) comment.body = body;
    },
  };
  return { comments, calls, paginate: async () => comments.map((c) => ({ ...c })), rest: { issues } };
}

async function runCommentScript(github: ReturnType<typeof recordingGithub>, file: string): Promise<void> {
  const step = action.runs.steps.find((s) => s.with?.script?.includes("KPI_DIFF_FILE"));
  const script = step?.with?.script ?? "";
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const run = new AsyncFunction("require", "github", "context", "core", "process", script);
  const warnings: string[] = [];
  await run(
    (name: string) => (name === "node:fs" ? { readFileSync } : undefined),
    github,
    { repo: { owner: "acme", repo: "kpis" }, payload: { pull_request: { number: 7 } } },
    { warning: (text: string) => warnings.push(text) },
    { env: { KPI_DIFF_FILE: file } },
  );
  expect(warnings).toEqual([]);
}
