import { LineIndex } from "@kpi-as-code/core";
import { describe, expect, it } from "vitest";

describe("LineIndex", () => {
  const text = "ab\ncde\n\nf";
  const index = new LineIndex(text);

  it("maps offsets to 1-based lines and columns", () => {
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(1)).toEqual({ line: 1, column: 2 });
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 2, column: 3 });
    expect(index.position(7)).toEqual({ line: 3, column: 1 });
    expect(index.position(8)).toEqual({ line: 4, column: 1 });
  });

  it("places a newline at the end of its own line", () => {
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(6)).toEqual({ line: 2, column: 4 });
  });

  it("places the end-of-file offset after the last character", () => {
    expect(index.position(text.length)).toEqual({ line: 4, column: 2 });
    expect(new LineIndex("a\n").position(2)).toEqual({ line: 2, column: 1 });
  });

  it("converts every offset back to itself", () => {
    for (let offset = 0; offset <= text.length; offset++) {
      expect(index.offset(index.position(offset))).toBe(offset);
    }
  });

  it("handles an empty text", () => {
    const empty = new LineIndex("");
    expect(empty.position(0)).toEqual({ line: 1, column: 1 });
    expect(empty.offset({ line: 1, column: 1 })).toBe(0);
  });

  it("counts a carriage return as a column, lines only at line feeds", () => {
    const crlf = new LineIndex("a\r\nb");
    expect(crlf.position(1)).toEqual({ line: 1, column: 2 });
    expect(crlf.position(3)).toEqual({ line: 2, column: 1 });
  });

  it("counts columns in UTF-16 code units, as LSP does by default", () => {
    const unicode = "é😀x\ny";
    const lines = new LineIndex(unicode);
    expect(lines.position(unicode.indexOf("x"))).toEqual({ line: 1, column: 4 });
  });

  it("finds positions in a file with many lines", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join("\n");
    const lines = new LineIndex(many);
    const offset = many.indexOf("line 7777");
    expect(lines.position(offset)).toEqual({ line: 7778, column: 1 });
    expect(lines.offset({ line: 7778, column: 1 })).toBe(offset);
  });
});
