import type { ClusterNode } from "../cluster/index.js";
import { PgWebhookService, type PgWebhookServiceOptions } from "./pg-webhook-service.js";
import { WebhookService, type WebhookServiceOptions } from "./webhook-service.js";
import type { Webhooks } from "./webhooks.js";

export interface WebhooksOptions extends WebhookServiceOptions, PgWebhookServiceOptions {
  /** This node of a cluster; when given, subscriptions and the outbox live in its database. */
  cluster?: ClusterNode | undefined;
}

/** Opens outgoing webhooks: in the cluster's database when there is one, else under `options.dir`. */
export function openWebhooks(options: WebhooksOptions): Promise<Webhooks> {
  const { cluster, ...rest } = options;
  return cluster ? PgWebhookService.open(cluster, rest) : WebhookService.open(rest);
}
