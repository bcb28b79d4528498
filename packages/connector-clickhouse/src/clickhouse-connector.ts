import { randomUUID } from "node:crypto";
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from "@clickhouse/client";
import {
  assertReadOnlyQuery,
  type ConnectContext,
  type Connection,
  type Connector,
  clickhouseDialect,
  describeSql,
  type QueryDescription,
  type QueryOptions,
  type QueryParam,
  QueryStuckError,
  ReadOnlyViolationError,
  type Row,
  requireSourceSetting,
  type SourceConfig,
  SourceError,
  type SourceErrorKind,
  sourceOptions,
  toSourceError,
  urlSecrets,
  watchQuery,
} from "@kpi-as-code/connection";
import { bindLiterals } from "./clickhouse-params.js";
import { toRow } from "./clickhouse-types.js";

// The HTTP request limit; queries end earlier by their own timeout (max_execution_time, the watch).
const REQUEST_TIMEOUT_MS = 300_000;
// max_execution_time acts first on the server; the client aborts and kills this much later.
const CLIENT_TIMEOUT_GRACE_MS = 1_000;
const TIMEOUT_EXCEEDED = 159;
const QUERY_WAS_CANCELLED = 394;
const READONLY = 164;

interface ErrorContext {
  source: string | undefined;
  sourceType: string;
  secrets: string[];
}

/** `http(s)://[user[:password]@]host:port/database` split into the client's settings. */
function clientSettings(url: string) {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new TypeError("url must be http(s)://");
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "default";
  return {
    url: `${parsed.protocol}//${parsed.host}`,
    username: decodeURIComponent(parsed.username) || "default",
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** ClickHouse over HTTP (`url`, `${env:...}` allowed). Every query carries `readonly=1`. */
export const clickhouseConnector: Connector = {
  type: "clickhouse",
  dialect: clickhouseDialect,
  async connect(config: SourceConfig, context: ConnectContext): Promise<Connection> {
    const url = requireSourceSetting(config, "url", context);
    // `options:` (registry-checked) ride on every query; each query's own readonly=1 still wins.
    const settings = Object.fromEntries(
      Object.entries(sourceOptions(config, context)).map(([name, value]) => [name, String(value)]),
    );
    const errorContext = { source: context.source, sourceType: "clickhouse", secrets: urlSecrets(url) };
    let client: ClickHouseClient | undefined;
    try {
      client = createClient({
        ...clientSettings(url),
        request_timeout: REQUEST_TIMEOUT_MS,
        clickhouse_settings: settings,
        // Failures reach the caller as SourceErrors; the client's own log would print them twice.
        log: { level: ClickHouseLogLevel.OFF },
      });
      const ping = await client.query({
        query: "SELECT 1",
        format: "JSON",
        clickhouse_settings: { readonly: "1" },
      });
      await ping.json();
      return new ClickHouseConnection(client, errorContext);
    } catch (error) {
      await client?.close().catch(() => undefined);
      throw toSourceError(serverError(error).error, { ...errorContext, kind: "connect" });
    }
  },
};

class ClickHouseConnection implements Connection {
  readonly type = "clickhouse";
  readonly dialect = clickhouseDialect;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly errorContext: ErrorContext,
  ) {}

  async query(sql: string, params: readonly QueryParam[], options: QueryOptions = {}): Promise<Row[]> {
    const result = await this.execute(sql, params, options);
    return result.data.map((row) => toRow(result.meta ?? [], row));
  }

  /** The query under `LIMIT 0`: analysed by the server, its columns named from the result's meta, no row read. */
  async describe(
    sql: string,
    params: readonly QueryParam[],
    options: QueryOptions = {},
  ): Promise<QueryDescription> {
    const result = await this.execute(describeSql(sql), params, options);
    return { columns: (result.meta ?? []).map((column) => column.name) };
  }

  private async execute(sql: string, params: readonly QueryParam[], options: QueryOptions) {
    // readonly=1 stops writes on the server; the shared check refuses more (several statements, …).
    try {
      assertReadOnlyQuery(sql, clickhouseDialect);
    } catch (error) {
      if (!(error instanceof ReadOnlyViolationError)) throw error;
      throw new SourceError({ ...this.errorContext, kind: "read-only", detail: error.message });
    }
    if (options.signal?.aborted) throw new SourceError({ ...this.errorContext, kind: "cancelled" });
    const queryId = randomUUID();
    const abort = new AbortController();
    const watch = watchQuery(options, CLIENT_TIMEOUT_GRACE_MS, async () => {
      abort.abort();
      await this.kill(queryId);
    });
    try {
      const settings: Record<string, string> = { readonly: "1" };
      if (options.timeoutMs !== undefined) {
        settings.max_execution_time = String(Math.max(1, Math.ceil(options.timeoutMs / 1000)));
      }
      const running = this.client
        .query({
          query: bindLiterals(sql, params),
          format: "JSON",
          query_id: queryId,
          abort_signal: abort.signal,
          clickhouse_settings: settings,
        })
        .then((result) => result.json<Record<string, unknown>>());
      return await Promise.race([running, watch.stuck]);
    } catch (error) {
      if (!(error instanceof QueryStuckError) && watch.reason === undefined) await this.kill(queryId);
      const server = serverError(error);
      throw toSourceError(server.error, {
        ...this.errorContext,
        kind: watch.reason ?? errorKind(server.code),
      });
    } finally {
      await watch.stop();
    }
  }

  /** Stops the query on the server: an aborted HTTP request alone may leave it running. */
  private async kill(queryId: string): Promise<void> {
    await this.client
      .command({ query: `KILL QUERY WHERE query_id = '${queryId}' SYNC` })
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

// 18.16 answers `Code: 159, e.displayText() = DB::Exception: …, e.what() = DB::Exception`, a form
// the client does not parse: the code and the message are read from the text.
const SERVER_ERROR =
  /^Code: (\d+), e\.displayText\(\) = DB::Exception: ([\s\S]*?)(?:, e\.what\(\) = DB::Exception)?\s*$/;

/** The server's code and message of an error, also in 18.16's form. */
export function serverError(error: unknown): { code: number; error: unknown } {
  const message = error instanceof Error ? error.message : "";
  const match = SERVER_ERROR.exec(message);
  if (match) return { code: Number(match[1]), error: new Error(`Code ${match[1]}: ${match[2]}`) };
  return { code: Number((error as { code?: unknown }).code), error };
}

function errorKind(code: number): SourceErrorKind {
  if (code === TIMEOUT_EXCEEDED) return "timeout";
  if (code === QUERY_WAS_CANCELLED) return "cancelled";
  if (code === READONLY) return "read-only";
  return "query";
}
