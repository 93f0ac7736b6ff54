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
    return { settings: await this.#settings(), warned: rows.map((row) => row.key) };
  }

  async update(change: (settings: BudgetSettings) => BudgetSettings): Promise<BudgetSettings> {
    const next = await this.#database.transaction(async (client) => {
      await client.query(
        `INSERT INTO budget_settings (settings) VALUES ('{"org":{},"projects":{}}')
         ON CONFLICT DO NOTHING`,
      );
      const { rows } = await client.query<{ settings: BudgetSettings }>(
        "SELECT settings FROM budget_settings FOR UPDATE",
      );
      const changed = change(rows[0]?.settings ?? { org: {}, projects: {} });
      await client.query("UPDATE budget_settings SET settings = $1", [JSON.stringify(changed)]);
      await client.query("DELETE FROM budget_warnings WHERE period_start < $1", [
        this.#now() - warnedRetentionMs,
      ]);
      return changed;
    });
    await this.#database.notify(budgetsChannel, "settings").catch((error: Error) => {
      this.#logger?.warn("budgets: other nodes not told of new limits", {
        message: error.message,
      });
    });
    return next;
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
      this.#settings().then(onChange, (error: Error) =>
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

  async #settings(): Promise<BudgetSettings> {
    const { rows } = await this.#database.query<{ settings: BudgetSettings }>(
      "SELECT settings FROM budget_settings",
    );
    return rows[0]?.settings ?? { org: {}, projects: {} };
  }
}
