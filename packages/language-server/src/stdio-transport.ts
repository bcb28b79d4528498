import {
  AbstractMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageWriter,
  StreamMessageReader,
} from "vscode-languageserver/node";

/**
 * Writes LSP messages to a stream, all those sent in one synchronous run of code in one write, at
 * the end of that run (a microtask). vscode-jsonrpc's own stream writer takes one turn of the event
 * loop per message and writes each as two chunks: the first validation of a large workspace
 * publishes diagnostics for a thousand files in one loop, which took ~0.3 s to reach the client
 * that way; and a response sent while a workspace is indexed waited for the next slice.
 *
 * Messages keep their order. Each is serialized when sent, so a later change to its objects does
 * not change what is written.
 */
export class BatchingMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private pending: Buffer[] = [];
  private errors = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on("error", (error: Error) => this.fireError(error));
    stream.on("close", () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(message), "utf8");
    } catch (error) {
      this.errors += 1;
      this.fireError(error, message, this.errors);
      return Promise.reject(error);
    }
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, "ascii"), body);
    return Promise.resolve();
  }

  end(): void {
    this.flush();
  }

  /** Writes what is pending now (also for a process about to exit). */
  flush(): void {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.stream.write(Buffer.concat(chunks));
  }
}

/**
 * Reads LSP messages from a stream, noting whether the client asked the server to shut down: the
 * exit code when the client then goes away (0 after a shutdown request, 1 without, as the protocol
 * and vscode-languageserver's own stdio transport have it).
 */
export class ShutdownAwareReader extends StreamMessageReader {
  shutdownRequested = false;

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      if ((message as { method?: unknown }).method === "shutdown") this.shutdownRequested = true;
      callback(message);
    });
  }
}
