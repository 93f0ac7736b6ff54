import type pg from "pg";

/** One schema change, applied once per database in version order. */
export interface Migration {
  /** Positive, unique, ascending: the order migrations are applied in. */
  version: number;
  /** Short kebab-case description, recorded beside the version. */
  name: string;
  /** Plain SQL; runs in one transaction with the version's record. */
  sql: string;
}

/** The advisory lock key that serialises migrations across processes starting together. */
const migrationLockKey = 0x70_69_61_67; // "piag"

/**
 * Applies the migrations the database has not seen, each in its own transaction with
 * its row in `schema_migrations`, under an advisory lock so that several processes
 * starting at once apply each exactly once. Refuses a database that a newer server
 * already migrated past the versions known here.
 */
export async function runMigrations(
  pool: pg.Pool,
  migrations: readonly Migration[],
): Promise<void> {
  checkOrder(migrations);
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number }>(
        "SELECT version FROM schema_migrations",
      );
      const applied = new Set(rows.map((row) => row.version));
      const newest = migrations.at(-1)?.version ?? 0;
      const unknown = [...applied].filter((version) => version > newest);
      if (unknown.length > 0) {
        throw new Error(
          `The database schema is at version ${Math.max(...unknown)}, newer than this server knows (${newest}); upgrade the server`,
        );
      }
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(
            `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
          );
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]);
    }
  } finally {
    client.release();
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration versions must ascend: ${migration.version} after ${previous}`);
    }
    previous = migration.version;
  }
}
