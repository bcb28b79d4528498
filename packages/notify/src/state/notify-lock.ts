import { rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import { CREATE_NEW_FLAGS, checkedFolder, openNoFollow, READ_FLAGS } from "@kpi-as-code/runner/history";
import { ALERTS_DIR, LOCK_FILE } from "./paths.js";

export interface LockOptions {
  /** Pause between two tries while another run holds the lock. */
  sleep: (ms: number) => Promise<void>;
  pollMs?: number;
  /** Tries before giving up (default: 10 minutes of polling). */
  maxTries?: number;
  /** Whether a process id is alive (replaceable in tests). */
  isAlive?: (pid: number) => boolean;
}

export class NotifyLockBusyError extends Error {
  constructor(readonly holder: number) {
    super(`another kpi run --notify (process ${holder}) still holds .kpi/alerts/${LOCK_FILE}`);
    this.name = "NotifyLockBusyError";
  }
}

/**
 * One `--notify` at a time per workspace: `.kpi/alerts/notify.lock` is created with O_EXCL (which never
 * follows a symlink at the name) and holds the owner's process id. A second run waits until it is gone,
 * then reads the delivery log the first one wrote, so each alert goes out once. A lock whose process is
 * dead (`kill -9`) is taken over. Returns the release function.
 */
export async function acquireNotifyLock(root: string, options: LockOptions): Promise<() => Promise<void>> {
  const folder = (await checkedFolder(root, ALERTS_DIR, true)) as string;
  const file = join(folder, LOCK_FILE);
  const isAlive = options.isAlive ?? processIsAlive;
  const maxTries = options.maxTries ?? 6000;
  for (let tries = 0; ; tries++) {
    try {
      const handle = await openNoFollow(root, file, CREATE_NEW_FLAGS);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await unlink(file).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await lockHolder(root, file);
    if (holder !== undefined && !isAlive(holder)) {
      await takeOverStaleLock(root, file, holder);
      continue;
    }
    if (tries >= maxTries) throw new NotifyLockBusyError(holder ?? 0);
    await options.sleep(options.pollMs ?? 100);
  }
}

/** The process id in a lock; a lock that is a symlink or not a regular file is refused (HistoryPathError). */
async function lockHolder(root: string, file: string): Promise<number | undefined> {
  let text: string;
  try {
    const handle = await openNoFollow(root, file, READ_FLAGS);
    try {
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const pid = Number(text);
  // An empty lock is one being written right now: treat it as held.
  return text && Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Moves a dead process's lock aside under a name of our own, then checks that what was moved is still
 * that process's lock: if another run took over in between, its fresh lock is put back.
 */
async function takeOverStaleLock(root: string, file: string, holder: number): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch {
    return; // someone else moved or released it: try again
  }
  if ((await lockHolder(root, aside)) === holder) await unlink(aside).catch(() => undefined);
  else await rename(aside, file).catch(() => undefined);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
