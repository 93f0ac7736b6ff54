import { z } from "@hono/zod-openapi";
import { AskUserCountersSchema } from "../contract/ask-user-events.js";
import { SessionIdParamsSchema, SessionParamsSchema } from "../http/path-params.js";
import {
  AskUserSettingsPatchSchema,
  AskUserSettingsSchema,
  maxAnswerLength,
} from "./ask-user-settings.js";

export { AskUserCountersSchema };
export const AskUserSessionParamsSchema = SessionIdParamsSchema;
export const AskUserProjectParamsSchema = SessionParamsSchema;

export const AskUserSettingsResponseSchema = AskUserSettingsSchema.openapi("AskUserSettings", {
  description:
    "Effective settings: built-in defaults, then project defaults, then the session's own.",
});

export const AskUserSettingsUpdateSchema = AskUserSettingsPatchSchema.openapi(
  "AskUserSettingsUpdate",
  {
    description:
      "Any subset of the settings; omitted fields keep their value, `autopilot` fields merge one by one.",
    example: { enabled: true, autopilot: { enabled: true, prompts: ["continue", "add tests"] } },
  },
);

export const EnqueueAnswerSchema = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1)
      .max(maxAnswerLength)
      .openapi({ example: "now add tests for the edge cases" }),
  })
  .openapi("EnqueueAnswer");

export const QueuedAnswerSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    createdAt: z.string(),
  })
  .openapi("QueuedAnswer");

export const EnqueuedAnswerSchema = QueuedAnswerSchema.extend({
  position: z
    .number()
    .int()
    .describe("1 is the next answer handed out; 0 means a waiting ask_user call took it at once."),
}).openapi("EnqueuedAnswer");

export const AnswerQueueSchema = z
  .object({ items: z.array(QueuedAnswerSchema).describe("Oldest (next) first.") })
  .openapi("AnswerQueue");

export const ClearedQueueSchema = z
  .object({ cleared: z.number().int().describe("Answers removed.") })
  .openapi("ClearedAnswerQueue");

export const StopResultSchema = z
  .object({
    released: z.number().int().describe("Waiting `ask_user` calls released with `stop`."),
    stopRequested: z.boolean().describe("True when nothing waited: the next call answers `stop`."),
  })
  .openapi("AskUserStopResult");

export const WaitingQuestionSchema = z
  .object({
    requestId: z.string().describe("Answer it at `…/extension-ui/{requestId}/response`."),
    toolCallId: z.string(),
    question: z.string(),
    createdAt: z.string(),
    timeoutMs: z.number().int().nullable(),
  })
  .openapi("AskUserWaitingQuestion");

export const AskUserOverviewSchema = z
  .object({
    settings: AskUserSettingsResponseSchema,
    queue: z.array(QueuedAnswerSchema),
    stopRequested: z.boolean(),
    waiting: z.array(WaitingQuestionSchema),
    counters: AskUserCountersSchema,
  })
  .openapi("AskUserOverview");
