import pg from "pg";
import { describe, expect, it } from "vitest";
import { allMigrations, type Migration, openDatabase } from "../src/storage/postgres/index.js";
import { useDatabases } from "./support/postgres.js";

const newDatabase = useDatabases();

describe("Database", () => {
  it("applies every migration once, even when several processes open it at once", async () => {
    const url = await newDatabase();
    const opened = await Promise.all([openDatabase(url), openDatabase(url), openDatabase(url)]);
    const { rows } = await opened[0].query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((row) => row.version)).toEqual(allMigrations.map((m) => m.version));
    await Promise.all(opened.map((db) => db.close()));
  });

  it("refuses a database migrated past what this server knows", async () => {
    const url = await newDatabase();
    const newer: Migration = { version: 9999, name: "from-the-future", sql: "SELECT 1" };
    const first = await openDatabase(url, { migrations: [...allMigrations, newer] });
    await first.close();
    await expect(openDatabase(url)).rejects.toThrow(/newer than this server knows/);
  });

  it("rolls back a failing migration and names it", async () => {
    const url = await newDatabase();
    const broken: Migration = {
      version: 1000,
      name: "broken",
      sql: "CREATE TABLE half_made (id int); SELECT no_such_column FROM half_made",
    };
    await expect(openDatabase(url, { migrations: [...allMigrations, broken] })).rejects.toThrow(
      /Migration 1000 \(broken\) failed/,
    );
    const db = await openDatabase(url);
    const { rows } = await db.query("SELECT to_regclass('half_made') AS table");
    expect(rows[0]?.table).toBeNull();
    await db.close();
  });

  it("rolls back a transaction that throws", async () => {
    const db = await openDatabase(await newDatabase());
    await db.query("CREATE TABLE t (n int)");
    await expect(
      db.transaction(async (client) => {
        await client.query("INSERT INTO t VALUES (1)");
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await db.query("SELECT count(*)::int AS n FROM t")).rows[0]?.n).toBe(0);
    await db.close();
  });

  it("fails a transaction whose connection is cut between two queries, without an unhandled error", async () => {
    const url = await newDatabase();
    const db = await openDatabase(url);
    await db.query("CREATE TABLE t (n int)");
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const cut = db.transaction(async (client) => {
      await client.query("INSERT INTO t VALUES (1)");
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      // Idle between two queries, the client hears its connection end (an unheard
      // 'error' here would be an uncaught exception, failing the run).
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query("INSERT INTO t VALUES (2)");
    });
    await expect(cut).rejects.toThrow();
    await admin.end();
    expect((await db.query("SELECT count(*)::int AS n FROM t")).rows[0]?.n).toBe(0);
    await db.close();
  });

  it("delivers notifications across connections, and again after the listener is cut", async () => {
    const url = await newDatabase();
    const a = await openDatabase(url);
    const b = await openDatabase(url);
    const received: string[] = [];
    await a.listen("wake", (payload) => received.push(payload));
    await b.notify("wake", "one");
    await expect.poll(() => received, { timeout: 5000 }).toEqual(["one"]);

    const reconnected = new Promise<void>((resolve) => a.onReconnect(resolve));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '%listener'",
    );
    await admin.end();
    await reconnected;
    await b.notify("wake", "two");
    await expect.poll(() => received, { timeout: 5000 }).toEqual(["one", "two"]);
    expect((await a.health()).ok).toBe(true);
    await a.close();
    await b.close();
  });

  it("reports a database it cannot reach as unhealthy", async () => {
    const db = await openDatabase(await newDatabase());
    await db.close();
    const health = await db.health();
    expect(health.ok).toBe(false);
    expect(health.error).toBeTruthy();
  });
});
