// The floor: what reading and parsing the workspace's files costs with the `yaml` package in one
// thread, with nothing else. `kpi validate` is measured against it.
// Usage: node bench/floor.mjs <workspace-dir>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

const root = process.argv[2];
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter((file) => file === "kpi.yaml" || file.endsWith(".kpi.yaml"));
let keys = 0;
for (const file of files) {
  // parseDocument rather than parse: a file with a syntax error must not end the measurement.
  const value = parseDocument(readFileSync(join(root, file), "utf8")).toJS();
  keys += Object.keys(value ?? {}).length;
}
// Reported so that /usr/bin/time is not needed to know the peak memory.
process.stdout.write(
  `${JSON.stringify({ files: files.length, keys, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
