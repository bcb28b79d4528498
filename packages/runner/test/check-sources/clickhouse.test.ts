// Issue #12 on ClickHouse: the same checks over HTTP, with its case-sensitive names. Views are left
// out: the shards of `.ci/services.sh` run ClickHouse 18.16, which has no `WITH name AS (SELECT ...)`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@clickhouse/client";
import { checkSources } from "@kpi-as-code/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKED, positionOf, projectText, SEGMENTED } from "./workspace.js";

const SERVER = "http://127.0.0.1:8123";
const TABLE = "kpi_check_sources_events";

async function reachable(): Promise<boolean> {
  const up = await fetch(`${SERVER}/ping`).then(
    (response) => response.ok,
    () => false,
  );
  if (!up && process.env.CI) throw new Error("CI is set but ClickHouse on 8123 is down");
  return up;
}

async function command(query: string): Promise<void> {
  const client = createClient({ url: SERVER });
  try {
    await client.command({ query });
  } finally {
    await client.close();
  }
}

const onTable = (text: string) =>
  text.replaceAll("from: events", `from: ${TABLE}`).replaceAll("FROM events", `FROM ${TABLE}`);

describe.skipIf(!(await reachable()))("checkSources on clickhouse", () => {
  let dir: string;
  beforeAll(async () => {
    await command(`DROP TABLE IF EXISTS default.${TABLE}`);
    await command(
      `CREATE TABLE default.${TABLE} (event_id UInt32, user_id UInt32, kind String, amount Float64, channel String, occurred_at DateTime('UTC')) ENGINE = MergeTree ORDER BY event_id`,
    );
    dir = mkdtempSync(path.join(tmpdir(), "kpi-check-clickhouse-"));
    writeFileSync(
      path.join(dir, "kpi.yaml"),
      projectText({ db: { type: "clickhouse", url: `${SERVER}/default` } }),
    );
    writeFileSync(path.join(dir, "checked.kpi.yaml"), onTable(CHECKED));
    writeFileSync(path.join(dir, "segmented.kpi.yaml"), onTable(SEGMENTED));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await command(`DROP TABLE IF EXISTS default.${TABLE}`);
  });

  it("finds the misspelt tables and columns and the SQL that does not compile, each at its value", async () => {
    const checked = onTable(CHECKED);
    const at = (rule: string, line: number, token: string) => ({
      file: "checked.kpi.yaml",
      rule,
      ...positionOf(checked, line, token),
    });
    const result = await checkSources(dir);
    expect(result.diagnostics.map(({ file, rule, line, column }) => ({ file, rule, line, column }))).toEqual([
      at("measurability/unknown-column", 15, "ocurred_at"),
      at("measurability/unknown-table", 16, "event,"),
      at("measurability/unknown-table", 17, "buyer,"),
      at("measurability/sql-error", 18, `"kind = = 'x'"`),
      at("measurability/sql-error", 19, `"amount +"`),
      at("measurability/sql-error", 21, `"SELECT count(*) FROM ${TABLE} WHERE"`),
      // Without views, `buyers` is a table the server does not have.
      at("measurability/unknown-table", 22, "buyers,"),
      // ClickHouse keeps the case of names.
      at("measurability/unknown-column", 23, "AMOUNT"),
      {
        file: "segmented.kpi.yaml",
        rule: "measurability/unknown-column",
        ...positionOf(SEGMENTED, 12, "chanel"),
      },
    ]);
  }, 60_000);
});
