import { z } from "@hono/zod-openapi";
import { defineRoute, jsonResponse as json } from "../http/openapi-helpers.js";
import { problemResponses } from "../http/problem.js";
import { isProjectId, maxProjectIdLength } from "../workspace/project-id.js";
import { usageGroupings } from "./usage-aggregate.js";

const TokensSchema = z
  .object({
    input: z.number().int(),
    output: z.number().int(),
    cacheRead: z.number().int(),
    cacheWrite: z.number().int(),
    total: z.number().int().describe("As pi reports it (`usage.totalTokens`)."),
  })
  .openapi("UsageTokens");

const CostSchema = z
  .object({
    input: z.number(),
    output: z.number(),
    cacheRead: z.number(),
    cacheWrite: z.number(),
    total: z.number(),
  })
  .openapi("UsageCost", { description: "US dollars, as pi prices the messages." });

const PercentilesSchema = z
  .object({ p50: z.number(), p95: z.number() })
  .nullable()
  .describe("Nearest-rank percentiles in milliseconds; null without samples.");

export const UsageRowSchema = z
  .object({
    key: z.string().openapi({
      example: "my-app",
      description:
        "The group: a project id, `provider/model`, a UTC day `YYYY-MM-DD`, a tool name, or `total`.",
    }),
    messages: z.number().int().describe("Assistant messages."),
    errors: z.number().int().describe("Assistant messages that ended with stop reason `error`."),
    tokens: TokensSchema,
    cost: CostSchema,
    runs: z.object({
      count: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      aborted: z.number().int(),
      successRate: z.number().nullable().describe("`succeeded / count`; null without runs."),
      durationMs: PercentilesSchema,
    }),
    tools: z.object({
      calls: z.number().int(),
      errors: z.number().int(),
      durationMs: PercentilesSchema,
    }),
  })
  .openapi("UsageRow");

export const UsageReportSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    groupBy: z.enum(usageGroupings),
    filters: z.object({ project: z.string().nullable(), model: z.string().nullable() }),
    totals: UsageRowSchema,
    groups: z.array(UsageRowSchema).describe("Sorted by key."),
  })
  .openapi("UsageReport");

const dateTime = (description: string) =>
  z.iso.datetime({ offset: true }).optional().openapi({ description });

export const UsageQuerySchema = z.object({
  from: dateTime("Start of the range, inclusive (ISO 8601). Default: 30 days before `to`."),
  to: dateTime("End of the range, exclusive (ISO 8601). Default: now."),
  project: z
    .string()
    .max(maxProjectIdLength)
    .refine(isProjectId, { error: "must be a project id (lower-case letters, digits and hyphens)" })
    .optional()
    .openapi({ description: "Only this project (deleted projects keep their history)." }),
  model: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Only this model: a model id or `provider/model`." }),
  groupBy: z
    .enum(usageGroupings)
    .default("project")
    .openapi({ description: "How `groups` are formed. Default `project`." }),
});

export const LiveAgentSchema = z
  .object({
    projectId: z.string(),
    sessionId: z.string(),
    taskId: z.string().nullable().describe("The task owning the session, if any."),
    status: z.enum(["idle", "streaming", "awaiting_input"]),
    provider: z.string().nullable(),
    modelId: z.string().nullable(),
    startedAt: z.iso.datetime().describe("When the current run started."),
    messages: z.number().int().describe("Assistant messages of the current run."),
    toolCalls: z.number().int().describe("Tool executions started in the current run."),
    tokens: TokensSchema.describe("Used by the current run so far."),
    cost: CostSchema.describe("Spent by the current run so far."),
    pendingUiRequests: z.number().int().describe("Extension dialogs waiting for an answer."),
  })
  .openapi("LiveAgent");

export const LiveAgentListSchema = z
  .object({ items: z.array(LiveAgentSchema).describe("Oldest run first.") })
  .openapi("LiveAgentList");

const tags = ["Usage"];

export const usageRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  path: "/usage",
  operationId: "usage.get",
  tags,
  summary: "Tokens, cost, runs, errors and durations over a time range",
  description: [
    "Aggregates the recorded assistant messages, runs and tool executions whose time falls in",
    "`[from, to)`, optionally for one project and/or one model, into totals and groups.",
    "A run counts at its end and is attributed to the model of its last assistant message.",
    "Grouped by `tool`, the groups hold only tool executions (tokens and runs are not",
    "attributable to one tool); `totals` always covers everything matching.",
  ].join(" "),
  request: { query: UsageQuerySchema },
  responses: {
    200: json(UsageReportSchema, "The aggregate."),
    ...problemResponses(400, 401),
  },
});

export const liveAgentsRoute = defineRoute({
  method: "get",
  "x-required-role": "viewer",
  path: "/agents/live",
  operationId: "agents.live",
  tags,
  summary: "Agent runs in progress across every project",
  description:
    "Each session between `agent_start` and `agent_end`, with its status, model, start time, what the run has used so far and its pending extension UI requests.",
  responses: {
    200: json(LiveAgentListSchema, "The running agents."),
    ...problemResponses(401),
  },
});
