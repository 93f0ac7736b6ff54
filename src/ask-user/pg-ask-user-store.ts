import type { Queryable } from "../storage/postgres/index.js";
import { type AskUserSettingsPatch, AskUserSettingsPatchSchema } from "./ask-user-settings.js";
import { type AskUserState, AskUserStateSchema, freshState } from "./ask-user-state.js";
import type { AskUserStateStore } from "./ask-user-state-store.js";

/**
 * One project's `ask_user` state in the cluster's database: a row per session in
 * `ask_user_states` and the project's row in `ask_user_defaults`, JSONB each. Any node
 * reads what another wrote, so a session reopened elsewhere resumes its queue, autopilot
 * and counters. A session row that does not parse is renamed `{id}.corrupt-<time>` and
 * reads as fresh state; a defaults row that does not parse reads as `{}`.
 */
export class PgAskUserStore implements AskUserStateStore {
  readonly #db: Queryable;
  readonly #projectId: string;

  constructor(database: Queryable, projectId: string) {
    this.#db = database;
    this.#projectId = projectId;
  }

  async loadState(sessionId: string): Promise<AskUserState> {
    const { rows } = await this.#db.query<{ state: unknown }>(
      "SELECT state FROM ask_user_states WHERE project_id = $1 AND session_id = $2",
      [this.#projectId, sessionId],
    );
    const row = rows[0];
    if (!row) return freshState();
    const parsed = AskUserStateSchema.safeParse(row.state);
    if (parsed.success) return parsed.data;
    await this.#db.query(
      "UPDATE ask_user_states SET session_id = $3 WHERE project_id = $1 AND session_id = $2",
      [this.#projectId, sessionId, `${sessionId}.corrupt-${Date.now()}`],
    );
    return freshState();
  }

  async saveState(sessionId: string, state: AskUserState): Promise<void> {
    await this.#db.query(
      `INSERT INTO ask_user_states (project_id, session_id, state) VALUES ($1, $2, $3)
       ON CONFLICT (project_id, session_id)
       DO UPDATE SET state = excluded.state, updated_at = now()`,
      [this.#projectId, sessionId, JSON.stringify(AskUserStateSchema.parse(state))],
    );
  }

  async deleteState(sessionId: string): Promise<void> {
    await this.#db.query("DELETE FROM ask_user_states WHERE project_id = $1 AND session_id = $2", [
      this.#projectId,
      sessionId,
    ]);
  }

  async loadDefaults(): Promise<AskUserSettingsPatch> {
    const { rows } = await this.#db.query<{ defaults: unknown }>(
      "SELECT defaults FROM ask_user_defaults WHERE project_id = $1",
      [this.#projectId],
    );
    const parsed = AskUserSettingsPatchSchema.safeParse(rows[0]?.defaults ?? {});
    return parsed.success ? parsed.data : {};
  }

  async saveDefaults(defaults: AskUserSettingsPatch): Promise<void> {
    await this.#db.query(
      `INSERT INTO ask_user_defaults (project_id, defaults) VALUES ($1, $2)
       ON CONFLICT (project_id) DO UPDATE SET defaults = excluded.defaults, updated_at = now()`,
      [this.#projectId, JSON.stringify(AskUserSettingsPatchSchema.parse(defaults))],
    );
  }
}

/** Removes every `ask_user` row of a deleted project. */
export async function removeProjectAskUserState(db: Queryable, projectId: string): Promise<void> {
  await db.query("DELETE FROM ask_user_states WHERE project_id = $1", [projectId]);
  await db.query("DELETE FROM ask_user_defaults WHERE project_id = $1", [projectId]);
}
