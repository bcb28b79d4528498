import {
  AbstractMessageReader,
  type DataCallback,
  Disposable,
  type Message,
  type MessageReader,
} from "vscode-languageserver/node";

const HEADER_END = Buffer.from("\r\n\r\n", "ascii");
const CONTENT_LENGTH = /^content-length:\s*(\d+)\s*$/im;

/**
 * Reads LSP messages (`Content-Length` framing, UTF-8 JSON bodies) from a stream and passes each on
 * as soon as its last byte arrives, in the same turn of the event loop. vscode-jsonrpc's stream
 * reader decodes each message in a turn of its own: when the input ends, messages read before
 * could still be on their way, so the end of the input could not mark the last request.
 *
 * A header without a length, or a body that is not JSON, is reported through `onError` and
 * skipped; reading goes on with the next message.
 */
export class FramedMessageReader extends AbstractMessageReader implements MessageReader {
  private pending: Buffer = Buffer.alloc(0);
  private bodyLength = -1;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string) => this.received(chunk, callback);
    const onError = (error: Error) => this.fireError(error);
    this.input.on("data", onData);
    this.input.on("error", onError);
    return Disposable.create(() => {
      this.input.off("data", onData);
      this.input.off("error", onError);
    });
  }

  private received(chunk: Buffer | string, callback: DataCallback): void {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    for (;;) {
      if (this.bodyLength < 0 && !this.readHeader()) return;
      if (this.pending.length < this.bodyLength) return;
      const body = this.pending.subarray(0, this.bodyLength);
      this.pending = this.pending.subarray(this.bodyLength);
      this.bodyLength = -1;
      let message: Message;
      try {
        message = JSON.parse(body.toString("utf8")) as Message;
      } catch (error) {
        this.fireError(error);
        continue;
      }
      callback(message);
    }
  }

  /** Takes the next header off the pending bytes; false while it is incomplete. */
  private readHeader(): boolean {
    for (;;) {
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) return false;
      const header = this.pending.subarray(0, end).toString("ascii");
      this.pending = this.pending.subarray(end + HEADER_END.length);
      const length = CONTENT_LENGTH.exec(header)?.[1];
      if (length !== undefined) {
        this.bodyLength = Number(length);
        return true;
      }
      this.fireError(new Error(`kpi-language-server: a message header without Content-Length: ${header}`));
    }
  }
}
