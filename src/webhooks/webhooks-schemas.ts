import { z } from "@hono/zod-openapi";
import { pageFields } from "../http/pagination.js";
import { webhookEventTypes } from "./webhook-events.js";
import { isValidWebhookSecret } from "./webhook-signature.js";

const EventTypeSchema = z.enum(webhookEventTypes).openapi({
  description:
    "`run.finished`: a session's run ended. `task.status_changed`: a task moved to another status. `ask_user.waiting`: the agent asked a question and waits for an answer. `extension_ui.waiting`: an extension dialog (select, confirm, input, editor) waits for an answer. `budget.warning`: a budget reached its warning fraction.",
});

export const WebhookSchema = z
  .object({
    id: z.string().openapi({ example: "7b0c9a52-3f7e-4f64-9d1e-2c8a4c7d5e10" }),
    url: z.string().openapi({ example: "https://hooks.example.com/pi" }),
    events: z.array(EventTypeSchema),
    description: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Webhook");

export const CreateWebhookSchema = z
  .strictObject({
    url: z.string().max(2048).openapi({
      description:
        "An http(s) URL. Refused when it is, or resolves to, a loopback, link-local or private address, unless the server sets `WEBHOOK_ALLOW_PRIVATE_URLS=true`; checked again before each attempt.",
    }),
    events: z.array(EventTypeSchema).min(1).max(webhookEventTypes.length),
    secret: z
      .string()
      .refine(isValidWebhookSecret, {
        error: "must be `whsec_` followed by the base64 of 24 to 64 bytes",
      })
      .optional()
      .openapi({ description: "Signing secret (`whsec_…`). Default: a new random one." }),
    description: z.string().trim().max(500).optional(),
  })
  .openapi("CreateWebhook");

export const CreatedWebhookSchema = z
  .object({
    webhook: WebhookSchema,
    secret: z.string().openapi({
      example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      description:
        "The signing secret, shown this once: the key of `webhook-signature` is the base64 after `whsec_`, decoded.",
    }),
  })
  .openapi("CreatedWebhook");

export const WebhookListSchema = z.object({ items: z.array(WebhookSchema) }).openapi("WebhookList");

export const WebhookIdParamSchema = z.object({
  webhookId: z
    .string()
    .uuid()
    .openapi({ param: { name: "webhookId", in: "path" } }),
});

export const DeliveryParamsSchema = WebhookIdParamSchema.extend({
  deliveryId: z
    .string()
    .regex(/^msg_[0-9a-f]{32}$/)
    .openapi({ param: { name: "deliveryId", in: "path" } }),
});

export const WebhookAttemptSchema = z
  .object({
    at: z.iso.datetime(),
    statusCode: z.number().int().nullable().describe("null: no response (refused, timed out)."),
    response: z.string().nullable().describe("The first 1024 characters of the response body."),
    error: z.string().nullable().describe("null for a 2xx answer."),
    durationMs: z.number().int(),
  })
  .openapi("WebhookAttempt");

export const WebhookDeliverySchema = z
  .object({
    id: z.string().openapi({
      example: "msg_4f1c2a9e0b7d4c3a8e6f5d2c1b0a9f8e",
      description: "Also the `webhook-id` header, the same on every attempt and resend.",
    }),
    webhookId: z.string(),
    type: EventTypeSchema,
    status: z.enum(["pending", "delivered", "failed"]).openapi({
      description:
        "`pending`: queued or waiting for a retry. `delivered`: a 2xx came. `failed`: given up after the retry window.",
    }),
    createdAt: z.iso.datetime(),
    nextAttemptAt: z.iso.datetime().nullable(),
    payload: z
      .record(z.string(), z.unknown())
      .describe("The body sent: `{ type, timestamp, data }`."),
    attempts: z.array(WebhookAttemptSchema).describe("Oldest first."),
  })
  .openapi("WebhookDelivery");

export const WebhookDeliveryPageSchema = z
  .object({ items: z.array(WebhookDeliverySchema), ...pageFields })
  .openapi("WebhookDeliveryPage");
