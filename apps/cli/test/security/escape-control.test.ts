import { escapeControl, escapeControlDeep } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

describe("escapeControl", () => {
  it("shows ANSI escapes, C0, DEL, C1 and bidi overrides as visible \\uXXXX", () => {
    expect(escapeControl("a\u001b[31mred\u001b[0m")).toBe("a\\u001b[31mred\\u001b[0m");
    expect(escapeControl("\u0000\u0007\u007f\u009b2J")).toBe("\\u0000\\u0007\\u007f\\u009b2J");
    expect(escapeControl("admin\u202e\u2066")).toBe("admin\\u202e\\u2066");
  });

  it("keeps the layout characters a format allows, and only those", () => {
    expect(escapeControl("a\nb\tc\rd", { keep: "\n\t" })).toBe("a\nb\tc\\u000dd");
    expect(escapeControl("a\nb\tc")).toBe("a\\u000ab\\u0009c");
  });

  it("leaves printable text, emoji and non-Latin scripts alone", () => {
    const text = "Umsatz € — 売上 📉 \\u001b";
    expect(escapeControl(text)).toBe(text);
  });

  it("escapes every string of a record, in arrays and maps, and keeps numbers", () => {
    const escaped = escapeControlDeep({
      name: "x\u001b]0;title\u0007",
      values: [1, "\u009b"],
      nested: new Map([["k\u001b", { error: "\u001bc" }]]),
      nothing: null,
    });
    expect(escaped).toEqual({
      name: "x\\u001b]0;title\\u0007",
      values: [1, "\\u009b"],
      nested: new Map([["k\\u001b", { error: "\\u001bc" }]]),
      nothing: null,
    });
  });
});
