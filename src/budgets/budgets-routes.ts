import { z } from "@hono/zod-openapi";
import { defineRoute, jsonResponse as json, jsonBody } from "../http/openapi-helpers.js";
import { SessionParamsSchema } from "../http/path-params.js";
import { problemResponses } from "../http/problem.js";

const positive = (description: string) =>
  z.number().positive().finite().optional().describe(description);
const count = (description: string) => z.number().int().positive().optional().describe(description);

const PeriodLimitsSchema = z
  .object({
    costUsd: positive("US dollars, as `/v1/usage` prices them."),
    tokens: count("Tokens (`tokens.total` of `/v1/usage`)."),
  })
  .strict()
  .openapi("BudgetPeriodLimits", {
    description: "Limits over one UTC period; an absent metric is unlimited.",
  });

const RunLimitsSchema = z
  .object({
    costUsd: positive("US dollars spent by one run."),
    tokens: count("Tokens used by one run."),
    wallTimeMs: count("Milliseconds from the run's start."),
    toolCalls: count("Tool calls one run may make; the next one aborts it."),
  })
  .strict()
  .openapi("BudgetRunLimits", {
    description: "Limits on each single run; an absent metric is unlimited.",
  });

export const BudgetLimitsSchema = z
  .object({
    day: PeriodLimitsSchema.optional().describe("Per UTC day."),
    month: PeriodLimitsSchema.optional().describe("Per UTC month."),
    run: RunLimitsSchema.optional().describe(
      "Per run. The org's are the default of every project that does not set the metric.",
    ),
    warnAtFraction: z
      .number()
      .gt(0)
      .lte(1)
      .optional()
      .describe("Fraction of a limit at which a warning is sent. Default: the org's, else 0.8."),
  })
  .strict()
  .openapi("BudgetLimits");

const PeriodStatusSchema = z
  .object({
    scope: z.enum(["org", "project"]),
    project: z.string().optional(),
    period: z.enum(["day", "month"]),
    metric: z.enum(["costUsd", "tokens"]),
    limit: z.number(),
    spent: z.number().describe("From the same records as `/v1/usage` over the period."),
    remaining: z.number(),
    fraction: z.number().describe("`spent / limit`."),
    periodStart: z.string().describe("ISO 8601, inclusive."),
    periodEnd: z.string().describe("ISO 8601, exclusive."),
  })
  .openapi("BudgetPeriodStatus");

const RunLimitSchema = z
  .object({
    scope: z
      .enum(["org", "project"])
      .describe("Whose limit applies: the project's or the org default."),
    metric: z.enum(["costUsd", "tokens", "wallTimeMs", "toolCalls"]),
    limit: z.number(),
  })
  .openapi("BudgetRunLimit");

export const BudgetViewSchema = z
  .object({
    limits: BudgetLimitsSchema,
    warnAtFraction: z.number().describe("The fraction in effect."),
    status: z.array(PeriodStatusSchema).describe("Each period limit with what is spent now."),
    runLimits: z.array(RunLimitSchema).describe("The per-run limits in effect."),
  })
  .openapi("BudgetView");

const tags = ["Budgets"];
const example = {
  day: { costUsd: 5 },
  month: { costUsd: 100, tokens: 20_000_000 },
  run: { costUsd: 1, toolCalls: 50 },
};

export const getOrgBudgetRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  path: "/budgets",
  operationId: "budgets.getOrg",
  tags,
  summary: "Read the org-wide budget and what is spent against it",
  description:
    "The org's limits, its day and month status (spent across every project, from the records `/v1/usage` reports) and the default per-run limits.",
  responses: { 200: json(BudgetViewSchema, "The org budget."), ...problemResponses(401) },
});

export const putOrgBudgetRoute = defineRoute({
  method: "put",
  "x-required-role": "admin",
  path: "/budgets",
  operationId: "budgets.putOrg",
  tags,
  summary: "Replace the org-wide budget",
  description:
    "Replaces every org limit; an absent metric is unlimited. Kept in `.pi-global/budgets.json`.",
  request: jsonBody(BudgetLimitsSchema, example),
  responses: { 200: json(BudgetViewSchema, "The org budget."), ...problemResponses(400, 401) },
});

export const getProjectBudgetRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  path: "/projects/{projectId}/budget",
  operationId: "budgets.getProject",
  tags,
  summary: "Read a project's budget and what is spent against it",
  description:
    "The project's own limits and their status, and the per-run limits its runs get (its own, else the org default). The org's budget applies too: see `GET /budgets`.",
  request: { params: SessionParamsSchema },
  responses: {
    200: json(BudgetViewSchema, "The project budget."),
    ...problemResponses(400, 401, 404),
  },
});

export const putProjectBudgetRoute = defineRoute({
  method: "put",
  "x-required-role": "admin",
  path: "/projects/{projectId}/budget",
  operationId: "budgets.putProject",
  tags,
  summary: "Replace a project's budget",
  description:
    "Replaces every limit of the project; `{}` removes them. Kept in `.pi-global/budgets.json`.",
  request: { params: SessionParamsSchema, ...jsonBody(BudgetLimitsSchema, example) },
  responses: {
    200: json(BudgetViewSchema, "The project budget."),
    ...problemResponses(400, 401, 404),
  },
});
