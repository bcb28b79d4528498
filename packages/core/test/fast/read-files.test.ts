import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileText } from "@kpi-as-code/core";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "kpi-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("readFileText", () => {
  // An 8-byte buffer puts every case on a boundary of one read.
  const buffer = Buffer.alloc(8);

  it.each([
    ["empty", ""],
    ["shorter than the buffer", "kpi: a\n"],
    ["one byte short of the buffer", "kpi: ab"],
    ["exactly the buffer", "kpi: abc"],
    ["longer than the buffer", "kpi: activation\nversion: 1\n"],
    ["multi-byte characters across the boundary", "name: é€😀 done\n"],
  ])("reads a file %s whole", (name, text) => {
    expect(readFileText(fileWith(`${name}.yaml`, text), buffer)).toBe(text);
  });

  it("reads through a reused buffer without leftovers of the previous file", () => {
    expect(readFileText(fileWith("long.yaml", "abcdefg"), buffer)).toBe("abcdefg");
    expect(readFileText(fileWith("short.yaml", "xy"), buffer)).toBe("xy");
  });

  it("throws as readFileSync does for a missing file", () => {
    expect(() => readFileText(join(dir, "missing.yaml"), buffer)).toThrow(
      expect.objectContaining({ code: "ENOENT" }),
    );
  });
});
