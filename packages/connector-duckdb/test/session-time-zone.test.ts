import { duckdbConnector } from "@kpi-as-code/connector-duckdb";
import { describe, expect, it } from "vitest";

// Period bounds are UTC instants: a TIMESTAMPTZ compares and renders in the session's zone, which
// the connector sets to UTC (DuckDB's built-in ICU extension) whatever the machine's zone.
describe("duckdb session time zone", () => {
  it("reads zoned timestamps in UTC", async () => {
    const connection = await duckdbConnector.connect(
      { type: "duckdb" },
      { workspaceRoot: "/", source: "local" },
    );
    try {
      const rows = await connection.query(
        "SELECT CAST(TIMESTAMPTZ '2026-09-30 22:00:00+00' AS VARCHAR) AS shown, CAST(CAST(TIMESTAMPTZ '2026-09-30 22:00:00+00' AS DATE) AS VARCHAR) AS day",
        [],
      );
      expect(rows).toEqual([{ shown: "2026-09-30 22:00:00+00", day: "2026-09-30" }]);
    } finally {
      await connection.close();
    }
  });
});
