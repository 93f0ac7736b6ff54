export * from "./budget-math.js";
export {
  type BudgetedSession,
  BudgetService,
  type BudgetServiceOptions,
  budgetExceeded,
} from "./budget-service.js";
export {
  type BudgetState,
  type BudgetStore,
  FileBudgetStore,
} from "./budget-store.js";
export { budgetRoutes, createBudgetsApp } from "./budgets-app.js";
export { type BudgetStoreOptions, budgetStore } from "./open-budget-store.js";
export { PgBudgetStore } from "./pg-budget-store.js";
