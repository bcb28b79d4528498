import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runKpi, tempDir, writeWorkspace } from "../cli/run-cli.js";
import { rawControlCharacters } from "./control-characters.js";
import {
  CANARY,
  CANARY_ENV,
  type HostileRepo,
  hostileRepo,
  linkDotKpiOutside,
  linkHistoryOutside,
} from "./hostile-repo.js";

/**
 * Issue #17's attacks, run through the built `kpi` as the GitHub Action runs it on a pull request
 * from a fork: nothing outside the workspace is read, written or leaked, control characters never
 * reach the terminal raw, and the clean KPI beside the attacks still computes.
 */

/** Canaries that no run may print, trusted or not: files outside the workspace, .git/config. */
const FILE_CANARIES = [CANARY.file, CANARY.git];
/** In untrusted mode the environment's values are also protected from kpi.yaml. */
const ALL_CANARIES = [...FILE_CANARIES, CANARY.env];

function expectNoLeak(result: CliResult, canaries: readonly string[], extra = ""): void {
  // Something was printed: an empty output (a command that never ran) would pass every check below.
  expect(`${result.stdout}${result.stderr}`.trim()).not.toBe("");
  const output = `${result.stdout}\n${result.stderr}\n${extra}`;
  for (const canary of canaries) expect(output).not.toContain(canary);
  // A crash prints a stack; a hostile workspace gets diagnostics and errors, never that.
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(result.status === 0 || result.status === 1 || result.status === 2).toBe(true);
}

/** Runs `kpi` on a hostile repository as the Action does: from the checkout, with the job's environment. */
function kpiOn(repo: HostileRepo, args: string[], untrusted: boolean): CliResult {
  return runKpi([...args, "--dir", repo.root, ...(untrusted ? ["--untrusted"] : [])], {
    cwd: repo.repo,
    env: CANARY_ENV,
  });
}

let hostile: HostileRepo;
const kpi = (args: string[], untrusted: boolean) => kpiOn(hostile, args, untrusted);

beforeAll(() => {
  hostile = hostileRepo();
});

describe("kpi validate on a hostile workspace", () => {
  for (const format of ["text", "json", "github", "sarif", "junit"]) {
    it(`--format ${format} leaks nothing and prints no raw control character`, () => {
      for (const untrusted of [false, true]) {
        const result = kpi(["validate", "--format", format], untrusted);
        expectNoLeak(result, FILE_CANARIES);
        if (format === "json" || format === "sarif") continue;
        expect(rawControlCharacters(result.stdout)).toEqual([]);
        // The hostile owner reached the output, shown as an escape (JUnit's XML as U+FFFD, which XML can hold).
        expect(result.stdout).toContain(format === "junit" ? "\uFFFD[31mgrowth" : "\\u001b[31mgrowth");
      }
    });
  }
});

describe("kpi run on a hostile workspace", () => {
  for (const format of ["table", "json", "markdown"]) {
    it(`--format ${format} leaks nothing, trusted or not; --untrusted keeps the environment's values too`, () => {
      const trusted = kpi(["run", "--no-record", "--format", format], false);
      expectNoLeak(trusted, FILE_CANARIES);
      const untrusted = kpi(["run", "--no-record", "--format", format], true);
      expectNoLeak(untrusted, ALL_CANARIES);
      if (format === "json") return;
      expect(rawControlCharacters(trusted.stdout)).toEqual([]);
      expect(rawControlCharacters(untrusted.stdout)).toEqual([]);
      // A trusted run shows the engine's error, its escape sequence made visible (and in markdown,
      // its bracket escaped: the message is inert text there).
      expect(trusted.stdout).toContain(format === "markdown" ? "\\u001b\\[31mred" : "\\u001b[31mred");
    });
  }

  it("computes the clean KPI beside the attacks, and fails each attack alone", () => {
    const result = kpi(["run", "--no-record", "--format", "json"], true);
    const results = JSON.parse(result.stdout).results as {
      kpi: string;
      value: number | null;
      status: string;
    }[];
    const byId = new Map(results.map((entry) => [entry.kpi, entry]));
    expect(byId.get("users_total")?.value).toBe(3);
    expect(byId.get("doubled")?.value).toBe(6);
    const attacks = [
      "leaky",
      "from_parent",
      "from_absolute",
      "from_env_table",
      "read_text",
      "from_env_pg_user",
    ];
    for (const attack of attacks) {
      expect(byId.get(attack)?.value ?? null).toBeNull();
    }
  });

  it("refuses --notify in untrusted mode (kpi.yaml would choose where results go), before computing anything", () => {
    for (const env of [{}, { KPI_UNTRUSTED: "1" }] as Record<string, string>[]) {
      const result = runKpi(
        ["run", "--dir", hostile.root, "--notify", ...("KPI_UNTRUSTED" in env ? [] : ["--untrusted"])],
        {
          env,
        },
      );
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("writes nothing through a .kpi folder linked outside the workspace", () => {
    const repo = hostileRepo();
    const target = linkDotKpiOutside(repo);
    expectNoLeak(kpiOn(repo, ["run"], true), ALL_CANARIES);
    expectNoLeak(kpiOn(repo, ["validate"], true), FILE_CANARIES);
    expect(readdirSync(target)).toEqual([".keep"]);
  });

  it("appends nothing to a history file linked to a script outside the workspace", () => {
    const repo = hostileRepo();
    const script = linkHistoryOutside(repo, "users_total");
    const before = readFileSync(script, "utf8");
    expectNoLeak(kpiOn(repo, ["run"], true), ALL_CANARIES);
    expect(readFileSync(script, "utf8")).toBe(before);
  });
});

describe("kpi history on a committed hostile history file", () => {
  it("shows escape sequences in recorded text as visible escapes", () => {
    const repo = hostileRepo();
    const record = {
      format: 1,
      runId: "r\u001b]0;owned\u0007\u001b[2J",
      recordedAt: "2026-10-02T08:00:00.000Z\u001b[31m",
      kpi: "users_total",
      version: 2,
      definitionHash: "h",
      period: { start: "2026-09-01", end: "2026-10-01" },
      value: 3,
      measures: {},
      status: "no_target",
      target: null,
    };
    writeWorkspace({ ".kpi/history/users_total.jsonl": `${JSON.stringify(record)}\n` }, repo.root);
    const result = kpiOn(repo, ["history", "users_total"], false);
    expectNoLeak(result, ALL_CANARIES);
    expect(result.stdout).toContain("\\u001b]0;owned");
    expect(rawControlCharacters(result.stdout)).toEqual([]);
  });
});

describe("kpi diff --values on a hostile pull request", () => {
  for (const format of ["markdown", "json"]) {
    it(`--format ${format} --untrusted leaks nothing and prints no raw control character`, () => {
      const result = kpi(["diff", "--base", "main", "--values", "--format", format], true);
      expectNoLeak(result, ALL_CANARIES);
      expect(result.status).toBe(0);
      if (format === "markdown") expect(rawControlCharacters(result.stdout)).toEqual([]);
    });
  }

  it("withholds the values of the KPI whose new SQL reads a linked file, and computes the other", () => {
    const result = kpi(["diff", "--base", "main", "--values", "--format", "json"], true);
    const kpis = JSON.parse(result.stdout).kpis as {
      id: string;
      values?: unknown;
      valuesWithheld?: string;
    }[];
    const byId = new Map(kpis.map((entry) => [entry.id, entry]));
    expect(byId.get("leaky")).toMatchObject({ valuesWithheld: "untrusted-sql" });
    expect(byId.get("leaky")?.values).toBeUndefined();
    expect(byId.get("doubled")?.values).toMatchObject({ before: "3", after: "6" });
  });

  it("takes --timeout and refuses a bad one with exit 2", () => {
    expect(kpi(["diff", "--base", "main", "--values", "--timeout", "5"], true).status).toBe(0);
    expect(kpi(["diff", "--base", "main", "--values", "--timeout", "0"], true).status).toBe(2);
  });
});

describe("kpi report on a hostile workspace", () => {
  it("--untrusted: neither the HTML nor the terminal carries a canary", () => {
    const out = join(tempDir("kpi-hostile-report-"), "report.html");
    const result = kpi(["report", "--out", out], true);
    expectNoLeak(result, ALL_CANARIES, readFileSync(out, "utf8"));
  });

  it("trusted: no file outside the workspace reaches the HTML either", () => {
    const out = join(tempDir("kpi-hostile-report-"), "report.html");
    const result = kpi(["report", "--out", out], false);
    expectNoLeak(result, FILE_CANARIES, readFileSync(out, "utf8"));
  });
});
