import { defineRoute, jsonResponse as json, jsonBody } from "../http/openapi-helpers.js";
import { PageQuerySchema } from "../http/pagination.js";
import { problemResponses } from "../http/problem.js";
import {
  CreatedWebhookSchema,
  CreateWebhookSchema,
  DeliveryParamsSchema,
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookIdParamSchema,
  WebhookListSchema,
  WebhookSchema,
} from "./webhooks-schemas.js";

const tags = ["Webhooks"];
const one = "/webhooks/{webhookId}";

export const createWebhookRoute = defineRoute({
  method: "post",
  "x-required-role": "admin",
  path: "/webhooks",
  operationId: "webhooks.create",
  tags,
  summary: "Subscribe a URL to server events",
  description:
    "Each matching event is written to a durable outbox, then POSTed as `{ type, timestamp, data }` with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature`. The answer carries the signing secret, shown this once.",
  request: jsonBody(CreateWebhookSchema, {
    url: "https://hooks.example.com/pi",
    events: ["task.status_changed", "run.finished"],
  }),
  responses: {
    201: json(CreatedWebhookSchema, "The subscription and its secret."),
    ...problemResponses(400, 401),
  },
});

export const listWebhooksRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: "/webhooks",
  operationId: "webhooks.list",
  tags,
  summary: "List webhook subscriptions (never their secrets)",
  description:
    "Every subscription with its URL and event filter; the signing secret is shown only when a subscription is created.",
  responses: {
    200: json(WebhookListSchema, "The subscriptions, oldest first."),
    ...problemResponses(401),
  },
});

export const getWebhookRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: one,
  operationId: "webhooks.get",
  tags,
  summary: "Read a webhook subscription (never its secret)",
  description:
    "Its URL, event filter, description and creation time. Deliveries are listed under `/deliveries`.",
  request: { params: WebhookIdParamSchema },
  responses: {
    200: json(WebhookSchema, "The subscription."),
    ...problemResponses(400, 401, 404),
  },
});

export const deleteWebhookRoute = defineRoute({
  method: "delete",
  "x-required-role": "admin",
  path: one,
  operationId: "webhooks.delete",
  tags,
  summary: "Delete a webhook subscription and its deliveries",
  description: "Pending deliveries are dropped; an attempt in flight finishes unrecorded.",
  request: { params: WebhookIdParamSchema },
  responses: {
    204: { description: "The subscription is gone." },
    ...problemResponses(400, 401, 404),
  },
});

export const listDeliveriesRoute = defineRoute({
  method: "get",
  "x-required-role": "admin",
  path: `${one}/deliveries`,
  operationId: "webhooks.deliveries",
  tags,
  summary: "List a subscription's deliveries with their attempts, newest first",
  description:
    "Each delivery with its status, next attempt and every attempt's HTTP status, response start and error. Finished deliveries are kept 7 days.",
  request: { params: WebhookIdParamSchema, query: PageQuerySchema },
  responses: {
    200: json(WebhookDeliveryPageSchema, "A page of deliveries."),
    ...problemResponses(400, 401, 404),
  },
});

export const resendDeliveryRoute = defineRoute({
  method: "post",
  "x-required-role": "admin",
  path: `${one}/deliveries/{deliveryId}/resend`,
  operationId: "webhooks.resend",
  tags,
  summary: "Send a delivered or failed delivery again",
  description:
    "Queues it behind the subscription's pending deliveries under the same `webhook-id`, with a fresh retry window. A pending delivery is 409 `WEBHOOK_DELIVERY_CONFLICT`.",
  request: { params: DeliveryParamsSchema },
  responses: {
    202: json(WebhookDeliverySchema, "The delivery, pending again."),
    ...problemResponses(400, 401, 404, 409),
  },
});
