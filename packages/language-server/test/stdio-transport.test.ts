import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Message } from "vscode-languageserver/node";
import { FramedMessageReader } from "../src/stdio-reader.js";
import { LifecycleReader, StdioTransport } from "../src/stdio-transport.js";
import { BatchingMessageWriter } from "../src/stdio-writer.js";

/**
 * A real Writable that holds each write until the test completes it, as a pipe to a slow client
 * does: with a high-water mark of one byte, every write fills it (`write` returns false) and it
 * emits `drain` once the test has completed every pending write.
 */
function slowOutput() {
  const writes: string[] = [];
  const pending: ((error?: Error | null) => void)[] = [];
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk, _encoding, done) {
      writes.push(String(chunk));
      pending.push(done);
    },
  });
  stream.on("error", () => undefined); // the writer's own listener is what is tested
  const complete = (error?: Error) => {
    for (const done of pending.splice(0)) done(error);
  };
  return { stream, writes, complete };
}

const framed = (message: object) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const note = (n: number) => ({ jsonrpc: "2.0", method: "note", params: { n, text: "é" } });
const request = (id: number, method = "textDocument/hover") => ({ jsonrpc: "2.0", id, method, params: {} });
const response = (id: number) => ({ jsonrpc: "2.0", id, result: null });

/** Lets every callback already due run: microtasks, nextTicks and stream events (no clock involved). */
const settle = () => new Promise((done) => setImmediate(done));

/** Tracks whether a promise has settled, without awaiting it. */
function watch(promise: Promise<unknown>) {
  const state = { settled: "no" as "no" | "resolved" | "rejected" };
  promise.then(
    () => {
      state.settled = "resolved";
    },
    () => {
      state.settled = "rejected";
    },
  );
  return state;
}

describe("BatchingMessageWriter", () => {
  it("writes the messages of one synchronous run in one framed write, in order", async () => {
    const { stream, writes, complete } = slowOutput();
    const writer = new BatchingMessageWriter(stream);
    for (const n of [1, 2, 3]) void writer.write(note(n));
    expect(writes).toEqual([]);
    await settle();
    expect(writes).toEqual([framed(note(1)) + framed(note(2)) + framed(note(3))]);
    complete();
  });

  it("writes nothing more until the stream drains, then everything queued meanwhile, in order", async () => {
    const { stream, writes, complete } = slowOutput();
    const writer = new BatchingMessageWriter(stream);
    void writer.write(note(1));
    await settle();
    for (const n of [2, 3]) void writer.write(note(n));
    await settle();
    void writer.write(note(4));
    await settle();
    expect(writes).toEqual([framed(note(1))]); // the stream is full: nothing before its drain
    complete();
    await settle();
    expect(writes).toEqual([framed(note(1)), framed(note(2)) + framed(note(3)) + framed(note(4))]);
    complete();
  });

  it("settles a message's promise with its write's callback, and is idle only then", async () => {
    const { stream, complete } = slowOutput();
    const writer = new BatchingMessageWriter(stream);
    const written = watch(writer.write(note(1)));
    const idle = watch(writer.idle());
    await settle();
    expect([written.settled, idle.settled, writer.busy]).toEqual(["no", "no", true]);
    complete();
    await settle();
    expect([written.settled, idle.settled, writer.busy]).toEqual(["resolved", "resolved", false]);
  });

  it("rejects the messages of a failed write, reports the error, and refuses any later message", async () => {
    const { stream, complete } = slowOutput();
    const writer = new BatchingMessageWriter(stream);
    const errors: unknown[] = [];
    writer.onError(([error]) => errors.push(error));
    const first = writer.write(note(1));
    await settle();
    const queued = watch(writer.write(note(2)));
    complete(new Error("EPIPE"));
    await expect(first).rejects.toThrow("EPIPE");
    await settle();
    expect(queued.settled).toBe("rejected");
    expect(errors).toHaveLength(1);
    expect(writer.failed).toBe(true);
    await expect(writer.write(note(3))).rejects.toThrow();
    await writer.idle(); // nothing more can be written: a process may exit
  });

  it("serializes a message when it is sent", async () => {
    const { stream, writes, complete } = slowOutput();
    const writer = new BatchingMessageWriter(stream);
    const message = note(1);
    const written = writer.write(message);
    message.params.n = 2;
    await settle();
    complete();
    await written;
    expect(writes).toEqual([framed(note(1))]);
  });

  it("rejects a message that cannot be serialized and reports the error", async () => {
    const { stream, writes } = slowOutput();
    const writer = new BatchingMessageWriter(stream);
    const errors: unknown[] = [];
    writer.onError((error) => errors.push(error));
    await expect(writer.write({ jsonrpc: "2.0", big: 1n } as never)).rejects.toThrow();
    expect(errors).toHaveLength(1);
    await settle();
    expect(writes).toEqual([]);
  });
});

/** A reader listening on a PassThrough; resolves each `next(n)` once n messages were passed on. */
function listen(reader: FramedMessageReader) {
  const seen: Message[] = [];
  const waiters: { count: number; wake: () => void }[] = [];
  reader.listen((message) => {
    seen.push(message);
    for (const waiter of waiters.filter((w) => seen.length >= w.count)) waiter.wake();
  });
  const next = (count: number) =>
    new Promise<void>((wake) => (seen.length >= count ? wake() : waiters.push({ count, wake })));
  return { seen, next };
}

const methods = (seen: Message[]) => seen.map((message) => (message as { method?: string }).method);

describe("FramedMessageReader", () => {
  it("passes every message on as its last byte arrives, so all are passed on when the input ends", async () => {
    const input = new PassThrough();
    const { seen } = listen(new FramedMessageReader(input));
    const atEnd = new Promise<string[]>((done) => input.on("end", () => done(methods(seen) as string[])));
    // One byte at a time: headers, bodies and the two bytes of "é" all split across chunks.
    const bytes = Buffer.from([note(1), request(2), note(3)].map(framed).join(""), "utf8");
    for (const byte of bytes) input.write(Buffer.from([byte]));
    input.end();
    expect(await atEnd).toEqual(["note", "textDocument/hover", "note"]);
    expect(seen[2]).toEqual(note(3));
  });

  it("reports a header without a length or a body that is not JSON, and reads on", async () => {
    const input = new PassThrough();
    const reader = new FramedMessageReader(input);
    const errors: unknown[] = [];
    reader.onError((error) => errors.push(error));
    const { seen } = listen(reader);
    const atEnd = new Promise((done) => input.on("end", done));
    input.end(`X-Other: 1\r\n\r\nContent-Length: 3\r\n\r\n{x}${framed(note(1))}`);
    await atEnd;
    expect([errors.length, methods(seen)]).toEqual([2, ["note"]]);
  });
});

describe("LifecycleReader", () => {
  it("passes every message on and notes a shutdown request and each request", async () => {
    const input = new PassThrough();
    const requests: unknown[] = [];
    const reader = new LifecycleReader(input, { request: (id) => requests.push(id), exit: () => undefined });
    const { seen, next } = listen(reader);
    input.write([note(1), request(7), request(8, "shutdown")].map(framed).join(""));
    await next(3);
    expect(methods(seen)).toEqual(["note", "textDocument/hover", "shutdown"]);
    expect(requests).toEqual([7, 8]);
    expect(reader.shutdownRequested).toBe(true);
  });

  it("keeps the exit notification from the connection and tells the transport", async () => {
    const input = new PassThrough();
    let exit: () => void = () => undefined;
    const exited = new Promise<void>((done) => {
      exit = done;
    });
    const reader = new LifecycleReader(input, { request: () => undefined, exit });
    const { seen } = listen(reader);
    input.write([note(1), { jsonrpc: "2.0", method: "exit" }].map(framed).join(""));
    await exited;
    expect([methods(seen), reader.shutdownRequested]).toEqual([["note"], false]);
  });
});

describe("StdioTransport", () => {
  function transport() {
    const input = new PassThrough();
    const output = slowOutput();
    const exits: number[] = [];
    const stdio = new StdioTransport(input, output.stream, (code) => exits.push(code));
    return { input, output, exits, stdio, ...listen(stdio.reader) };
  }

  it("after exit, exits 0 only once every request read is answered and the answers are written", async () => {
    const { input, output, exits, stdio, next } = transport();
    input.write(
      [request(1), request(2, "shutdown"), { jsonrpc: "2.0", method: "exit" }].map(framed).join(""),
    );
    await next(2);
    await settle();
    expect(exits).toEqual([]); // two requests unanswered
    void stdio.writer.write(response(1));
    void stdio.writer.write(note(3));
    await settle();
    expect(exits).toEqual([]); // request 2 unanswered
    void stdio.writer.write(response(2));
    await settle();
    expect(exits).toEqual([]); // answers not yet written
    expect(output.writes).toEqual([framed(response(1)) + framed(note(3))]); // the stream is full
    output.complete();
    await settle();
    expect(output.writes).toEqual([framed(response(1)) + framed(note(3)), framed(response(2))]);
    expect(exits).toEqual([]); // written on the drain, its callback not yet called
    output.complete();
    await settle();
    expect(exits).toEqual([0]);
  });

  it("when the input ends, waits for the requests it held, however late they are answered", async () => {
    const { input, output, exits, stdio } = transport();
    const ended = new Promise((done) => input.on("end", done));
    input.end(framed(request(1)));
    await ended;
    await settle();
    expect(exits).toEqual([]);
    void stdio.writer.write(response(1));
    await settle();
    output.complete();
    await settle();
    expect([output.writes, exits]).toEqual([[framed(response(1))], [1]]);
  });

  it("exits 1 when the input ends without a shutdown request, after writing what is queued", async () => {
    const { input, output, exits, stdio } = transport();
    void stdio.writer.write(note(1));
    input.end();
    await settle();
    expect(exits).toEqual([]);
    output.complete();
    await settle();
    expect(output.writes).toEqual([framed(note(1))]);
    expect(exits).toEqual([1]);
  });

  it("exits once the output fails, since nothing more can be written", async () => {
    const { input, output, exits, stdio, next } = transport();
    input.write(framed(request(1)));
    await next(1);
    input.end();
    void stdio.writer.write(response(1)).catch(() => undefined);
    await settle();
    output.complete(new Error("EPIPE"));
    await settle();
    expect(exits).toEqual([1]);
  });
});
