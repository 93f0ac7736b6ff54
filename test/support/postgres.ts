import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/**
 * Returns a factory of fresh, empty databases on the run's PostgreSQL cluster (started by
 * the e2e project's global setup), each dropped after the file's tests. Call it at the
 * top of a `describe` block or file.
 */
export function useDatabases(): () => Promise<string> {
  const adminUrl = inject("postgresAdminUrl");
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created.splice(0)) await dropDatabase(adminUrl, name);
  });
  return async () => {
    const name = `t_${randomBytes(6).toString("hex")}`;
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
