/** Converts offsets to 1-based lines and columns: the one place where offsets become positions. */
export interface Position {
  line: number;
  column: number;
}

export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset (columns count UTF-16 code units, as LSP does by default). */
  position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  /** Offset of a 1-based line and column. */
  offset(position: Position): number {
    const start = this.lineStarts[Math.min(position.line, this.lineStarts.length) - 1] ?? 0;
    return start + position.column - 1;
  }
}
