import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands.js";
import { generatedContributions } from "../src/manifest.js";
import { readSettings, SETTINGS, SETTINGS_SECTION } from "../src/settings.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/*
 * package.json's contributes.commands and contributes.configuration are generated from
 * src/commands.ts and src/settings.ts. Regenerate with `npm run generate -w kpi-as-code-vscode`.
 */
describe("the extension manifest", () => {
  it("has the generated commands and settings (run `npm run generate -w kpi-as-code-vscode` if not)", () => {
    const generated = generatedContributions();
    expect(manifest.contributes.commands).toStrictEqual(generated.commands);
    expect(manifest.contributes.configuration).toStrictEqual(generated.configuration);
  });

  it("names only contributed commands in its menus", () => {
    const ids = new Set(Object.values(COMMANDS).map(({ command }) => command));
    const menuCommands = Object.values(
      manifest.contributes.menus as Record<string, Array<{ command: string }>>,
    )
      .flat()
      .map(({ command }) => command);
    expect(menuCommands.length).toBeGreaterThan(0);
    expect(menuCommands.filter((command) => !ids.has(command))).toEqual([]);
  });

  it("keeps every setting under the kpi section", () => {
    for (const key of Object.keys(SETTINGS)) expect(key.startsWith(`${SETTINGS_SECTION}.`)).toBe(true);
  });

  it("points YAML tooling at both JSON Schemas", () => {
    expect(manifest.contributes.yamlValidation).toStrictEqual([
      { fileMatch: ["*.kpi.yaml", "*.kpi.yml"], url: "./schemas/kpi.schema.json" },
      { fileMatch: "kpi.yaml", url: "./schemas/kpi-project.schema.json" },
    ]);
  });

  it("has what vsce requires to package", () => {
    expect(manifest.publisher).toBeTruthy();
    expect(manifest.repository.url).toMatch(/^https:/);
    expect(manifest.engines.vscode).toBe("^1.95.0");
    expect(manifest.main).toBe("./dist/extension.cjs");
  });
});

describe("readSettings", () => {
  it("reads defaults as unset", () => {
    const defaults = Object.fromEntries(
      Object.entries(SETTINGS).map(([key, schema]) => [
        key.slice(SETTINGS_SECTION.length + 1),
        schema.default,
      ]),
    );
    expect(readSettings((key) => defaults[key])).toEqual({
      today: undefined,
      runOnSave: false,
      statusBarEnabled: true,
    });
  });

  it("treats an empty date as the system date", () => {
    const values: Record<string, unknown> = { today: "", runOnSave: true, "statusBar.enabled": false };
    expect(readSettings((key) => values[key])).toEqual({
      today: undefined,
      runOnSave: true,
      statusBarEnabled: false,
    });
    expect(readSettings((key) => (key === "today" ? "2026-11-26" : undefined)).today).toBe("2026-11-26");
  });
});
