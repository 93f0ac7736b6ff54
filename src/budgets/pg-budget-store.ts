import type { Logger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import type { BudgetSettings } from "./budget-math.js";
import {
  type BudgetState,
  type BudgetStore,
  warnedPeriodStart,
  warnedRetentionMs,
} from "./budget-store.js";

/** The channel a node announces changed limits on. */
const budgetsChannel = "budgets";

/**
 * Budgets in the cluster's database: the limits in one row of `budget_settings`, changed
 * under a row lock so two nodes' changes never overwrite each other and announced on the
 * `budgets` channel so every node's copy follows; each period warning is a row of
 * `budget_warnings`, inserted only if absent, so one node of the cluster sends it.
 */
export class PgBudgetStore implements BudgetStore {
  readonly #database: Database;
  readonly #now: () => number;
  readonly #logger: Logger | undefined;
  /** The newest version of the limits seen, so a slow reload never replaces newer limits. */
  #version = -1;
  #latest: BudgetSettings | undefined;

  constructor(database: Database, now: () => number = Date.now, logger?: Logger) {
    this.#database = database;
    this.#now = now;
    this.#logger = logger;
  }

  async load(): Promise<BudgetState> {
    const { rows } = await this.#database.query<{ key: string }>(
      "SELECT key FROM budget_warnings WHERE period_start >= $1",
      [this.#now() - warnedRetentionMs],
    );
    const settings = (await this.#settings()) ?? this.#latest ?? { org: {}, projects: {} };
    return { settings, warned: rows.map((row) => row.key) };
  }

  async update(change: (settings: BudgetSettings) => BudgetSettings): Promise<BudgetSettings> {
    const { changed, version } = await this.#database.transaction(async (client) => {
      await client.query(
        `INSERT INTO budget_settings (settings) VALUES ('{"org":{},"projects":{}}')
         ON CONFLICT DO NOTHING`,
      );
      const { rows } = await client.query<{ settings: BudgetSettings }>(
        "SELECT settings FROM budget_settings FOR UPDATE",
      );
      const changed = change(rows[0]?.settings ?? { org: {}, projects: {} });
      const updated = await client.query<{ version: string }>(
        "UPDATE budget_settings SET settings = $1, version = version + 1 RETURNING version",
        [JSON.stringify(changed)],
      );
      await client.query("DELETE FROM budget_warnings WHERE period_start < $1", [
        this.#now() - warnedRetentionMs,
      ]);
      return { changed, version: Number(updated.rows[0]?.version) };
    });
    // Another node's newer change may have been read meanwhile: the newest limits win.
    if (version > this.#version) {
      this.#version = version;
      this.#latest = changed;
    }
    await this.#database.notify(budgetsChannel, "settings").catch((error: Error) => {
      this.#logger?.warn("budgets: other nodes not told of new limits", {
        message: error.message,
      });
    });
    return this.#latest ?? changed;
  }

  async recordWarning(key: string): Promise<boolean> {
    const { rowCount } = await this.#database.query(
      `INSERT INTO budget_warnings (key, period_start) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [key, warnedPeriodStart(key)],
    );
    return rowCount === 1;
  }

  async watch(onChange: (settings: BudgetSettings) => void): Promise<() => void> {
    const reload = () => {
      this.#settings().then(
        (settings) => settings && onChange(settings),
        (error: Error) =>
          this.#logger?.warn("budgets: limits not reloaded", { message: error.message }),
      );
    };
    const stopListening = await this.#database.listen(budgetsChannel, reload);
    // Announcements sent while the connection was down are lost: read the limits again.
    const stopReconnect = this.#database.onReconnect(reload);
    return () => {
      stopListening();
      stopReconnect();
    };
  }

  async close(): Promise<void> {}

  /** The stored limits when newer than any seen so far; undefined when not. */
  async #settings(): Promise<BudgetSettings | undefined> {
    const { rows } = await this.#database.query<{ settings: BudgetSettings; version: string }>(
      "SELECT settings, version FROM budget_settings",
    );
    const row = rows[0];
    const version = row ? Number(row.version) : 0;
    if (version <= this.#version) return undefined;
    this.#version = version;
    this.#latest = row?.settings;
    return row?.settings ?? { org: {}, projects: {} };
  }
}
