import type { DataCallback, Disposable, Message } from "vscode-languageserver/node";
import { FramedMessageReader } from "./stdio-reader.js";
import { BatchingMessageWriter } from "./stdio-writer.js";

type RequestId = string | number;

interface Envelope {
  id?: RequestId | null;
  method?: string;
}

interface ReaderEvents {
  /** A request came in: the server owes it a response. */
  request(id: RequestId): void;
  /** The client sent the `exit` notification. */
  exit(): void;
}

/**
 * Reads LSP messages, noting whether the client asked the server to shut down (the exit code: 0
 * after a shutdown request, 1 without, as the protocol has it) and which requests came in. The
 * `exit` notification stays with the transport: vscode-languageserver would exit the process at
 * once, losing responses not yet written. Nothing after `exit` is passed on. The connection is not
 * told when the input closes either: it goes on answering the requests it has (a closed connection
 * refuses to send anything), and the transport exits once they are written.
 */
export class LifecycleReader extends FramedMessageReader {
  shutdownRequested = false;
  private exited = false;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly events: ReaderEvents,
  ) {
    super(input);
  }

  override listen(callback: DataCallback): Disposable {
    return super.listen((message) => {
      if (this.exited) return;
      const { id, method } = message as Envelope;
      if (method === "exit") {
        this.exited = true;
        this.events.exit();
        return;
      }
      if (method === "shutdown") this.shutdownRequested = true;
      if (method !== undefined && id !== undefined && id !== null) this.events.request(id);
      callback(message);
    });
  }
}

/**
 * LSP over a pair of streams (stdin and stdout) for a process that must exit when the client is
 * done: after the `exit` notification, or when the input ends (the client went away), it calls
 * `exit` with 0 after a shutdown request and 1 without, as vscode-languageserver's own stdio
 * transport does, but only once every request read so far has its response written and every
 * message sent has reached the output. The reader passes each message on as it arrives, so when
 * the input ends every request in it is known. Request handlers always finish (none waits for the client),
 * so this wait ends.
 */
export class StdioTransport {
  readonly reader: LifecycleReader;
  readonly writer: BatchingMessageWriter;
  private readonly unanswered = new Set<RequestId>();
  private leaving = false;
  private exiting = false;

  constructor(
    input: NodeJS.ReadableStream,
    output: NodeJS.WritableStream,
    private readonly exit: (code: number) => void,
  ) {
    this.writer = new BatchingMessageWriter(output, (message) => this.sent(message));
    this.reader = new LifecycleReader(input, {
      request: (id) => this.unanswered.add(id),
      exit: () => this.leave(),
    });
    input.on("end", () => this.leave());
    input.on("close", () => this.leave());
  }

  private sent(message: Message): void {
    const { id, method } = message as Envelope;
    if (method !== undefined || id === undefined || id === null) return;
    if (this.unanswered.delete(id)) this.exitWhenWritten();
  }

  private leave(): void {
    this.leaving = true;
    this.exitWhenWritten();
  }

  private exitWhenWritten(): void {
    if (!this.leaving || this.exiting || this.unanswered.size > 0) return;
    this.exiting = true;
    const exitOnceIdle = (): void => {
      // A message sent between the writer going idle and this callback is written first too.
      if (this.writer.busy) void this.writer.idle().then(exitOnceIdle);
      else this.exit(this.reader.shutdownRequested ? 0 : 1);
    };
    void this.writer.idle().then(exitOnceIdle);
  }
}
