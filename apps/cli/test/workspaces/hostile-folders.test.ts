import { describe, expect, it } from "vitest";
import { runKpi, writeWorkspace } from "../cli/run-cli.js";
import { rawControlCharacters } from "../security/control-characters.js";
import { commitFiles, kpi, project, twoWorkspaces, USERS } from "./repo.js";

/** A workspace folder's name is repository content: whatever it holds, no command prints it raw. */
const HOSTILE = "x\u001b[31mred\u001b]0;owned\u0007";

describe("workspace folders with control characters in their names", () => {
  it("are shown escaped by validate, run, report and diff", () => {
    const repo = twoWorkspaces();
    commitFiles(
      repo,
      {
        [`${HOSTILE}/kpi.yaml`]: project("hostile"),
        [`${HOSTILE}/shared.kpi.yaml`]: kpi("hostile"),
        [`${HOSTILE}/data/users.csv`]: USERS,
      },
      "a hostile folder",
    );
    writeWorkspace({ [`${HOSTILE}/shared.kpi.yaml`]: kpi("hostile", 2) }, repo);
    const commands = [
      ["validate", "--today", "2026-11-27"],
      ["run", "--no-record", "--today", "2026-11-27"],
      ["report", "--today", "2026-11-27"],
      ["diff", "--base", "HEAD"],
    ];
    for (const args of commands) {
      const result = runKpi(args, { cwd: repo });
      expect(result.stdout, args[0]).toContain("red");
      expect(rawControlCharacters(result.stdout), args[0]).toEqual([]);
      expect(rawControlCharacters(result.stderr), args[0]).toEqual([]);
    }
  });
});
