import { DEFAULT_SETTINGS, readSettings, WorkspaceUris } from "@kpi-as-code/language-server";
import { describe, expect, it } from "vitest";

describe("settings", () => {
  it("read kpi.today and kpi.debounceMs flat or under a kpi section", () => {
    expect(readSettings({ today: "2026-11-27", debounceMs: 0 }, DEFAULT_SETTINGS)).toEqual({
      today: "2026-11-27",
      debounceMs: 0,
    });
    expect(readSettings({ kpi: { debounceMs: 40 } }, { today: "2026-01-01", debounceMs: 5 })).toEqual({
      today: "2026-01-01",
      debounceMs: 40,
    });
  });

  it("fall back to the default for malformed values and clear an empty today", () => {
    expect(
      readSettings({ today: "tomorrow", debounceMs: -3 }, { today: "2026-01-01", debounceMs: 5 }),
    ).toEqual({
      debounceMs: DEFAULT_SETTINGS.debounceMs,
    });
    expect(readSettings(null, { debounceMs: 7 })).toEqual({ debounceMs: 7 });
  });
});

describe("workspace uris", () => {
  it("name files relative to the root and refuse URIs outside it", () => {
    const uris = new WorkspaceUris("/work/acme");
    expect(uris.fileOf("file:///work/acme/metrics/a%20b.kpi.yaml")).toBe("metrics/a b.kpi.yaml");
    expect(uris.uriOf("metrics/a b.kpi.yaml")).toBe("file:///work/acme/metrics/a%20b.kpi.yaml");
    expect(uris.fileOf("file:///work/other/kpi.yaml")).toBeUndefined();
    expect(uris.fileOf("untitled:Untitled-1")).toBeUndefined();
  });
});
