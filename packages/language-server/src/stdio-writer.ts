import { AbstractMessageWriter, type Message, type MessageWriter } from "vscode-languageserver/node";

interface Settler {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Writes LSP messages to a stream, all those sent in one synchronous run of code in one write, at
 * the end of that run (a microtask). vscode-jsonrpc's own stream writer takes one turn of the event
 * loop per message and writes each as two chunks: the first validation of a large workspace
 * publishes diagnostics for a thousand files in one loop, which took ~0.3 s to reach the client
 * that way; and a response sent while a workspace is indexed waited for the next slice.
 *
 * It honours back-pressure: once the stream's `write` returns false, messages wait in order until
 * it emits `drain`, then go in one write. A message's promise settles with its write's callback, so
 * `idle()` knows when everything sent has reached the operating system (a process may then exit
 * without losing any). Each message is serialized when sent: a later change to its objects does not
 * change what is written.
 */
export class BatchingMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private queued: Buffer[] = [];
  private waiting: Settler[] = [];
  private flushScheduled = false;
  private blocked = false;
  private writesInFlight = 0;
  private failure: Error | undefined;
  private idleWaiters: (() => void)[] = [];
  private errors = 0;

  /** `observe` sees every message as it is sent (the transport notes which requests are answered). */
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly observe: (message: Message) => void = () => undefined,
  ) {
    super();
    stream.on("drain", () => {
      this.blocked = false;
      this.flush();
    });
    stream.on("error", (error: Error) => {
      this.fireError(error);
      this.fail(error);
    });
    stream.on("close", () => {
      this.fail(new Error("kpi-language-server: the output stream is closed"));
      this.fireClose();
    });
  }

  /** Whether the stream failed or closed: nothing more can be written. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  write(message: Message): Promise<void> {
    const written = this.enqueue(message);
    // Observed once queued: whoever waits for `idle()` on seeing it also waits for its write.
    this.observe(message);
    return written;
  }

  /** Writes what is queued now, unless the stream asked to wait for `drain`. */
  end(): void {
    this.flush();
  }

  /** Resolves once every message sent so far is written (or failed): nothing queued, no write pending. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether anything sent is still to be written (queued, or written without its callback yet). */
  get busy(): boolean {
    return !this.isIdle();
  }

  private enqueue(message: Message): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(message), "utf8");
    } catch (error) {
      this.errors += 1;
      this.fireError(error, message, this.errors);
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.queued.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, "ascii"), body);
      this.waiting.push({ resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      queueMicrotask(() => {
        this.flushScheduled = false;
        this.flush();
      });
    });
  }

  private flush(): void {
    if (this.blocked || this.queued.length === 0 || this.failure) return;
    const chunk = Buffer.concat(this.queued);
    const settlers = this.waiting;
    this.queued = [];
    this.waiting = [];
    this.writesInFlight += 1;
    const more = this.stream.write(chunk, (error) => {
      this.writesInFlight -= 1;
      for (const settler of settlers) {
        if (error) settler.reject(error);
        else settler.resolve();
      }
      this.wakeIdleWaiters();
    });
    if (!more) this.blocked = true;
  }

  /** The stream is gone: queued messages are lost, and said so to whoever sent them. */
  private fail(error: Error): void {
    this.failure ??= error;
    const settlers = this.waiting;
    this.queued = [];
    this.waiting = [];
    this.blocked = false;
    for (const settler of settlers) settler.reject(error);
    this.wakeIdleWaiters();
  }

  private isIdle(): boolean {
    // After a failure nothing more can reach the stream, whatever its pending writes become.
    return this.failure !== undefined || (this.queued.length === 0 && this.writesInFlight === 0);
  }

  private wakeIdleWaiters(): void {
    if (!this.isIdle()) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
