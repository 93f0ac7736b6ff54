import type { Logger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import { type BudgetStore, FileBudgetStore } from "./budget-store.js";
import { PgBudgetStore } from "./pg-budget-store.js";

export interface BudgetStoreOptions {
  /** `.pi-global/budgets.json`, used without a database. */
  file: string;
  /** The cluster's database; when given, budgets live there. */
  database?: Database | undefined;
  now?: () => number;
  logger?: Logger | undefined;
}

/** The budget store: in the cluster's database when one is given, else in `file`. */
export function budgetStore(options: BudgetStoreOptions): BudgetStore {
  return options.database
    ? new PgBudgetStore(options.database, options.now, options.logger)
    : new FileBudgetStore(options.file, options.now, options.logger);
}
