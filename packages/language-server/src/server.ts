import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isInside } from "@kpi-as-code/core";
import {
  CHECK_SOURCES_COMMAND,
  codeActions,
  codeLenses,
  complete,
  definition,
  documentLinks,
  documentSymbols,
  foldingRanges,
  hover,
  inlayHints,
  prepareRename,
  RUN_KPI_COMMAND,
  references,
  rename,
  runKpi,
  SEMANTIC_TOKENS_LEGEND,
  semanticTokens,
  WORKSPACE_SUMMARY_REQUEST,
  type WorkspaceSummaries,
  type WorkspaceSummaryParams,
  workspaceSummary,
  workspaceSymbols,
} from "@kpi-as-code/language-service";
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { toCodeActions, toLocations, toRenameEdit, toSymbolInformation } from "./convert.js";
import type { Session } from "./session.js";
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from "./settings.js";
import { FolderWatchers, WATCHED_GLOBS } from "./watch-files.js";
import { Workspaces } from "./workspaces.js";

/**
 * Wires LSP requests to the language service: each handler is one call of a pure feature function,
 * on the index of the workspace the request's file belongs to (see Workspaces).
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let client: InitializeParams["capabilities"] = {};
  const workspaces = new Workspaces(
    sessionEvents(connection, () => client),
    () => documents.all(),
  );
  let watchers: FolderWatchers | undefined;
  let initialFolders: string[] = [];
  let settings = DEFAULT_SETTINGS;
  const configure = (next: ServerSettings) => {
    settings = next;
    workspaces.configure(next);
  };
  const foldersChanged = (added: readonly string[], removed: readonly string[] = []) => {
    workspaces.changeFolders(added, removed);
    watchers?.update(workspaces.watchedPaths());
  };

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities;
    configure(readSettings(params.initializationOptions, DEFAULT_SETTINGS));
    initialFolders = localPaths(params.workspaceFolders ?? [{ uri: params.rootUri ?? "" }]);
    // Registered here, after the library's own handler (which only a client announcing the capability gets).
    connection.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event }) =>
      foldersChanged(localPaths(event.added), localPaths(event.removed)),
    );
    return { capabilities: CAPABILITIES, serverInfo: { name: "kpi-language-server", version: "0.1.0" } };
  });

  connection.onInitialized(async () => {
    // Indexing starts here, not in initialize: a small workspace would publish its diagnostics
    // before the initialize result, which a client may drop (vscode-languageclient does).
    const started = Date.now();
    foldersChanged(initialFolders);
    void workspaces.ready().then(() => {
      const count = workspaces.all().length;
      connection.console.log(`kpi: every workspace indexed (${count}) in ${Date.now() - started} ms`);
    });
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: "kpi" });
    }
    if (client.workspace?.configuration) await pullSettings();
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    } else {
      watchers = new FolderWatchers(
        (uri) => void workspaces.diskChanged(uri),
        (path) => connection.console.log(`kpi: watching ${path} for changes`),
      );
      watchers.update(workspaces.watchedPaths());
    }
  });

  const pullSettings = async () => {
    const [section] = await connection.workspace.getConfiguration([{ section: "kpi" }]);
    if (section) configure(readSettings(section, settings));
  };
  connection.onDidChangeConfiguration(async (params) => {
    if (client.workspace?.configuration) await pullSettings();
    else configure(readSettings(params.settings, settings));
  });

  const edited = ({ document }: { document: TextDocument }) =>
    workspaces.sessionOf(document.uri)?.edit(document.uri, document.getText());
  documents.onDidOpen(edited);
  documents.onDidChangeContent(edited);
  documents.onDidClose((event) => workspaces.sessionOf(event.document.uri)?.close(event.document.uri));
  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) await workspaces.diskChanged(change.uri);
    watchers?.update(workspaces.watchedPaths());
  });

  /**
   * Answers from the workspace `uri` belongs to (with `file` relative to its root), or `none` for a
   * file outside every workspace. Read-only requests answer at once from what is indexed so far;
   * rename and running a KPI wait for the whole workspace (see Session.ready).
   */
  const inFile = <T>(uri: string, none: T, answer: (session: Session, file: string) => T): T => {
    const session = workspaces.sessionOf(uri);
    const file = session?.uris.fileOf(uri);
    return session && file !== undefined ? answer(session, file) : none;
  };
  connection.onCompletion((p) =>
    inFile(p.textDocument.uri, [], (s, file) => complete(s.current(), file, p.position)),
  );
  connection.onHover((p) =>
    inFile(p.textDocument.uri, null, (s, file) => hover(s.current(), file, p.position) ?? null),
  );
  connection.onDefinition((p) =>
    inFile(p.textDocument.uri, [], (s, file) =>
      toLocations(s.uris, definition(s.current(), file, p.position)),
    ),
  );
  connection.onReferences((p) =>
    inFile(p.textDocument.uri, [], (s, file) =>
      toLocations(s.uris, references(s.current(), file, p.position, p.context.includeDeclaration)),
    ),
  );
  connection.onPrepareRename((p) =>
    inFile(
      p.textDocument.uri,
      null,
      async (s, file) => prepareRename(await s.ready(), file, p.position) ?? null,
    ),
  );
  connection.onRenameRequest((p) =>
    inFile(p.textDocument.uri, null, async (s, file) => {
      const result = rename(await s.ready(), file, p.position, p.newName);
      if ("error" in result) throw new ResponseError(-32803, result.error);
      const edit = client.workspace?.workspaceEdit;
      const canMove = !!edit?.documentChanges && !!edit.resourceOperations?.includes("rename");
      return toRenameEdit(s.uris, result.edits, result.move, canMove);
    }),
  );
  connection.onCodeAction((p) =>
    inFile(p.textDocument.uri, [], (s, file) =>
      toCodeActions(
        s.uris,
        codeActions(
          s.current(),
          file,
          p.range,
          p.context.diagnostics.map((d) => String(d.code)),
        ),
        p.context.diagnostics,
      ),
    ),
  );
  connection.onDocumentSymbol((p) =>
    inFile(p.textDocument.uri, [], (s, file) => documentSymbols(s.current(), file)),
  );
  // Symbols of every workspace: the query is the editor's "go to symbol in workspace".
  connection.onWorkspaceSymbol((p) =>
    workspaces.all().flatMap((s) => toSymbolInformation(s.uris, workspaceSymbols(s.current(), p.query))),
  );
  connection.languages.inlayHint.on((p) =>
    inFile(p.textDocument.uri, [], (s, file) => inlayHints(s.current(), file, p.range)),
  );
  // The Run lens names the KPI and its workspace's root (see runTarget).
  connection.onCodeLens((p) =>
    inFile(p.textDocument.uri, [], (s, file) =>
      codeLenses(s.current(), file).map((lens) =>
        lens.command
          ? { ...lens, command: { ...lens.command, arguments: [...(lens.command.arguments ?? []), s.root] } }
          : lens,
      ),
    ),
  );
  connection.onDocumentLinks((p) =>
    inFile(p.textDocument.uri, [], (s, file) => documentLinks(s.current(), file)),
  );
  connection.onFoldingRanges((p) =>
    inFile(p.textDocument.uri, [], (s, file) => foldingRanges(s.current(), file)),
  );
  connection.languages.semanticTokens.on((p) =>
    inFile(p.textDocument.uri, { data: [] }, (s, file) => semanticTokens(s.current(), file)),
  );
  connection.onExecuteCommand(async (p) => {
    if (p.command === CHECK_SOURCES_COMMAND) {
      // Every workspace, or the one of a root or a file's URI: one outcome each.
      const where = p.arguments?.[0] === undefined ? undefined : String(p.arguments[0]);
      const sessions = where ? [await runTarget(workspaces, "", where)] : workspaces.all();
      return Promise.all(sessions.map(async (s) => ({ root: s.root, ...(await s.checkSources()) })));
    }
    if (p.command !== RUN_KPI_COMMAND) throw new ResponseError(-32601, `kpi: unknown command ${p.command}`);
    const [kpi, where] = (p.arguments ?? []).map((argument) => String(argument ?? ""));
    const session = await runTarget(workspaces, kpi ?? "", where);
    const outcome = await runKpi(await session.ready(), kpi ?? "");
    session.valuesChanged();
    return outcome;
  });

  // The goals/KPIs view and status bar of an editor: the workspaces with their recorded values. A
  // folder holding no workspace this server serves answers "method not found", so the client falls
  // back to reading it itself.
  connection.onRequest(WORKSPACE_SUMMARY_REQUEST, async (p: WorkspaceSummaryParams | undefined) => {
    const root = p?.root ? resolve(p.root) : undefined;
    const served = workspaces.all().filter((s) => root === undefined || isInside(root, s.root));
    if (served.length === 0)
      throw new ResponseError(
        -32601,
        `kpi: no workspace at or below ${root ?? "the folders"} is served here`,
      );
    const list = await Promise.all(served.map(async (s) => workspaceSummary(await s.withFreshValues())));
    const own = list.find((summary) => summary.root === root);
    const summaries: WorkspaceSummaries = {
      ...(own ?? { root: root ?? "", project: undefined, goals: [], unaligned: [] }),
      workspaces: list,
    };
    return summaries;
  });

  connection.onShutdown(async () => {
    workspaces.dispose();
    await watchers?.close();
  });
  documents.listen(connection);
  connection.listen();
}

/** The paths of the folders on this machine (`file:` URIs); a client may send others. */
function localPaths(folders: readonly { uri: string }[]): string[] {
  return folders.filter(({ uri }) => uri.startsWith("file:")).map(({ uri }) => fileURLToPath(uri));
}

/**
 * The workspace a Run is for: the one of `where` (its root, or a file's URI, as the lens passes it),
 * or else the only one that holds the KPI.
 */
async function runTarget(workspaces: Workspaces, kpi: string, where: string | undefined): Promise<Session> {
  if (where) {
    const session = where.startsWith("file:") ? workspaces.sessionOf(where) : workspaces.get(where);
    if (!session) throw new ResponseError(-32602, `kpi: no workspace served at ${where}`);
    return session;
  }
  await workspaces.ready();
  const holding = workspaces
    .all()
    .filter((s) => s.current().workspace.kpis.some((entry) => entry.id === kpi));
  if (holding.length === 1) return holding[0] as Session;
  throw new ResponseError(
    -32602,
    holding.length === 0
      ? `kpi: no workspace has a KPI ${kpi}`
      : `kpi: KPI ${kpi} is in ${holding.length} workspaces; pass the workspace root as the second argument`,
  );
}

const CAPABILITIES: InitializeResult["capabilities"] = {
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
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
  executeCommandProvider: { commands: [RUN_KPI_COMMAND, CHECK_SOURCES_COMMAND] },
  documentLinkProvider: { resolveProvider: false },
  foldingRangeProvider: true,
  semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
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
