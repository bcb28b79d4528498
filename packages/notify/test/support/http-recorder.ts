import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** How the server answers one request: 200, 500, 404, never (hang), or a reset connection. */
export type Answer = "ok" | "500" | "404" | "hang" | "reset";

export interface Recorder {
  url: string;
  /** Bodies of the requests answered 200, parsed as JSON, in order. */
  bodies: unknown[];
  /** Every request that arrived, whatever the answer. */
  requests: { path: string; contentType: string | undefined }[];
  /** Answers for the next requests, in order; once used up, every request gets 200. */
  answers: Answer[];
  /** Resolves once this many requests have arrived (whatever their answer). */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records what the channels post and answers as told. */
export async function startRecorder(): Promise<Recorder> {
  const sockets = new Set<Socket>();
  const waiters: { count: number; resolve: () => void }[] = [];
  const recorder: Recorder = {
    url: "",
    bodies: [],
    requests: [],
    answers: [],
    received: (count) =>
      recorder.requests.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: async () => {},
  };
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const body = await readBody(request);
    recorder.requests.push({ path: request.url ?? "", contentType: request.headers["content-type"] });
    for (const waiter of waiters.filter((w) => recorder.requests.length >= w.count)) waiter.resolve();
    const answer = recorder.answers.shift() ?? "ok";
    if (answer === "hang") return;
    if (answer === "reset") {
      request.socket.destroy();
      return;
    }
    if (answer === "ok") recorder.bodies.push(JSON.parse(body));
    response.statusCode = answer === "ok" ? 200 : Number(answer);
    response.end(answer === "ok" ? "ok" : "no");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  recorder.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return recorder;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
