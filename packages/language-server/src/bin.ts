import { format } from "node:util";
import { type Connection, createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";
import { StdioTransport } from "./stdio-transport.js";

// `--node-ipc`, `--socket=<port>` and `--pipe=<name>` are vscode-languageserver's own transports.
const OTHER_TRANSPORTS = ["--node-ipc", "--socket", "--pipe"];

startServer(
  process.argv.some((arg) => OTHER_TRANSPORTS.some((transport) => arg.startsWith(transport)))
    ? createConnection(ProposedFeatures.all)
    : stdioConnection(),
);

/**
 * Over stdin/stdout (`--stdio`, which every client but VS Code's IPC option passes, and the default),
 * with messages written in batches that wait for the output to drain (see StdioTransport). The server
 * exits when its client sends `exit` or closes stdin, once every response is written. Anything
 * printed with `console` goes to the client's log (stdout carries the protocol), or to stderr once
 * stdout is gone.
 */
function stdioConnection(): Connection {
  const transport = new StdioTransport(process.stdin, process.stdout, (code) => process.exit(code));
  const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
  const toClient =
    (send: (message: string) => void) =>
    (...args: unknown[]) => {
      if (transport.writer.failed) process.stderr.write(`${format(...args)}\n`);
      else send(format(...args));
    };
  console.log = console.info = console.debug = toClient((message) => connection.console.log(message));
  console.warn = toClient((message) => connection.console.warn(message));
  console.error = toClient((message) => connection.console.error(message));
  return connection;
}
