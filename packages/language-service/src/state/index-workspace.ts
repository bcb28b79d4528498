import { listWorkspace, PROJECT_FILE, workspaceReader } from "@kpi-as-code/core";
import type { WorkspaceState } from "./workspace-state.js";

export interface IndexOptions {
  /** How long indexing runs before it lets requests and notifications through (default 4 ms). */
  sliceMs?: number;
  /** How indexing lets them through; the default waits for the event loop's next turn. */
  yieldToOthers?: () => Promise<void>;
  /** Stops indexing at the next slice (the workspace was closed meanwhile). */
  signal?: AbortSignal;
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
  const { sliceMs = 4, yieldToOthers = nextTurns, signal } = options;
  const { files, skipped } = listWorkspace(state.root);
  // Through core's trust boundary, as kpi validate reads: synchronous reads into one reused buffer
  // (a promise and a buffer per file cost several times the read of a small file).
  const read = workspaceReader(state.root);
  const add = (file: string) => {
    if (state.hasFile(file)) return;
    const source = read(file);
    // A file that vanished between listing and reading is left out: its watcher event follows.
    if (source.problem?.code === "MISSING") return;
    state.setFile(file, source.text, source.problem);
  };
  for (const folder of skipped) state.setFile(folder.file, folder.text, folder.problem);
  if (files.includes(PROJECT_FILE)) add(PROJECT_FILE);
  let sliceStart = performance.now();
  for (const file of files) {
    if (file !== PROJECT_FILE) add(file);
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldToOthers();
    if (signal?.aborted) return;
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
