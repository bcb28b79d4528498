import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

// `--stdio` (what every client passes) makes createConnection speak over stdin/stdout.
if (!process.argv.includes("--stdio") && !process.argv.some((arg) => arg.startsWith("--node-ipc"))) {
  process.argv.push("--stdio");
}
startServer(createConnection(ProposedFeatures.all));
