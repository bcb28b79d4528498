/**
 * Lists of a workspace index (definitions of one symbol, KPIs of one id) keep the order the files
 * were indexed in: the project file first, then KPI files by name. Which of two duplicates is
 * "first" depends on that order, so replacing one file's items must put them back where a full
 * rebuild would. Items of one file are contiguous, which lets both operations binary-search.
 */
export function compareFiles(a: string, b: string, projectFile: string | undefined): number {
  if (a === b) return 0;
  if (a === projectFile) return -1;
  if (b === projectFile) return 1;
  return a < b ? -1 : 1;
}

/** The index just past the items of files ordered at or before `file`. */
function upperBound<T>(
  list: readonly T[],
  file: string,
  fileOf: (item: T) => string,
  project?: string,
): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareFiles(fileOf(list[middle] as T), file, project) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function lowerBound<T>(
  list: readonly T[],
  file: string,
  fileOf: (item: T) => string,
  project?: string,
): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareFiles(fileOf(list[middle] as T), file, project) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds `item` after every item of files ordered at or before its own file. */
export function insertInFileOrder<T>(
  list: T[],
  item: T,
  fileOf: (item: T) => string,
  project?: string,
): void {
  const last = list.at(-1);
  // Files indexed in name order (an editor's first pass over a workspace) always land at the end.
  if (last === undefined || compareFiles(fileOf(last), fileOf(item), project) <= 0) list.push(item);
  else list.splice(upperBound(list, fileOf(item), fileOf, project), 0, item);
}

/** Removes every item of `file`; returns how many there were. */
export function removeFileItems<T>(
  list: T[],
  file: string,
  fileOf: (item: T) => string,
  project?: string,
): number {
  const start = lowerBound(list, file, fileOf, project);
  const end = upperBound(list, file, fileOf, project);
  if (end > start) list.splice(start, end - start);
  return end - start;
}
