import pg from "pg";

// The PostgreSQL these tests create their scratch databases on (trusting local logins).

export const server = process.env.KPI_TEST_PG_SERVER ?? "127.0.0.1:5432";
export const adminUrl = `postgres://postgres@${server}/postgres`;

/** Runs `use` on a client connected to `url`, closing it afterwards. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Drops a scratch database, closing whatever connections the test left open to it. */
export async function dropDatabase(database: string): Promise<void> {
  await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}
