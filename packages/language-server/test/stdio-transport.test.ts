import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BatchingMessageWriter, ShutdownAwareReader } from "../src/stdio-transport.js";

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

const framed = (message: object) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

const note = (n: number) => ({ jsonrpc: "2.0", method: "note", params: { n, text: "é" } });

describe("BatchingMessageWriter", () => {
  it("writes the messages of one synchronous run in one framed write, in order, once it ends", async () => {
    const { target, writes } = recorder();
    const writer = new BatchingMessageWriter(target);
    for (const n of [1, 2, 3]) void writer.write(note(n));
    expect(writes).toEqual([]);
    await Promise.resolve();
    expect(writes).toEqual([framed(note(1)) + framed(note(2)) + framed(note(3))]);
    void writer.write(note(4));
    await Promise.resolve();
    expect(writes).toEqual([framed(note(1)) + framed(note(2)) + framed(note(3)), framed(note(4))]);
  });

  it("serializes a message when it is sent", async () => {
    const { target, writes } = recorder();
    const writer = new BatchingMessageWriter(target);
    const message = note(1);
    await writer.write(message);
    message.params.n = 2;
    await Promise.resolve();
    expect(writes).toEqual([framed(note(1))]);
  });

  it("writes what is pending at once when ended (a process about to exit)", () => {
    const { target, writes } = recorder();
    const writer = new BatchingMessageWriter(target);
    void writer.write(note(1));
    writer.end();
    expect(writes).toEqual([framed(note(1))]);
  });

  it("rejects a message that cannot be serialized and reports the error", async () => {
    const { target, writes } = recorder();
    const writer = new BatchingMessageWriter(target);
    const errors: unknown[] = [];
    writer.onError((error) => errors.push(error));
    await expect(writer.write({ jsonrpc: "2.0", big: 1n } as never)).rejects.toThrow();
    expect(errors).toHaveLength(1);
    await Promise.resolve();
    expect(writes).toEqual([]);
  });
});

describe("ShutdownAwareReader", () => {
  async function read(messages: object[]): Promise<{ seen: string[]; shutdown: boolean }> {
    const input = new PassThrough();
    const reader = new ShutdownAwareReader(input);
    const seen: string[] = [];
    reader.listen((message) => seen.push(String((message as { method?: string }).method)));
    input.end(messages.map(framed).join(""));
    await new Promise((done) => setTimeout(done, 20));
    return { seen, shutdown: reader.shutdownRequested };
  }

  it("passes every message on and notes a shutdown request", async () => {
    const shutdown = { jsonrpc: "2.0", id: 1, method: "shutdown" };
    expect(await read([note(1), shutdown])).toEqual({ seen: ["note", "shutdown"], shutdown: true });
  });

  it("does not take other messages for one", async () => {
    expect(await read([note(1), { jsonrpc: "2.0", method: "exit" }])).toEqual({
      seen: ["note", "exit"],
      shutdown: false,
    });
  });
});
