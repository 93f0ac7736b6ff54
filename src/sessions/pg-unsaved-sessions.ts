import type { Queryable } from "../storage/postgres/index.js";
import {
  type UnsavedSession,
  UnsavedSessionSchema,
  type UnsavedSessionStore,
} from "./unsaved-sessions.js";

/**
 * One project's unsaved-session records in the cluster's `unsaved_sessions` table, so a
 * session created on one node (and not yet answered) can be reopened by any other. A row
 * that does not parse reads as no record and is left for inspection.
 */
export class PgUnsavedSessions implements UnsavedSessionStore {
  readonly #db: Queryable;
  readonly #projectId: string;

  constructor(database: Queryable, projectId: string) {
    this.#db = database;
    this.#projectId = projectId;
  }

  async save(session: UnsavedSession): Promise<void> {
    const record = UnsavedSessionSchema.parse(session);
    await this.#db.query(
      `INSERT INTO unsaved_sessions (project_id, session_id, record) VALUES ($1, $2, $3)
       ON CONFLICT (project_id, session_id)
       DO UPDATE SET record = excluded.record, updated_at = now()`,
      [this.#projectId, record.id, JSON.stringify(record)],
    );
  }

  async get(id: string): Promise<UnsavedSession | undefined> {
    const { rows } = await this.#db.query<{ record: unknown }>(
      "SELECT record FROM unsaved_sessions WHERE project_id = $1 AND session_id = $2",
      [this.#projectId, id],
    );
    return parse(rows[0]?.record);
  }

  async list(): Promise<UnsavedSession[]> {
    const { rows } = await this.#db.query<{ record: unknown }>(
      "SELECT record FROM unsaved_sessions WHERE project_id = $1 ORDER BY session_id",
      [this.#projectId],
    );
    return rows.map((row) => parse(row.record)).filter((record) => record !== undefined);
  }

  async remove(id: string): Promise<void> {
    await this.#db.query("DELETE FROM unsaved_sessions WHERE project_id = $1 AND session_id = $2", [
      this.#projectId,
      id,
    ]);
  }
}

/** Removes every unsaved-session record of a deleted project. */
export async function removeProjectUnsavedSessions(
  db: Queryable,
  projectId: string,
): Promise<void> {
  await db.query("DELETE FROM unsaved_sessions WHERE project_id = $1", [projectId]);
}

function parse(raw: unknown): UnsavedSession | undefined {
  const parsed = UnsavedSessionSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
