import { defaultPageLimits, type PageLimits, resolvePage } from "../http/pagination.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import type { Delivery } from "./webhook-deliveries.js";
import { publicSubscription } from "./webhook-subscriptions.js";
import type { Webhooks } from "./webhooks.js";
import {
  createWebhookRoute,
  deleteWebhookRoute,
  getWebhookRoute,
  listDeliveriesRoute,
  listWebhooksRoute,
  resendDeliveryRoute,
} from "./webhooks-routes.js";

/** This router's routes as data, in the order it registers them. */
export const webhookRoutes = [
  createWebhookRoute,
  listWebhooksRoute,
  getWebhookRoute,
  deleteWebhookRoute,
  listDeliveriesRoute,
  resendDeliveryRoute,
] as const;

export interface WebhooksAppDeps extends RouterOptions {
  webhooks: Webhooks;
  /** Default: the `API_MAX_*` defaults. */
  limits?: PageLimits | undefined;
}

const iso = (at: number) => new Date(at).toISOString();

function deliveryView(delivery: Delivery) {
  return {
    id: delivery.id,
    webhookId: delivery.subscriptionId,
    type: delivery.type,
    status: delivery.state,
    createdAt: iso(delivery.createdAt),
    nextAttemptAt: delivery.state === "pending" ? iso(delivery.nextAttemptAt) : null,
    payload: JSON.parse(delivery.body) as Record<string, unknown>,
    attempts: delivery.history.flatMap((entry) =>
      entry.kind === "attempt"
        ? [
            {
              at: iso(entry.at),
              statusCode: entry.statusCode,
              response: entry.response,
              error: entry.error,
              durationMs: entry.durationMs,
            },
          ]
        : [],
    ),
  };
}

/** Outgoing webhook subscriptions and their deliveries (`/webhooks`), for admins. */
export function createWebhooksApp(deps: WebhooksAppDeps) {
  const limits = deps.limits ?? defaultPageLimits;
  const app = createRouter(deps);
  const { webhooks } = deps;

  app.openapi(createWebhookRoute, async (c) => {
    const stored = await webhooks.subscribe(c.req.valid("json"));
    c.header("location", `${c.req.path}/${stored.id}`);
    return c.json({ webhook: publicSubscription(stored), secret: stored.secret }, 201);
  });

  app.openapi(listWebhooksRoute, async (c) =>
    c.json({ items: (await webhooks.subscriptions()).map(publicSubscription) }, 200),
  );

  app.openapi(getWebhookRoute, async (c) =>
    c.json(publicSubscription(await webhooks.subscription(c.req.valid("param").webhookId)), 200),
  );

  app.openapi(deleteWebhookRoute, async (c) => {
    await webhooks.unsubscribe(c.req.valid("param").webhookId);
    return c.body(null, 204);
  });

  app.openapi(listDeliveriesRoute, async (c) => {
    const page = resolvePage(c.req.valid("query"), limits);
    const { items, total } = await webhooks.deliveries(c.req.valid("param").webhookId, page);
    return c.json({ items: items.map(deliveryView), total, ...page }, 200);
  });

  app.openapi(resendDeliveryRoute, async (c) => {
    const { webhookId, deliveryId } = c.req.valid("param");
    return c.json(deliveryView(await webhooks.resend(webhookId, deliveryId)), 202);
  });

  return app;
}
