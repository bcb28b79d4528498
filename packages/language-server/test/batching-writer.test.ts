import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BatchingStream } from "../src/batching-writer.js";

/** A target that records each write it receives. */
function recorder(): { target: Writable; writes: string[] } {
  const writes: string[] = [];
  const target = new Writable({
    write(chunk, _encoding, done) {
      writes.push(String(chunk));
      done();
    },
  });
  return { target, writes };
}

const nextTurn = () => new Promise((resume) => setImmediate(resume));

describe("BatchingStream", () => {
  it("writes what one turn gave it in one write, in order, and each later turn in its own", async () => {
    const { target, writes } = recorder();
    const stream = new BatchingStream(target);
    for (const part of ["a", "b", "c"]) stream.write(part);
    expect(writes).toEqual([]);
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual(["abc"]);
    stream.write("d");
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual(["abc", "d"]);
  });

  it("acknowledges a write before the turn ends, so a writer waiting on each one is not held up", async () => {
    const { target } = recorder();
    const stream = new BatchingStream(target);
    let acknowledged = 0;
    // vscode-jsonrpc waits for each write's callback before the next: all must come back this turn.
    await new Promise<void>((done) => {
      const next = () => {
        acknowledged += 1;
        if (acknowledged === 100) done();
        else stream.write("x", next);
      };
      stream.write("x", next);
    });
    expect(acknowledged).toBe(100);
  });

  it("writes what is left at once when flushed (a process about to exit) or ended", async () => {
    const { target, writes } = recorder();
    const stream = new BatchingStream(target);
    stream.write("a");
    await Promise.resolve();
    stream.flush();
    expect(writes).toEqual(["a"]);
    stream.write("b");
    await new Promise((done) => stream.end(done));
    expect(writes).toEqual(["a", "b"]);
  });
});
