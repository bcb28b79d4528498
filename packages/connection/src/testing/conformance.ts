import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateAgainstSchema } from "@kpi-as-code/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlDialect } from "../dialect.js";
import { caseWhenAggregate, filterClauseAggregate } from "../dialects/common.js";
import { dialects } from "../dialects/index.js";
import { ReadOnlyViolationError, SourceError } from "../errors.js";
import { bindNamedParams } from "../named-params.js";
import { assertReadOnlyQuery } from "../read-only.js";
import { getConnector, registerConnector } from "../registry.js";
import type { Connection, Connector, SourceConfig } from "../types.js";
import {
  calendarExpectation,
  conformanceKpis,
  conformanceTables,
  conformanceViews,
  expectedSeries,
  expectedTotals,
  type FixtureTable,
  Q1,
  writeConformanceWorkspace,
} from "./conformance-fixture.js";
import {
  intactQuery,
  rawSqlMeasure,
  rejectedRawSql,
  timeBucketQuery,
  windowAggregatesQuery,
  writeAttempts,
} from "./orders-fixture.js";

/** What the suite needs of a scratch database an adapter made. */
export interface ScratchSource {
  /** `sources.db` of kpi.yaml, without `views` (the suite adds them). May use `${env:NAME}`. */
  source: SourceConfig;
  /** Values for the `${env:NAME}` references of `source`. */
  env?: Record<string, string>;
  /** A `from` of three parts (`database.schema.table`) naming the `orders` table, where the engine has them. */
  threePartOrders?: string;
  /** A password the live source's URL carries (a server that ignores it): no error may show it. */
  secret?: string;
  /** Drops the scratch database (or schema); its files are removed with the workspace folder. */
  drop(): Promise<void>;
}

/** How one connector's test drives the suite: the engine-specific part, kept small. */
export interface ConformanceAdapter {
  connector: Connector;
  /** Creates a fresh database holding `tables` (types, rows); `dir` is the workspace folder. */
  createScratch(tables: readonly FixtureTable[], dir: string): Promise<ScratchSource>;
  /** A query that runs far past a short timeout unless stopped; `marker` appears in its text. */
  slowQuery(marker: string): string;
  /** Server engines: how many statements with `marker` the server still runs (a cancel reaches the server). */
  serverQueries?(marker: string): Promise<number>;
  /** A source that cannot be opened (server down: a URL with `password`; embedded: a missing file). */
  downSource(password: string): SourceConfig;
  /** The kind of SourceError opening `downSource` gives (`connect` for servers, `not-found` for files). */
  downKind: "connect" | "not-found";
  /**
   * An engine setting of `options:` the type allows, with a check (expect-based) that the session
   * took it; and one it must refuse (it could lift the sandbox or read-only mode).
   */
  options: {
    allowed?: { name: string; value: string | number; check(connection: Connection): Promise<void> };
    refused: string;
  };
  /**
   * What the engine (version) cannot do, with why: the suite then accepts, instead of the value, an
   * error on the KPI (never empty or wrong values). `bucketBoundSeries`: series of windows and
   * states (a JOIN to the bucket list); `views`: `views:` (compiled as WITH).
   */
  gaps?: { bucketBoundSeries?: string; views?: string };
}

/** The runner's runWorkspace (passed in: connection sits below the runner). */
export type RunWorkspace = (options: {
  root: string;
  period?: { start: string; end: string };
  grain?: "day" | "week" | "month" | "quarter";
  breakdowns?: boolean;
  env?: NodeJS.ProcessEnv;
}) => Promise<{ results: ConformanceResult[] }>;

interface ConformanceResult {
  kpi: string;
  value: number | null;
  status: string;
  error?: string;
  breakdowns?: Record<string, Array<{ key: string | null; value: number | null }>>;
  series?: Array<{ start: string; value: number | null; error?: string }>;
}

const SOURCE = "db";
const PASSWORD = "s3cret-conformance-pw";

/**
 * The conformance suite (spec section 6): every connector runs it against a real engine from one
 * test file, `packages/connector-<name>/test/conformance.test.ts`. See docs/connectors.md.
 */
export function runConformanceSuite(
  adapter: ConformanceAdapter,
  runWorkspace: RunWorkspace,
  options: { skip?: boolean } = {},
): void {
  const type = adapter.connector.type;
  describe.skipIf(options.skip === true)(`conformance: ${type}`, () => {
    let base: string;
    let dir: string;
    let scratch: ScratchSource;
    let connection: Connection;
    const run = (extra: Omit<Parameters<RunWorkspace>[0], "root" | "env">, root = dir) =>
      runWorkspace({ root, ...(scratch.env ? { env: scratch.env } : {}), ...extra });

    beforeAll(async () => {
      // Workspaces side by side: one never holds another's KPI files.
      base = mkdtempSync(path.join(tmpdir(), `kpi-conformance-${type}-`));
      dir = path.join(base, "main");
      mkdirSync(dir);
      scratch = await adapter.createScratch(conformanceTables, dir);
      writeConformanceWorkspace(dir, { ...scratch.source, views: conformanceViews });
      connection = await adapter.connector.connect(scratch.source, {
        workspaceRoot: dir,
        source: SOURCE,
        ...(scratch.env ? { env: scratch.env } : {}),
      });
    });

    afterAll(async () => {
      await connection?.close();
      await scratch?.drop();
      if (base) rmSync(base, { recursive: true, force: true });
    });

    it("is the registered connector of its type, with its type's dialect", () => {
      expect(getConnector(type)).toBe(adapter.connector);
      expect(adapter.connector.dialect).toBe(dialects[type as keyof typeof dialects]);
    });

    describe("queries through the dialect", () => {
      it("computes plain, filtered and distinct aggregates over a half-open window, in UTC", async () => {
        const query = windowAggregatesQuery(connection.dialect);
        expect(await connection.query(query.sql, query.params)).toEqual(query.expected);
      });

      it.each(["day", "week", "month", "quarter"] as const)(
        "buckets by %s (weeks start Monday)",
        async (grain) => {
          const query = timeBucketQuery(connection.dialect, grain);
          expect(await connection.query(query.sql, query.params)).toEqual(query.expected);
        },
      );

      it("runs a raw SQL measure that passes the read-only check; the check refuses writes", async () => {
        assertReadOnlyQuery(rawSqlMeasure.sql, connection.dialect);
        const bound = bindNamedParams(rawSqlMeasure.sql, connection.dialect, rawSqlMeasure.values);
        expect(await connection.query(bound.sql, bound.params)).toEqual(rawSqlMeasure.expected);
        for (const sql of rejectedRawSql)
          expect(() => assertReadOnlyQuery(sql, connection.dialect), sql).toThrow(ReadOnlyViolationError);
      });
    });

    describe("the same workspace, the same values", () => {
      it.each(
        expectedTotals.map((expected) => [`${expected.period.start}..${expected.period.end}`, expected]),
      )(
        "computes every aggregate, expr, duration, where with :start/:end, window, active, view and segment over %s",
        async (_label, expected) => {
          const results = byKpi((await run({ period: expected.period })).results);
          for (const [kpi, value] of Object.entries(expected.values)) {
            if (adapter.gaps?.views && kpi === "paid_from_view") {
              expect(results[kpi]?.status, adapter.gaps.views).toBe("error");
              expect(results[kpi]?.error).toContain('view "paid_orders"');
              continue;
            }
            expect(results[kpi]?.error, kpi).toBeUndefined();
            expect(results[kpi]?.value, kpi).toBeCloseTo(value, 9);
          }
          for (const [kpi, rows] of Object.entries(expected.breakdowns)) {
            const segment = String((conformanceKpis[kpi]?.segments as string[] | undefined)?.[0]);
            expect(keyed(results[kpi]?.breakdowns?.[segment] ?? []), kpi).toEqual(rounded(rows));
          }
        },
      );

      it.each(expectedSeries.map((expected) => [`${expected.kpi} by ${expected.grain}`, expected]))(
        "computes the series of %s, bucket by bucket",
        async (_label, expected) => {
          const results = byKpi(
            (await run({ period: expected.period, grain: expected.grain, breakdowns: false })).results,
          );
          const result = results[expected.kpi];
          const gap = expected.bucketBound ? adapter.gaps?.bucketBoundSeries : undefined;
          if (gap && result?.status === "error") {
            // Not computed on this engine: an error on the KPI and on every point, never empty values.
            expect(result?.status, gap).toBe("error");
            expect(result?.error).toMatch(/^series: /);
            expect(result?.series?.every((point) => point.value === null && point.error)).toBe(true);
            return;
          }
          expect(result?.error, expected.kpi).toBeUndefined();
          expect(
            keyed((result?.series ?? []).map((point) => ({ key: point.start, value: point.value }))),
          ).toEqual(rounded(expected.points));
        },
      );

      it("bounds periods by the calendar's time zone", async () => {
        const zoned = sibling(dir, "calendar", scratch.source);
        writeConformanceWorkspace(zoned, scratch.source, {
          project: { calendar: calendarExpectation.calendar },
        });
        const results = byKpi(
          (await run({ period: calendarExpectation.period, breakdowns: false }, zoned)).results,
        );
        expect(results[calendarExpectation.kpi]?.value).toBe(calendarExpectation.value);
      });

      it.runIf(filterForms(adapter.connector.dialect))(
        "gives the same values in the CASE WHEN form that engines without FILTER get",
        async () => {
          const { result: results, statements } = await withCaseWhenForm(adapter.connector, () =>
            Promise.all(
              expectedTotals.map(async (expected) => byKpi((await run({ period: expected.period })).results)),
            ),
          );
          // The engine saw the CASE WHEN form only.
          expect(statements.some((sql) => sql.includes("CASE WHEN"))).toBe(true);
          expect(statements.filter((sql) => sql.includes("FILTER (WHERE"))).toEqual([]);
          expectedTotals.forEach((expected, index) => {
            for (const [kpi, value] of Object.entries(expected.values)) {
              expect(results[index]?.[kpi]?.error, kpi).toBeUndefined();
              expect(results[index]?.[kpi]?.value, kpi).toBeCloseTo(value, 9);
            }
          });
        },
      );

      it("reads a table named by three parts (database.schema.table) where the engine has them", async () => {
        if (!scratch.threePartOrders) return;
        const kpis = {
          orders_count: { ...conformanceKpis.orders_count, measures: threePart(scratch.threePartOrders) },
        };
        const three = sibling(dir, "three", scratch.source);
        writeConformanceWorkspace(three, scratch.source, { kpis });
        const results = byKpi((await run({ period: Q1 }, three)).results);
        expect(results.orders_count?.error).toBeUndefined();
        expect(results.orders_count?.value).toBe(5);
      });
    });

    describe("engine options", () => {
      it.runIf(adapter.options.allowed !== undefined)("passes an allowed option to the session", async () => {
        const allowed = adapter.options.allowed;
        if (!allowed) return;
        const config = { ...scratch.source, options: { [allowed.name]: allowed.value } };
        const tuned = await adapter.connector.connect(config, {
          workspaceRoot: dir,
          source: SOURCE,
          ...(scratch.env ? { env: scratch.env } : {}),
        });
        try {
          await allowed.check(tuned);
        } finally {
          await tuned.close();
        }
      });

      it("refuses an option that could lift the sandbox: the schema at the option's key, the connector by name", async () => {
        const { refused } = adapter.options;
        const config = { ...scratch.source, options: { [refused]: "true" } };
        const project = { project: "p", sources: { [SOURCE]: config } };
        const problems = validateAgainstSchema("project", project);
        expect(problems).toContainEqual(
          expect.objectContaining({ path: ["sources", SOURCE, "options", refused], target: "key" }),
        );
        const error = await sourceErrorOf(
          adapter.connector.connect(config, {
            workspaceRoot: dir,
            source: SOURCE,
            ...(scratch.env ? { env: scratch.env } : {}),
          }),
        );
        expect(error.kind).toBe("config");
        expect(error.message).toContain(`"${refused}"`);
      });
    });

    describe("read-only, timeouts, failures", () => {
      it("refuses every write through query, even ones no SQL check saw; the data stays intact", async () => {
        for (const sql of writeAttempts) {
          const error = await sourceErrorOf(connection.query(sql, []));
          expect(error.kind, sql).toBe("read-only");
        }
        const intact = intactQuery(connection.dialect);
        expect(await connection.query(intact.sql, intact.params)).toEqual(intact.expected);
      });

      it("stops a query past its timeout, on the server too, and stays usable", async () => {
        const marker = `kpi_slow_${Math.random().toString(36).slice(2, 10)}`;
        const error = await sourceErrorOf(
          connection.query(adapter.slowQuery(marker), [], { timeoutMs: 300 }),
        );
        expect(error.kind).toBe("timeout");
        if (adapter.serverQueries) {
          const serverQueries = adapter.serverQueries;
          expect(await pollUntil(async () => (await serverQueries(marker)) === 0)).toBe(true);
        }
        expect(await connection.query("SELECT 1 AS one", [])).toEqual([{ one: 1 }]);
      });

      it("stops a query its caller aborts, on the server too, and stays usable", async () => {
        const marker = `kpi_abort_${Math.random().toString(36).slice(2, 10)}`;
        const controller = new AbortController();
        const running = sourceErrorOf(
          connection.query(adapter.slowQuery(marker), [], { timeoutMs: 60_000, signal: controller.signal }),
        );
        const serverQueries = adapter.serverQueries;
        if (serverQueries) {
          // Abort once the server runs it, then it must be gone from the server.
          expect(await pollUntil(async () => (await serverQueries(marker)) > 0)).toBe(true);
          controller.abort();
          expect((await running).kind).toBe("cancelled");
          expect(await pollUntil(async () => (await serverQueries(marker)) === 0)).toBe(true);
        } else {
          // Embedded: abort while it runs (a pause lets it start; the outcome does not depend on it).
          await new Promise((resolve) => setTimeout(resolve, 100));
          controller.abort();
          expect((await running).kind).toBe("cancelled");
        }
        expect(await connection.query("SELECT 1 AS one", [])).toEqual([{ one: 1 }]);
      });

      it("refuses to start a query whose signal is already aborted", async () => {
        const controller = new AbortController();
        controller.abort();
        const error = await sourceErrorOf(
          connection.query("SELECT 1 AS one", [], { signal: controller.signal }),
        );
        expect(error.kind).toBe("cancelled");
      });

      it("says clearly that a source is down, naming it, never printing the password", async () => {
        const down = adapter.downSource(PASSWORD);
        const error = await sourceErrorOf(
          adapter.connector.connect(down, { workspaceRoot: dir, source: SOURCE }),
        );
        expect(error.kind).toBe(adapter.downKind);
        expect(error.source).toBe(SOURCE);
        expect(error.message).toContain(`"${SOURCE}"`);
        expect(`${error.message} ${error.stack}`).not.toContain(PASSWORD);
        // Through the runner, with the URL in the environment: the KPIs fail, the password stays hidden.
        const downDir = sibling(dir, "down", { type });
        const url = typeof down.url === "string" ? { url: `\${env:KPI_CONFORMANCE_DOWN_URL}` } : {};
        writeConformanceWorkspace(
          downDir,
          { ...down, ...url },
          { kpis: { orders_count: conformanceKpis.orders_count ?? {} } },
        );
        const result = await runWorkspace({
          root: downDir,
          period: Q1,
          env: { ...process.env, KPI_CONFORMANCE_DOWN_URL: String(down.url ?? "") },
        });
        expect(result.results[0]?.status).toBe("error");
        expect(result.results[0]?.error).toContain(SOURCE);
        expect(JSON.stringify(result)).not.toContain(PASSWORD);
      });

      it("keeps the live URL's password out of query errors and the runner's output", async () => {
        const error = await sourceErrorOf(connection.query("SELECT nope FROM kpi_no_such_table", []));
        expect(error.kind).toBe("query");
        expect(error.message).toContain(`"${SOURCE}"`);
        const secret = scratch.secret;
        if (!secret) return;
        expect(`${error.message} ${error.stack}`).not.toContain(secret);
        const broken = sibling(dir, "broken", scratch.source);
        const kpis = {
          broken: {
            formula: "n",
            measures: { n: { source: "db", sql: "select nope from kpi_no_such_table" } },
          },
        };
        writeConformanceWorkspace(broken, scratch.source, { kpis });
        const result = await run({ period: Q1 }, broken);
        expect(result.results[0]?.status).toBe("error");
        expect(JSON.stringify(result)).not.toContain(secret);
      });

      it("names a missing environment variable of the source", async () => {
        const key = typeof scratch.source.url === "string" ? "url" : "path";
        const config = { ...scratch.source, [key]: `\${env:KPI_CONFORMANCE_UNSET}` };
        const error = await sourceErrorOf(
          adapter.connector.connect(config, { workspaceRoot: dir, env: {}, source: SOURCE }),
        );
        expect(error.kind).toBe("config");
        expect(error.message).toContain("KPI_CONFORMANCE_UNSET");
      });
    });
  });
}

/** Whether the dialect uses FILTER (WHERE ...) and so also has the CASE WHEN form to compare with. */
function filterForms(dialect: SqlDialect): boolean {
  return dialect.filteredAggregate === filterClauseAggregate;
}

/**
 * Runs `use` with the connector's type compiled in the CASE WHEN form (FILTER replaced, in the
 * percentiles too), as for engines without FILTER; the real dialect and connector come back after.
 */
async function withCaseWhenForm<T>(
  connector: Connector,
  use: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const real = connector.dialect;
  const caseWhen: SqlDialect = {
    ...real,
    filteredAggregate: caseWhenAggregate,
    percentile: (fraction, expr, condition) =>
      real.percentile(fraction, condition === null ? expr : `CASE WHEN ${condition} THEN ${expr} END`, null),
  };
  const table = dialects as Record<string, SqlDialect>;
  table[real.name] = caseWhen;
  registerConnector({
    type: connector.type,
    dialect: caseWhen,
    connect: async (config, context) => {
      const opened = await connector.connect(config, context);
      return {
        type: opened.type,
        dialect: caseWhen,
        ...(opened.privileges ? { privileges: opened.privileges } : {}),
        query: (sql, params, options) => {
          statements.push(sql);
          return opened.query(sql, params, options);
        },
        close: () => opened.close(),
      };
    },
  });
  try {
    return { result: await use(), statements };
  } finally {
    table[real.name] = real;
    registerConnector(connector);
  }
}

function byKpi(results: ConformanceResult[]): Record<string, ConformanceResult> {
  return Object.fromEntries(results.map((result) => [result.kpi, result]));
}

function round(value: number | null | undefined): number | null {
  return typeof value === "number" ? Number(value.toFixed(9)) : (value ?? null);
}

function keyed(rows: Array<{ key: string | null; value: number | null }>): Record<string, number | null> {
  return Object.fromEntries(rows.map((row) => [String(row.key), round(row.value)]));
}

function rounded(values: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)]));
}

function threePart(from: string): Record<string, unknown> {
  return { n: { source: "db", from, time: "created_at", aggregate: "count" } };
}

/** A second workspace beside the first, over the same source (file databases copied into it). */
function sibling(dir: string, name: string, source: SourceConfig): string {
  const to = mkdtempSync(path.join(path.dirname(dir), `${name}-`));
  const files = [source.path, ...Object.values(source.tables ?? {})];
  for (const file of files) {
    if (typeof file !== "string" || file.includes("${") || path.isAbsolute(file)) continue;
    if (existsSync(path.join(dir, file)))
      cpSync(path.join(dir, file), path.join(to, file), { recursive: true });
  }
  return to;
}

/** The SourceError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

/** Asks `check` again until it holds, at most 100 times; no fixed sleep decides the outcome. */
async function pollUntil(check: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
