export { openWebhooks, type WebhooksOptions } from "./open-webhooks.js";
export { PgWebhookService, type PgWebhookServiceOptions } from "./pg-webhook-service.js";
export { defaultRetryPolicy, type RetryPolicy, retryDelay } from "./webhook-backoff.js";
export { type WebhookEventType, webhookEventTypes } from "./webhook-events.js";
export { WebhookService, type WebhookServiceOptions } from "./webhook-service.js";
export { signWebhook, verifyWebhook } from "./webhook-signature.js";
export { webhookSessionObserver, webhookTaskObserver } from "./webhook-sources.js";
export type { Webhooks } from "./webhooks.js";
export { createWebhooksApp, webhookRoutes } from "./webhooks-app.js";
