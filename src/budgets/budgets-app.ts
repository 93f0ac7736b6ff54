import { createRouter, type RouterOptions } from "../http/router.js";
import type { BudgetLimits } from "./budget-math.js";
import type { BudgetService } from "./budget-service.js";
import {
  getOrgBudgetRoute,
  getProjectBudgetRoute,
  putOrgBudgetRoute,
  putProjectBudgetRoute,
} from "./budgets-routes.js";

/** This router's routes as data, in the order it registers them. */
export const budgetRoutes = [
  getOrgBudgetRoute,
  putOrgBudgetRoute,
  getProjectBudgetRoute,
  putProjectBudgetRoute,
] as const;

export interface BudgetsAppDeps extends RouterOptions {
  budgets: BudgetService;
  /** @throws {AppError} `PROJECT_NOT_FOUND` for a project that is not registered. */
  requireProject: (projectId: string) => void;
}

/** Drops absent members, so what is stored is exactly what was set. */
function compact(limits: BudgetLimits): BudgetLimits {
  return JSON.parse(JSON.stringify(limits)) as BudgetLimits;
}

/** `GET/PUT /budgets` and `GET/PUT /projects/{projectId}/budget`. */
export function createBudgetsApp(deps: BudgetsAppDeps) {
  const { budgets } = deps;
  const app = createRouter(deps);
  const orgView = () => ({
    limits: budgets.org(),
    warnAtFraction: budgets.warnAtFraction(),
    status: budgets.orgStatus(),
    runLimits: budgets.org().run
      ? Object.entries(budgets.org().run ?? {}).map(([metric, limit]) => ({
          scope: "org" as const,
          metric: metric as "costUsd" | "tokens" | "wallTimeMs" | "toolCalls",
          limit: limit as number,
        }))
      : [],
  });
  const projectView = (projectId: string) => ({
    limits: budgets.project(projectId),
    warnAtFraction: budgets.warnAtFraction(projectId),
    status: budgets.projectStatus(projectId),
    runLimits: budgets.runLimits(projectId),
  });

  app.openapi(getOrgBudgetRoute, (c) => c.json(orgView(), 200));
  app.openapi(putOrgBudgetRoute, async (c) => {
    await budgets.setOrg(compact(c.req.valid("json")));
    return c.json(orgView(), 200);
  });
  app.openapi(getProjectBudgetRoute, (c) => {
    const { projectId } = c.req.valid("param");
    deps.requireProject(projectId);
    return c.json(projectView(projectId), 200);
  });
  app.openapi(putProjectBudgetRoute, async (c) => {
    const { projectId } = c.req.valid("param");
    deps.requireProject(projectId);
    await budgets.setProject(projectId, compact(c.req.valid("json")));
    return c.json(projectView(projectId), 200);
  });
  return app;
}
