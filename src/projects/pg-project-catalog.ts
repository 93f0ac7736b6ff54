import type { Database } from "../storage/postgres/index.js";
import type { CatalogEntry, ProjectCatalog } from "./project-catalog.js";
import type { ProjectRecord, RegistryState } from "./project-store.js";

/** The channel a change to the `projects` table is announced on; the payload is the id. */
export const projectsChannel = "projects";

/** First key of the advisory locks on projects (`proj`), apart from every other lock. */
const projectLockClass = 0x70_72_6f_6a;

interface ProjectRow {
  id: string;
  name: string;
  created_at: Date;
  deleting: boolean;
}

const toRecord = (row: ProjectRow): ProjectRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
});

/**
 * The cluster's catalog: the `projects` table. Mutations of one project are serialised
 * across nodes by a session advisory lock (released by PostgreSQL if the node dies), and
 * each change is announced on {@link projectsChannel} so other nodes update their view.
 */
export class PgProjectCatalog implements ProjectCatalog {
  readonly shared = true;
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async load(): Promise<RegistryState> {
    const { rows } = await this.#database.query<ProjectRow>(
      "SELECT id, name, created_at, deleting FROM projects ORDER BY seq",
    );
    return {
      projects: rows.filter((row) => !row.deleting).map(toRecord),
      deleting: rows.filter((row) => row.deleting).map((row) => row.id),
    };
  }

  async find(id: string): Promise<CatalogEntry> {
    const { rows } = await this.#database.query<ProjectRow>(
      "SELECT id, name, created_at, deleting FROM projects WHERE id = $1",
      [id],
    );
    const row = rows[0];
    if (!row) return { deleting: false };
    return row.deleting ? { deleting: true } : { project: toRecord(row), deleting: false };
  }

  async locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    const checkedOut = await this.#database.checkOut();
    const { client } = checkedOut;
    let broken: Error | undefined;
    try {
      await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [projectLockClass, id]);
      try {
        return await work();
      } finally {
        await client
          .query("SELECT pg_advisory_unlock($1, hashtext($2))", [projectLockClass, id])
          .catch((error: Error) => {
            broken = error;
          });
      }
    } finally {
      // A connection that could not unlock is dropped, which releases the lock.
      checkedOut.release(broken);
    }
  }

  async add(record: ProjectRecord): Promise<void> {
    await this.#database.query("INSERT INTO projects (id, name, created_at) VALUES ($1, $2, $3)", [
      record.id,
      record.name,
      record.createdAt,
    ]);
    await this.#announce(record.id);
  }

  async markDeleting(id: string): Promise<void> {
    await this.#database.query("UPDATE projects SET deleting = true WHERE id = $1", [id]);
    await this.#announce(id);
  }

  async forget(id: string): Promise<void> {
    await this.#database.query("DELETE FROM projects WHERE id = $1 AND deleting", [id]);
  }

  async watch(onChange: (id?: string) => void): Promise<() => void> {
    const stopListening = await this.#database.listen(projectsChannel, (id) => onChange(id));
    const stopReconnect = this.#database.onReconnect(() => onChange());
    return () => {
      stopListening();
      stopReconnect();
    };
  }

  #announce(id: string): Promise<void> {
    return this.#database.notify(projectsChannel, id);
  }
}
