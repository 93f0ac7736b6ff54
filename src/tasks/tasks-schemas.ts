import { z } from "@hono/zod-openapi";
import { fieldLimitNote, hardFieldLimits } from "../config/field-limits.js";
import { PageQuerySchema, pageFields } from "../http/pagination.js";
import { projectIdParam } from "../http/path-params.js";
import { maxPriority, minPriority, taskStatuses } from "./task-types.js";

export type { TaskFieldLimits } from "../config/field-limits.js";

const noControlCharacters = /^[^\p{Cc}]*$/u;

export const TaskStatusSchema = z.enum(taskStatuses).openapi("TaskStatus");

export const TaskParamsSchema = z.object({ projectId: projectIdParam("projectId") });

export const TaskIdParamsSchema = TaskParamsSchema.extend({
  taskId: z
    .string()
    .min(1)
    .max(64)
    .openapi({
      param: { name: "taskId", in: "path" },
      example: "3b241101-e2bb-4255-8caf-4136c566a962",
    }),
});

const label = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(noControlCharacters, { error: "must not contain control characters" })
    // The generator would print the regex with its flag (`…$/u`); JSON Schema assumes `u`.
    .openapi({ pattern: noControlCharacters.source });

const metadataMax = hardFieldLimits.maxMetadataBytes;

/**
 * The webhook body. Its bounds are the hard maximums; the task routes hold each field
 * to the server's configured `API_MAX_*` limit as well.
 */
export const CreateTaskSchema = z
  .strictObject({
    title: label(hardFieldLimits.maxTitleLength)
      .refine((title) => title.trim().length > 0, { error: "must not be blank" })
      .openapi({
        example: "Fix the login redirect",
        description: fieldLimitNote("maxTitleLength"),
      }),
    prompt: z
      .string()
      .min(1)
      .max(hardFieldLimits.maxPromptLength)
      .openapi({
        example: "The login page redirects to /undefined after sign-in. Fix it.",
        description: fieldLimitNote("maxPromptLength"),
      }),
    priority: z
      .number()
      .int()
      .min(minPriority)
      .max(maxPriority)
      .optional()
      .describe("Higher runs first. Default 0."),
    source: label(hardFieldLimits.maxSourceLength)
      .optional()
      .openapi({
        example: "github",
        description: `The submitting system. ${fieldLimitNote("maxSourceLength")}`,
      }),
    externalId: label(hardFieldLimits.maxExternalIdLength)
      .optional()
      .openapi({
        example: "issue-42",
        description: `The submitter's id. A re-delivery with the same \`(source, externalId)\` returns the existing task. ${fieldLimitNote("maxExternalIdLength")}`,
      }),
    metadata: z
      .record(z.string(), z.unknown())
      .refine((value) => Buffer.byteLength(JSON.stringify(value), "utf8") <= metadataMax, {
        error: `must serialise to at most ${metadataMax} bytes of JSON`,
      })
      .optional()
      .describe(`Free-form JSON object kept with the task. ${fieldLimitNote("maxMetadataBytes")}`),
  })
  .openapi("CreateTask");

/** The optional body of `tasks.reject`. */
export const RejectTaskSchema = z
  .strictObject({
    reason: z
      .string()
      .min(1)
      .max(hardFieldLimits.maxRejectReasonLength)
      .optional()
      .describe(fieldLimitNote("maxRejectReasonLength")),
  })
  .openapi("RejectTask");

export const TaskCreatedSchema = z
  .object({
    id: z.string(),
    status: TaskStatusSchema,
  })
  .openapi("TaskCreated");

const summaryFields = {
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  status: TaskStatusSchema,
  sessionStatus: z
    .enum(["idle", "streaming", "awaiting_input"])
    .nullable()
    .describe("The running session's status; `awaiting_input` while it waits on a UI answer."),
  priority: z.number().int(),
  source: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  approvedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  sessionId: z
    .string()
    .nullable()
    .describe("The project session the task runs in; every session route works on it."),
  branch: z.string().nullable().describe("`tasks/<id>`, once the task started."),
  commit: z.string().nullable().describe("Sha of the commit with the agent's changes."),
  pushed: z
    .boolean()
    .nullable()
    .describe(
      "`true` pushed, `false` push failed, `null` not attempted (no remote or no changes).",
    ),
  prUrl: z.string().nullable(),
  error: z.string().nullable().describe("Why the task failed or was cancelled."),
};

export const TaskSummarySchema = z.object(summaryFields).openapi("TaskSummary");

export const TaskSchema = z
  .object({
    ...summaryFields,
    prompt: z.string(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    rejectReason: z.string().nullable(),
    worktreePath: z.string().nullable().describe("The task's git worktree while it exists."),
    pushError: z.string().nullable(),
    prError: z.string().nullable(),
    resultText: z.string().nullable().describe("The agent's final text, bounded."),
  })
  .openapi("Task");

export const TaskListSchema = z
  .object({ items: z.array(TaskSummarySchema), ...pageFields })
  .openapi("TaskList");

export const TaskListQuerySchema = PageQuerySchema.extend({
  status: TaskStatusSchema.optional(),
});

export const OrgTaskListQuerySchema = TaskListQuerySchema.extend({
  projectId: z.string().min(1).max(64).optional().describe("Only this project's tasks."),
});
