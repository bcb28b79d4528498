import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { validateFiles } from "@kpi-as-code/core";
import { complete, definition, hover, indexWorkspace, WorkspaceState } from "@kpi-as-code/language-service";
import { afterEach, describe, expect, it } from "vitest";
import { CHURN, CHURN_FILE, cursor, FILES, markBefore, TODAY } from "./support/fixture.js";

const MORE = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [
    `more/extra_${i}.kpi.yaml`,
    CHURN.replace("kpi: churn_rate", `kpi: extra_${i}`),
  ]),
);
// A twin of one of them, listed before it: which one is "first" depends on the order of the model.
const TWIN = { "more/a_twin.kpi.yaml": CHURN.replace("kpi: churn_rate", "kpi: extra_5") };
const DISK: Record<string, string> = { ...FILES, ...MORE, ...TWIN };

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function writeDisk(): string {
  root = mkdtempSync(join(tmpdir(), "kpi-index-"));
  for (const [file, text] of Object.entries(DISK)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const hoverText = (result: ReturnType<typeof hover>) =>
  result && typeof result.contents === "object" && "value" in result.contents ? result.contents.value : "";

describe("indexing a workspace", () => {
  it("lets requests read what is indexed so far, an open file at its editor text", async () => {
    const state = new WorkspaceState(writeDisk(), { today: TODAY });
    // The editor opened churn before indexing reached it, and moved it to the other goal.
    const { text: editorText, position: atGoal } = cursor(
      markBefore(CHURN.replace("goal: keep_customers", "goal: grow_active_customers"), "grow_active", 2),
    );
    state.setFile(CHURN_FILE, editorText);
    let release = () => {};
    const held = new Promise<void>((resume) => {
      release = resume;
    });
    let yields = 0;
    const indexing = indexWorkspace(state, {
      sliceMs: 0,
      yieldToOthers: () => {
        yields += 1;
        return held;
      },
    });

    // Held at its first yield: kpi.yaml is in (it comes first), the other KPI files are not.
    expect(yields).toBe(1);
    expect(state.fileNames()).toEqual([CHURN_FILE, "kpi.yaml"].sort());
    expect(complete(state, CHURN_FILE, atGoal).map((item) => item.label)).toEqual([
      "grow_active_customers",
      "keep_customers",
    ]);
    expect(hoverText(hover(state, CHURN_FILE, atGoal))).toContain("Grow new sign-ups 20% in Q4 2026");
    expect(definition(state, CHURN_FILE, atGoal).map((range) => range.file)).toEqual(["kpi.yaml"]);

    release();
    await indexing;
    expect(state.fileNames()).toEqual(Object.keys(DISK).sort());
    expect(state.text(CHURN_FILE)).toBe(editorText);
    // The model kept current file by file is the one a full validation builds.
    const expected = validateFiles(
      Object.entries({ ...DISK, [CHURN_FILE]: editorText }).map(([file, text]) => ({ file, text })),
      { today: TODAY },
    ).diagnostics;
    expect([...state.diagnostics().values()].flat()).toEqual(expected);
    expect(expected.map((diagnostic) => diagnostic.rule)).toEqual(
      expect.arrayContaining(["balance/leading-lagging", "id/duplicate"]),
    );
  });

  it("keeps going when a listed file vanishes before it is read", async () => {
    const state = new WorkspaceState(writeDisk(), { today: TODAY });
    const indexing = indexWorkspace(state, {
      sliceMs: 0,
      yieldToOthers: async () => rmSync(join(root as string, "more/extra_3.kpi.yaml"), { force: true }),
    });
    await indexing;
    expect(state.hasFile("more/extra_3.kpi.yaml")).toBe(false);
    expect(state.fileNames()).toHaveLength(Object.keys(DISK).length - 1);
  });

  it("stops at the next slice once its signal aborts (the workspace was closed)", async () => {
    const state = new WorkspaceState(writeDisk(), { today: TODAY });
    const closed = new AbortController();
    let yields = 0;
    await indexWorkspace(state, {
      sliceMs: 0,
      signal: closed.signal,
      yieldToOthers: async () => {
        yields += 1;
        closed.abort();
      },
    });
    // What was read before the first yield (kpi.yaml first), nothing after it.
    expect(yields).toBe(1);
    expect(state.fileNames()).toContain("kpi.yaml");
    expect(state.fileNames().length).toBeLessThanOrEqual(2);
  });
});
