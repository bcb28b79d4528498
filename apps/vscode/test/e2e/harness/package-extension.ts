import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const EXTENSION_DIR = fileURLToPath(new URL("../../../", import.meta.url));
export const VSIX = `${EXTENSION_DIR}dist/kpi-as-code-vscode.vsix`;

/** Bundles and packages the extension exactly as a release would (`npm run package`). */
export function packageExtension(): string {
  execFileSync("npm", ["run", "package"], {
    cwd: EXTENSION_DIR,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 300_000,
  });
  if (!existsSync(VSIX)) throw new Error(`npm run package did not produce ${VSIX}`);
  return VSIX;
}
