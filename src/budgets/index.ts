export * from "./budget-math.js";
export {
  type BudgetedSession,
  BudgetService,
  type BudgetServiceOptions,
  budgetExceeded,
} from "./budget-service.js";
export { budgetRoutes, createBudgetsApp } from "./budgets-app.js";
