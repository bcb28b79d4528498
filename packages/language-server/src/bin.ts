import { format } from "node:util";
import { type Connection, createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";
import { BatchingMessageWriter, ShutdownAwareReader } from "./stdio-transport.js";

// `--node-ipc`, `--socket=<port>` and `--pipe=<name>` are vscode-languageserver's own transports.
const OTHER_TRANSPORTS = ["--node-ipc", "--socket", "--pipe"];

startServer(
  process.argv.some((arg) => OTHER_TRANSPORTS.some((transport) => arg.startsWith(transport)))
    ? createConnection(ProposedFeatures.all)
    : stdioConnection(),
);

/**
 * Over stdin/stdout (`--stdio`, which every client but VS Code's IPC option passes, and the default),
 * with messages written in batches (see BatchingMessageWriter). As vscode-languageserver's own stdio
 * transport does, the server exits when its client closes stdin, and anything printed with `console`
 * goes to the client's log: stdout carries the protocol.
 */
function stdioConnection(): Connection {
  const reader = new ShutdownAwareReader(process.stdin);
  const writer = new BatchingMessageWriter(process.stdout);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // Whatever ends the process (stdin closing, the `exit` notification), pending messages go first.
  process.on("exit", () => writer.end());
  const exit = () => process.exit(reader.shutdownRequested ? 0 : 1);
  process.stdin.on("end", exit);
  process.stdin.on("close", exit);
  console.log = console.info = console.debug = (...args) => connection.console.log(format(...args));
  console.warn = (...args) => connection.console.warn(format(...args));
  console.error = (...args) => connection.console.error(format(...args));
  return connection;
}
