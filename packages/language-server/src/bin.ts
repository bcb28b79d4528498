import { format } from "node:util";
import { type Connection, createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { BatchingStream } from "./batching-writer.js";
import { startServer } from "./server.js";

// `--node-ipc`, `--socket=<port>` and `--pipe=<name>` are vscode-languageserver's own transports.
const OTHER_TRANSPORTS = ["--node-ipc", "--socket", "--pipe"];

startServer(
  process.argv.some((arg) => OTHER_TRANSPORTS.some((transport) => arg.startsWith(transport)))
    ? createConnection(ProposedFeatures.all)
    : stdioConnection(),
);

/**
 * Over stdin/stdout (`--stdio`, which every client but VS Code's IPC option passes, and the default),
 * with what is sent in one turn written at once (see BatchingStream). As vscode-languageserver does
 * for `--stdio`, anything printed with `console` goes to the client's log: stdout is the protocol's.
 */
function stdioConnection(): Connection {
  const output = new BatchingStream(process.stdout);
  process.on("exit", () => output.flush());
  const connection = createConnection(ProposedFeatures.all, process.stdin, output);
  console.log = console.info = console.debug = (...args) => connection.console.log(format(...args));
  console.warn = (...args) => connection.console.warn(format(...args));
  console.error = (...args) => connection.console.error(format(...args));
  return connection;
}
