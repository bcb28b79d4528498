import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findWorkspaceRoot } from "@kpi-as-code/core";
import {
  codeActions,
  codeLenses,
  complete,
  definition,
  documentSymbols,
  hover,
  inlayHints,
  prepareRename,
  RUN_KPI_COMMAND,
  references,
  rename,
  runKpi,
  WORKSPACE_SUMMARY_REQUEST,
  type WorkspaceSummaryParams,
  workspaceSummary,
  workspaceSymbols,
} from "@kpi-as-code/language-service";
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { toCodeActions, toLocations, toRenameEdit, toSymbolInformation } from "./convert.js";
import { Session } from "./session.js";
import { DEFAULT_SETTINGS, readSettings } from "./settings.js";
import { WATCHED_GLOBS, watchWithChokidar } from "./watch-files.js";

/** Wires LSP requests to the language service: each handler is one call of a pure feature function. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session: Session | undefined;
  let client: InitializeParams["capabilities"] = {};
  let stopWatching: (() => Promise<void>) | undefined;
  const open = () => {
    if (!session) throw new ResponseError(-32002, "kpi: no workspace folder");
    return session;
  };
  const fileOf = (uri: string) => open().uris.fileOf(uri) ?? "";

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder) {
      const path = fileURLToPath(folder);
      const settings = readSettings(params.initializationOptions, DEFAULT_SETTINGS);
      session = new Session(
        findWorkspaceRoot(path) ?? path,
        sessionEvents(connection, () => client),
        settings,
      );
    }
    return { capabilities: CAPABILITIES, serverInfo: { name: "kpi-language-server", version: "0.1.0" } };
  });

  connection.onInitialized(async () => {
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: "kpi" });
    }
    if (client.workspace?.configuration) await pullSettings();
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    } else if (session) {
      const current = session;
      stopWatching = watchWithChokidar(
        current.root,
        (uri) => void current.diskChanged(uri),
        () => connection.console.log(`kpi: watching ${current.root} for changes`),
      );
    }
  });

  const pullSettings = async () => {
    const [section] = await connection.workspace.getConfiguration([{ section: "kpi" }]);
    if (section && session) session.configure(readSettings(section, session.settings));
  };
  connection.onDidChangeConfiguration(async (params) => {
    if (client.workspace?.configuration) await pullSettings();
    else if (session) session.configure(readSettings(params.settings, session.settings));
  });

  documents.onDidOpen((event) => session?.edit(event.document.uri, event.document.getText()));
  documents.onDidChangeContent((event) => session?.edit(event.document.uri, event.document.getText()));
  documents.onDidClose((event) => session?.close(event.document.uri));
  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) await session?.diskChanged(change.uri);
  });

  // Read-only requests answer at once from what is indexed so far; rename and running a KPI wait for
  // the whole workspace (see Session.ready).
  const state = () => open().current();
  const indexed = () => open().ready();
  connection.onCompletion((p) => complete(state(), fileOf(p.textDocument.uri), p.position));
  connection.onHover((p) => hover(state(), fileOf(p.textDocument.uri), p.position) ?? null);
  connection.onDefinition((p) =>
    toLocations(open().uris, definition(state(), fileOf(p.textDocument.uri), p.position)),
  );
  connection.onReferences((p) =>
    toLocations(
      open().uris,
      references(state(), fileOf(p.textDocument.uri), p.position, p.context.includeDeclaration),
    ),
  );
  connection.onPrepareRename(
    async (p) => prepareRename(await indexed(), fileOf(p.textDocument.uri), p.position) ?? null,
  );
  connection.onRenameRequest(async (p) => {
    const result = rename(await indexed(), fileOf(p.textDocument.uri), p.position, p.newName);
    if ("error" in result) throw new ResponseError(-32803, result.error);
    const edit = client.workspace?.workspaceEdit;
    const canMove = !!edit?.documentChanges && !!edit.resourceOperations?.includes("rename");
    return toRenameEdit(open().uris, result.edits, result.move, canMove);
  });
  connection.onCodeAction((p) =>
    toCodeActions(
      open().uris,
      codeActions(
        state(),
        fileOf(p.textDocument.uri),
        p.range,
        p.context.diagnostics.map((d) => String(d.code)),
      ),
      p.context.diagnostics,
    ),
  );
  connection.onDocumentSymbol((p) => documentSymbols(state(), fileOf(p.textDocument.uri)));
  connection.onWorkspaceSymbol((p) => toSymbolInformation(open().uris, workspaceSymbols(state(), p.query)));
  connection.languages.inlayHint.on((p) => inlayHints(state(), fileOf(p.textDocument.uri), p.range));
  connection.onCodeLens((p) => codeLenses(state(), fileOf(p.textDocument.uri)));
  connection.onExecuteCommand(async (p) => {
    if (p.command !== RUN_KPI_COMMAND) throw new ResponseError(-32601, `kpi: unknown command ${p.command}`);
    const outcome = await runKpi(await indexed(), String(p.arguments?.[0] ?? ""));
    open().valuesChanged();
    return outcome;
  });

  // The goals/KPIs view of an editor: the whole workspace with its recorded values. A folder this
  // server does not serve answers "method not found", so the client falls back to reading it itself.
  connection.onRequest(WORKSPACE_SUMMARY_REQUEST, async (p: WorkspaceSummaryParams) => {
    if (resolve(p.root) !== open().root)
      throw new ResponseError(-32601, `kpi: this server serves ${open().root} only`);
    return workspaceSummary(await open().withFreshValues());
  });

  connection.onShutdown(async () => {
    session?.dispose();
    await stopWatching?.();
  });
  documents.listen(connection);
  connection.listen();
}

const CAPABILITIES: InitializeResult["capabilities"] = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  completionProvider: { triggerCharacters: [":", " "] },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  inlayHintProvider: true,
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [RUN_KPI_COMMAND] },
};

// Messages the server sends on its own: one that cannot be written (the client is gone) is dropped,
// not an unhandled rejection; the writer reports the stream's failure itself.
const dropped = () => undefined;

function sessionEvents(connection: Connection, capabilities: () => InitializeParams["capabilities"]) {
  return {
    publish: (uri: string, diagnostics: Parameters<Connection["sendDiagnostics"]>[0]["diagnostics"]) =>
      void connection.sendDiagnostics({ uri, diagnostics }).catch(dropped),
    valuesChanged: () => {
      if (capabilities().workspace?.inlayHint?.refreshSupport)
        void connection.languages.inlayHint.refresh().catch(dropped);
    },
    log: (message: string) => connection.console.log(message),
  };
}
