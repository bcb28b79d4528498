import { join } from "node:path";
import { listWorkspaceFiles, PROJECT_FILE, readBuffer, readFileText } from "@kpi-as-code/core";
import type { WorkspaceState } from "./workspace-state.js";

export interface IndexOptions {
  /** How long indexing runs before it lets requests and notifications through (default 4 ms). */
  sliceMs?: number;
  /** How indexing lets them through; the default waits for the event loop's next turn. */
  yieldToOthers?: () => Promise<void>;
}

const TURNS_PER_YIELD = 4;

/**
 * Reads every KPI and project file below the state's root into the state, a slice at a time, so that
 * requests are answered from what is indexed so far. A file the state already holds keeps its text:
 * it was opened in the editor (whose text wins over the disk) or re-read after a change on disk since
 * the listing. kpi.yaml comes first, so a request during indexing finds goals, owners and sources at
 * once; the model takes the files indexed so far when a request reads it (see WorkspaceState).
 */
export async function indexWorkspace(state: WorkspaceState, options: IndexOptions = {}): Promise<void> {
  const { sliceMs = 4, yieldToOthers = nextTurns } = options;
  const files = listWorkspaceFiles(state.root);
  // Synchronous reads into one reused buffer: a promise and a buffer per file cost several times the
  // read of a small file on a 10,000-file workspace (see core's readWorkspaceFilesSync).
  const buffer = readBuffer();
  const add = (file: string) => {
    if (state.hasFile(file)) return;
    const text = readIfPresent(join(state.root, file), buffer);
    if (text !== undefined) state.setFile(file, text);
  };
  if (files.includes(PROJECT_FILE)) add(PROJECT_FILE);
  let sliceStart = performance.now();
  for (const file of files) {
    if (file !== PROJECT_FILE) add(file);
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldToOthers();
    sliceStart = performance.now();
  }
}

/**
 * Lets the event loop turn a few times. A request takes several turns (its message is queued, then
 * handled, then the answer written), each of which would otherwise wait for a whole slice; a turn
 * with nothing to do costs microseconds.
 */
function nextTurns(): Promise<void> {
  return new Promise((resume) => {
    let turns = TURNS_PER_YIELD;
    const turn = () => {
      turns -= 1;
      if (turns === 0) resume();
      else setImmediate(turn);
    };
    setImmediate(turn);
  });
}

/** A file's text; undefined when it vanished between listing and reading (its watcher event follows). */
function readIfPresent(path: string, buffer: Buffer): string | undefined {
  try {
    return readFileText(path, buffer);
  } catch {
    return undefined;
  }
}
