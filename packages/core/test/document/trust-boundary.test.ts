import { execFileSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Diagnostic, validateDirectory } from "@kpi-as-code/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIVATION_KPI, CHURN_KPI, TODAY, VALID_PROJECT } from "../support/workspace-texts.js";

/**
 * The trust boundary of every read of a workspace file (core's readInsideRoot, through
 * validateDirectory as kpi validate and kpi run read): no link out of the workspace, regular files
 * only, size checked before reading, UTF-8 only. A refused file gets `file/unreadable` at its place;
 * the canary outside the workspace never reaches a diagnostic.
 */
const CANARY = "canary-0f3a9c-secret-token";
let top: string;
let root: string;

beforeEach(() => {
  top = mkdtempSync(join(tmpdir(), "kpi-trust-"));
  root = join(top, "workspace");
  mkdirSync(root);
  writeFileSync(join(top, "outside.kpi.yaml"), `kpi: outside\nname: ${CANARY}\n`);
  writeFileSync(join(top, "config"), `[http]\n\textraheader = AUTHORIZATION: basic ${CANARY}\n`);
  write("kpi.yaml", VALID_PROJECT);
  write("kpis/monthly_churn.kpi.yaml", CHURN_KPI);
});
afterEach(() => rmSync(top, { recursive: true, force: true }));

function write(file: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

function link(file: string, target: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  symlinkSync(target, join(root, file));
}

async function diagnostics(): Promise<Diagnostic[]> {
  const result = await validateDirectory(root, { today: TODAY });
  expect(JSON.stringify(result.diagnostics)).not.toContain(CANARY);
  return result.diagnostics;
}

const unreadable = (list: Diagnostic[]) =>
  list.filter((d) => d.rule === "file/unreadable").map((d) => [d.file, d.line, d.column]);

describe("reading a workspace through its trust boundary", () => {
  it("refuses a KPI file that links out of the workspace, and still checks the others", async () => {
    link("leak.kpi.yaml", "../config");
    link("kpis/also_leak.kpi.yaml", join(top, "outside.kpi.yaml"));
    const list = await diagnostics();
    expect(unreadable(list)).toEqual([
      ["kpis/also_leak.kpi.yaml", 1, 1],
      ["leak.kpi.yaml", 1, 1],
    ]);
    expect(list.filter((d) => d.file === "kpis/monthly_churn.kpi.yaml")).toEqual([]);
  });

  it("refuses kpi.yaml itself when it links out", async () => {
    rmSync(join(root, "kpi.yaml"));
    link("kpi.yaml", "../config");
    expect(unreadable(await diagnostics())).toEqual([["kpi.yaml", 1, 1]]);
  });

  it("reads a link that stays inside the workspace as the file it names", async () => {
    write("shared/first_week_activation.yaml", ACTIVATION_KPI);
    link("kpis/first_week_activation.kpi.yaml", "../shared/first_week_activation.yaml");
    const list = await diagnostics();
    expect(unreadable(list)).toEqual([]);
    expect(list.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("gives loops, dangling links and a link to a device a diagnostic each, without hanging", async () => {
    link("a.kpi.yaml", "b.kpi.yaml");
    link("b.kpi.yaml", "a.kpi.yaml");
    link("dangling.kpi.yaml", "nowhere.kpi.yaml");
    link("zero.kpi.yaml", "/dev/zero");
    expect(unreadable(await diagnostics()).map(([file]) => file)).toEqual([
      "a.kpi.yaml",
      "b.kpi.yaml",
      "dangling.kpi.yaml",
      "zero.kpi.yaml",
    ]);
  });

  it("refuses a FIFO without waiting for a writer", async () => {
    execFileSync("mkfifo", [join(root, "pipe.kpi.yaml")]);
    expect(unreadable(await diagnostics())).toEqual([["pipe.kpi.yaml", 1, 1]]);
  });

  it("checks the size before reading: a huge sparse file is refused unread", async () => {
    const fd = openSync(join(root, "huge.kpi.yaml"), "w");
    execFileSync("truncate", ["-s", "8G", join(root, "huge.kpi.yaml")]);
    closeSync(fd);
    expect(unreadable(await diagnostics())).toEqual([["huge.kpi.yaml", 1, 1]]);
  });

  it("reports invalid UTF-8 and a NUL byte at their position", async () => {
    write("bad_utf8.kpi.yaml", Buffer.concat([Buffer.from("kpi: x\nname: ab"), Buffer.from([0xc3, 0x28])]));
    write("binary.kpi.yaml", "kpi: y\nname: a\0b\n");
    expect(unreadable(await diagnostics())).toEqual(
      [
        ["binary.kpi.yaml", 2, 8],
        ["bad_utf8.kpi.yaml", 2, 9],
      ].sort(),
    );
  });

  it("enters a linked folder inside the workspace once, and reports one that leads out", async () => {
    write("teams/growth/first_week_activation.kpi.yaml", ACTIVATION_KPI);
    link("alias", "teams");
    link("teams/growth/loop", "..");
    mkdirSync(join(top, "elsewhere"));
    writeFileSync(join(top, "elsewhere", "secret.kpi.yaml"), `kpi: secret\nname: ${CANARY}\n`);
    link("external", "../elsewhere");
    const list = await diagnostics();
    expect(unreadable(list)).toEqual([["external", 1, 1]]);
    // The folder reached twice (teams, alias) is read once: no duplicate id.
    expect(list.filter((d) => d.rule === "id/duplicate")).toEqual([]);
  });

  it("leaves the workspace as it found it: nothing is written", async () => {
    await diagnostics();
    expect(() => readFileSync(join(root, ".kpi"))).toThrow();
  });
});
