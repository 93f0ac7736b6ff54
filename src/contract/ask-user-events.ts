import { z } from "@hono/zod-openapi";

/**
 * Events the `ask_user` feature adds to a session's stream (server events beside pi's
 * own). They are plain contract types; the stream carries them as `data:` JSON.
 */

export const AskUserCountersSchema = z
  .object({
    startedAt: z.string().nullable(),
    elapsedMs: z.number().int(),
    askUserCalls: z.number().int(),
    runs: z.number().int(),
    directReplies: z.number().int(),
    otherToolCalls: z.number().int(),
  })
  .openapi("AskUserCounters", {
    description:
      "Loop counters: `ask_user` calls, runs that ended (and of those, with a direct reply instead of `ask_user`), other tool calls, and time since the loop started.",
  });

export const AskUserAnswerSourceSchema = z
  .enum(["stop", "queue", "autopilot", "user", "fallback"])
  .openapi("AskUserAnswerSource");

export const AskUserWaitingEventSchema = z
  .object({
    type: z.literal("ask_user_waiting"),
    requestId: z.string().describe("The pending extension UI request to answer."),
    toolCallId: z.string(),
    question: z.string(),
    timeoutMs: z.number().int().nullable().describe("null: waits until answered or stopped."),
  })
  .openapi("AskUserWaitingEvent");

export const AskUserAnsweredEventSchema = z
  .object({
    type: z.literal("ask_user_answered"),
    toolCallId: z.string(),
    question: z.string(),
    answer: z.string(),
    source: AskUserAnswerSourceSchema,
    fallbackReason: z.enum(["unwatched", "timeout", "cancelled"]).optional(),
    queueLength: z.number().int(),
  })
  .openapi("AskUserAnsweredEvent");

export const AskUserWarningEventSchema = z
  .object({
    type: z.literal("ask_user_warning"),
    kind: z.enum(["elapsed", "ask_user_calls"]),
    threshold: z.number().int().describe("Minutes, or calls."),
    value: z.number().int(),
    message: z.string(),
  })
  .openapi("AskUserWarningEvent");

export const AskUserStateEventSchema = z
  .object({
    type: z.literal("ask_user_state"),
    enabled: z.boolean(),
    autopilot: z.boolean(),
    queueLength: z.number().int(),
    stopRequested: z.boolean(),
    counters: AskUserCountersSchema,
  })
  .openapi("AskUserStateEvent");

export const AskUserEventSchema = z
  .discriminatedUnion("type", [
    AskUserWaitingEventSchema,
    AskUserAnsweredEventSchema,
    AskUserWarningEventSchema,
    AskUserStateEventSchema,
  ])
  .openapi("AskUserEvent");

export type AskUserCountersView = z.infer<typeof AskUserCountersSchema>;
export type AskUserAnswerSource = z.infer<typeof AskUserAnswerSourceSchema>;
export type AskUserWaitingEvent = z.infer<typeof AskUserWaitingEventSchema>;
export type AskUserAnsweredEvent = z.infer<typeof AskUserAnsweredEventSchema>;
export type AskUserWarningEvent = z.infer<typeof AskUserWarningEventSchema>;
export type AskUserStateEvent = z.infer<typeof AskUserStateEventSchema>;
export type AskUserEvent = z.infer<typeof AskUserEventSchema>;
