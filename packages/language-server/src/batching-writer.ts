import { Writable } from "node:stream";

/**
 * A stream in front of stdout that writes everything given to it during one turn of the event loop
 * in one write. vscode-jsonrpc writes each message as two writes and waits for each before the next:
 * the first validation of a large workspace publishes diagnostics for a thousand files at once, and
 * those round trips took ~0.3 s before the client saw the last of them.
 *
 * Order is kept. Each write is acknowledged once buffered; the buffer reaches the target at the end
 * of the turn (a pipe is written synchronously on Linux and macOS), or at once when the stream ends.
 */
export class BatchingStream extends Writable {
  private pending: Buffer[] = [];

  constructor(private readonly target: NodeJS.WritableStream) {
    super();
    target.on("error", (error: Error) => this.destroy(error));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push(chunk);
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.flush();
    done();
  }

  /** Writes what is buffered now (also for a process about to exit). */
  flush(): void {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.target.write(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
  }
}
