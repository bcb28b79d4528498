import { join } from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { BUNDLED } from "./bundled-tools.js";
import { SETTINGS_SECTION } from "./settings.js";

/** The files the server handles. They keep the `yaml` language so Red Hat's YAML extension still works on them. */
export const KPI_FILE_GLOBS = ["**/*.kpi.yaml", "**/*.kpi.yml", "**/kpi.yaml"] as const;

/** Files whose changes the server must hear about: KPI files, and the history a run writes. */
const WATCHED_GLOB = "**/{*.kpi.yaml,*.kpi.yml,kpi.yaml,.kpi/history/*.json,.kpi/history/*.jsonl}";

/** The client id: VS Code reads the `kpi.trace.server` setting because of it. */
const CLIENT_ID = "kpi";

/**
 * One client, and one server, for the whole window: the document selector's patterns match KPI files
 * in every folder, and the client sends all workspace folders at initialize and each change after
 * (the server declares workspaceFolders change notifications); the server keeps one index per KPI
 * workspace (nearest kpi.yaml upwards), so nested and sibling workspaces never see each other's ids.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = join(context.extensionPath, BUNDLED.server);
  const run = { module, transport: TransportKind.stdio, args: ["--stdio"] };
  const serverOptions: ServerOptions = {
    run,
    debug: { ...run, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_GLOB);
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: KPI_FILE_GLOBS.flatMap((pattern) => [
      { scheme: "file", language: "yaml", pattern },
      { scheme: "untitled", language: "yaml", pattern },
    ]),
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watcher },
    initializationOptions: {
      today: vscode.workspace.getConfiguration(SETTINGS_SECTION).get("today") || undefined,
    },
    outputChannel: output,
  };
  return new LanguageClient(CLIENT_ID, "KPI language server", serverOptions, clientOptions);
}
