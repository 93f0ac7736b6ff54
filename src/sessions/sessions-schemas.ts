import { z } from "@hono/zod-openapi";
import { fieldLimitNote, hardFieldLimits } from "../config/field-limits.js";
import { ThinkingLevelSchema } from "../contract/thinking-levels.js";
import { agentMessageListSchema } from "../contract/wire-event-schema.js";
import { SessionIdParamsSchema, SessionParamsSchema } from "../http/path-params.js";
import { onBusyPolicies } from "./prompt-queue.js";

export { ThinkingLevelSchema };
export const SessionStatusSchema = z
  .enum(["idle", "streaming", "awaiting_input"])
  .openapi("SessionStatus");

export { SessionIdParamsSchema, SessionParamsSchema };

export const UiRequestParamsSchema = SessionIdParamsSchema.extend({
  requestId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "requestId", in: "path" } }),
});

export const OnBusyPolicySchema = z.enum(onBusyPolicies).openapi("OnBusyPolicy", {
  description:
    "What a prompt does when it arrives while the session is busy (streaming, or prompts queued): `reject` answers 409 `SESSION_BUSY`; `enqueue` queues it to run after the current run and the prompts queued before it; `interrupt` aborts the current run and runs it; `steer` and `followUp` hand it to pi's steering or follow-up queue.",
});

export const QueueItemParamsSchema = SessionIdParamsSchema.extend({
  itemId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "itemId", in: "path" } }),
});

export const QueuedPromptSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    imageCount: z.number().describe("Number of images sent with the prompt."),
    queuedAt: z.string().describe("ISO 8601 time the prompt was queued."),
    position: z.number().describe("1 for the prompt that runs next."),
  })
  .openapi("QueuedPrompt");

export const PromptQueueSchema = z
  .object({
    items: z.array(QueuedPromptSchema),
    onBusy: OnBusyPolicySchema.describe("The session's default policy."),
  })
  .openapi("PromptQueue");

export const PromptAcceptedSchema = z
  .object({
    accepted: z.literal(true),
    outcome: z
      .enum(["started", "interrupted", "steer", "followUp", "queued"])
      .describe(
        "`started`: the run began; `interrupted`: the run before it was aborted, then it began; `steer` / `followUp`: handed to pi's queue; `queued`: waiting in the session's queue (`item`).",
      ),
    item: QueuedPromptSchema.optional().describe("`queued` only: the prompt's place in the queue."),
  })
  .openapi("PromptAccepted");

export const SessionSummarySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    createdAt: z.string(),
    modifiedAt: z.string(),
    messageCount: z.number().int(),
    status: SessionStatusSchema,
    live: z.boolean().describe("Whether the session is held in memory."),
    lastEventId: z
      .number()
      .int()
      .describe(
        "The id of the session's newest event: open the event stream with it as `Last-Event-ID` to follow from now, or with 0 to read from the start.",
      ),
  })
  .openapi("SessionSummary");

export const SessionListSchema = z
  .object({ items: z.array(SessionSummarySchema) })
  .openapi("SessionList");

export const SessionSettingsSchema = z
  .object({
    provider: z.string().nullable(),
    modelId: z.string().nullable(),
    thinkingLevel: ThinkingLevelSchema,
    availableThinkingLevels: z.array(ThinkingLevelSchema),
    onBusy: OnBusyPolicySchema.describe(
      "The policy for a prompt that names none and arrives while the session is busy.",
    ),
  })
  .openapi("SessionSettings");

export const CreatedSessionSchema = SessionSummarySchema.extend({
  settings: SessionSettingsSchema,
}).openapi("CreatedSession", {
  description:
    "A new session. `settings` holds the model and thinking level it runs with: the ones requested, or the defaults when the request named none.",
});

export const SessionDetailSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    status: SessionStatusSchema,
    settings: SessionSettingsSchema,
    messages: agentMessageListSchema.describe(
      "The transcript, as pi's AgentMessage objects. A reply is in it once the event stream has sent its `message_end` (by `lastEventId`); one still streaming is not (see `replyStartEventId`).",
    ),
    lastEventId: z
      .number()
      .int()
      .describe(
        "The id of the session's newest event: open the event stream with it as `Last-Event-ID` to follow from now, or with 0 to read from the start.",
      ),
    replyStartEventId: z
      .number()
      .int()
      .nullable()
      .describe(
        "While an assistant reply streams, the id of its `message_start` (null otherwise). `messages` holds a reply only once it ends, so to show this one from its first delta open the stream with `Last-Event-ID` one below this id; the events up to `lastEventId` come again.",
      ),
  })
  .openapi("SessionDetail");

export const UpdateSettingsSchema = z
  .strictObject({
    provider: z.string().min(1).max(128).optional(),
    modelId: z.string().min(1).max(256).optional(),
    thinkingLevel: ThinkingLevelSchema.optional(),
    onBusy: OnBusyPolicySchema.optional().describe(
      "May change while the session streams; the other settings only while it is idle.",
    ),
  })
  .openapi("UpdateSessionSettings");

const ImageSchema = z
  .strictObject({
    type: z.literal("image"),
    data: z.string().min(1).describe("Base64 image data."),
    mimeType: z.string().regex(/^image\/[a-z0-9.+-]+$/),
  })
  .openapi("ImageInput");

export const UiAnswerSchema = z
  .union([
    z.strictObject({ value: z.string().max(100_000) }),
    z.strictObject({ confirmed: z.boolean() }),
    z.strictObject({ cancelled: z.literal(true) }),
  ])
  .openapi("ExtensionUiAnswer");

export const PendingUiRequestSchema = z
  .object({
    type: z.literal("extension_ui_request"),
    id: z.string(),
    method: z.enum(["select", "confirm", "input", "editor"]),
    title: z.string(),
    options: z.array(z.string()).optional(),
    message: z.string().optional(),
    placeholder: z.string().optional(),
    prefill: z.string().optional(),
    timeout: z.number().optional(),
    createdAt: z.string(),
  })
  .openapi("PendingExtensionUiRequest");

export const SessionStatsSchema = z
  .object({
    sessionId: z.string(),
    userMessages: z.number().int(),
    assistantMessages: z.number().int(),
    toolCalls: z.number().int(),
    toolResults: z.number().int(),
    totalMessages: z.number().int(),
    tokens: z.object({
      input: z.number(),
      output: z.number(),
      cacheRead: z.number(),
      cacheWrite: z.number(),
      total: z.number(),
    }),
    cost: z.number(),
    contextUsage: z
      .object({
        tokens: z.number().nullable(),
        contextWindow: z.number(),
        percent: z.number().nullable(),
      })
      .optional(),
  })
  .openapi("SessionStats");

export const SessionCommandSchema = z
  .object({
    name: z.string().describe("Invoke with `/name` in a prompt."),
    description: z.string().optional(),
    source: z.enum(["extension", "prompt", "skill"]),
  })
  .openapi("SessionCommand");

export const AcceptedSchema = z.object({ accepted: z.literal(true) }).openapi("Accepted");

const titleMax = hardFieldLimits.maxTitleLength;
const promptMax = hardFieldLimits.maxPromptLength;

export const CreateSessionSchema = z
  .strictObject({
    provider: z.string().min(1).max(128).optional(),
    modelId: z.string().min(1).max(256).optional(),
    thinkingLevel: ThinkingLevelSchema.optional(),
    name: z.string().min(1).max(titleMax).optional().describe(fieldLimitNote("maxTitleLength")),
  })
  .refine((body) => (body.provider === undefined) === (body.modelId === undefined), {
    error: "provider and modelId go together",
    path: ["modelId"],
  })
  .openapi("CreateSession");

export const RenameSessionSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(titleMax).describe(fieldLimitNote("maxTitleLength")),
  })
  .openapi("RenameSession");

const promptText = z.string().min(1).max(promptMax).describe(fieldLimitNote("maxPromptLength"));

export const PromptSchema = z
  .strictObject({
    text: promptText,
    images: z.array(ImageSchema).max(8).optional(),
    streamingBehavior: z
      .enum(["steer", "followUp"])
      .optional()
      .describe("The older spelling of `onBusy: steer` / `onBusy: followUp`."),
    onBusy: OnBusyPolicySchema.optional().describe(
      "This prompt's policy if the session is busy; default: the session's `onBusy` setting (`reject` unless changed).",
    ),
  })
  .openapi("PromptInput");

export const QueueMessageSchema = z
  .strictObject({ text: promptText, images: z.array(ImageSchema).max(8).optional() })
  .openapi("QueueMessageInput");

export const CompactSchema = z
  .strictObject({
    customInstructions: z
      .string()
      .max(promptMax)
      .optional()
      .describe(fieldLimitNote("maxPromptLength")),
  })
  .openapi("CompactInput");

export const SessionCompactionSchema = z
  .object({ summary: z.string(), tokensBefore: z.number() })
  .openapi("SessionCompaction");

export const SessionCommandListSchema = z
  .object({ items: z.array(SessionCommandSchema) })
  .openapi("SessionCommandList");

export const PendingUiRequestListSchema = z
  .object({ items: z.array(PendingUiRequestSchema) })
  .openapi("PendingExtensionUiRequestList");

export const AbortedSessionSchema = SessionSummarySchema.pick({ id: true, status: true });
