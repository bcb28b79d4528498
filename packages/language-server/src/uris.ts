import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { toPosix } from "@kpi-as-code/core";

/** Where URIs become workspace-relative file names and back: the service never sees a URI. */
export class WorkspaceUris {
  constructor(readonly root: string) {}

  /** The file name relative to the root, or undefined for URIs outside the workspace. */
  fileOf(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    const path = relative(this.root, fileURLToPath(uri));
    if (path === "" || path.startsWith(`..${sep}`) || path === ".." || isAbsolute(path)) return undefined;
    return toPosix(path);
  }

  uriOf(file: string): string {
    return pathToFileURL(`${this.root}/${file}`).href;
  }
}
