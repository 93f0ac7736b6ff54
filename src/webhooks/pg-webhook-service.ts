import type { ClusterNode } from "../cluster/index.js";
import { AppError } from "../errors/index.js";
import { type DeliverySettings, deliverySettings } from "./delivery-settings.js";
import { PgWebhookOutbox } from "./pg-webhook-outbox.js";
import { PgWebhookSender } from "./pg-webhook-sender.js";
import { PgWebhookSubscriptions } from "./pg-webhook-subscriptions.js";
import type { Delivery } from "./webhook-deliveries.js";
import type { WebhookEventType } from "./webhook-events.js";
import {
  type CreateSubscriptionInput,
  checkedSubscription,
  newDeliveryId,
  type WebhookServiceOptions,
} from "./webhook-service.js";
import type { StoredSubscription } from "./webhook-subscriptions.js";
import type { Webhooks } from "./webhooks.js";

export interface PgWebhookServiceOptions extends Omit<WebhookServiceOptions, "dir"> {
  /** How often a node looks for due deliveries besides being told of new ones. Default 1,000 ms. */
  pollIntervalMs?: number | undefined;
}

/** The channel a node announces queued deliveries on. */
const webhooksChannel = "webhooks";

/**
 * Outgoing webhooks of a cluster: subscriptions and the outbox in its database, so any
 * node lists and re-sends, and every node's sender takes part. Each delivery is claimed
 * by one node (the head of its subscription's queue, so order holds) for one attempt's
 * timeout plus a lease time; a node that dies mid-attempt leaves a claim that runs out,
 * and another node sends the delivery. Retries and backoff are the file service's.
 */
export class PgWebhookService implements Webhooks {
  readonly #cluster: ClusterNode;
  readonly #subscriptions: PgWebhookSubscriptions;
  readonly #outbox: PgWebhookOutbox;
  readonly #sender: PgWebhookSender;
  readonly #settings: DeliverySettings;
  readonly #writes = new Set<Promise<unknown>>();
  #emitting: Promise<void> = Promise.resolve();
  #stopListening: () => void = () => undefined;

  private constructor(cluster: ClusterNode, options: PgWebhookServiceOptions) {
    this.#cluster = cluster;
    this.#subscriptions = new PgWebhookSubscriptions(cluster.database);
    this.#outbox = new PgWebhookOutbox(cluster.database);
    const settings = deliverySettings(options);
    this.#settings = settings;
    this.#sender = new PgWebhookSender({
      ...settings,
      cluster,
      outbox: this.#outbox,
      subscriptions: this.#subscriptions,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
    });
  }

  /** Starts this node's sender: it follows announcements and looks on its own every poll interval. */
  static async open(
    cluster: ClusterNode,
    options: PgWebhookServiceOptions = {},
  ): Promise<PgWebhookService> {
    const service = new PgWebhookService(cluster, options);
    service.#stopListening = await cluster.database.listen(webhooksChannel, () =>
      service.#sender.wake(),
    );
    service.#sender.wake();
    return service;
  }

  async subscribe(input: CreateSubscriptionInput): Promise<StoredSubscription> {
    const checked = await checkedSubscription(
      input,
      this.#settings.allowPrivate,
      this.#settings.resolve,
    );
    return this.#subscriptions.create(checked, this.#settings.now());
  }

  subscriptions(): Promise<StoredSubscription[]> {
    return this.#subscriptions.list();
  }

  async subscription(id: string): Promise<StoredSubscription> {
    const found = await this.#subscriptions.get(id);
    if (!found) throw new AppError("WEBHOOK_NOT_FOUND", `No webhook with id ${id}`);
    return found;
  }

  async unsubscribe(id: string): Promise<void> {
    if (!(await this.#subscriptions.remove(id))) {
      throw new AppError("WEBHOOK_NOT_FOUND", `No webhook with id ${id}`);
    }
  }

  async deliveries(
    subscriptionId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: Delivery[]; total: number }> {
    await this.subscription(subscriptionId);
    return this.#outbox.page(subscriptionId, page);
  }

  async resend(subscriptionId: string, deliveryId: string): Promise<Delivery> {
    await this.subscription(subscriptionId);
    const delivery = await this.#outbox.resend(subscriptionId, deliveryId, this.#settings.now());
    this.#announce();
    return delivery;
  }

  emit(type: WebhookEventType, data: Record<string, unknown>): void {
    const at = this.#settings.now();
    const body = JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
    // Queued one after another, so a subscription receives this node's events in order.
    this.#emitting = this.#emitting
      .then(async () => {
        const targets = await this.#subscriptions.subscribedTo(type);
        if (targets.length === 0) return;
        const deliveries = targets.map((subscriptionId) => ({
          id: newDeliveryId(),
          subscriptionId,
        }));
        await this.#outbox.queue(deliveries, type, body, at);
        this.#announce();
      })
      .catch((error: Error) =>
        this.#settings.logger.error("webhook event dropped", { type, message: error.message }),
      );
  }

  async stop(): Promise<void> {
    this.#stopListening();
    await this.#sender.stop();
  }

  async close(): Promise<void> {
    await this.#emitting;
    await Promise.allSettled(this.#writes);
  }

  #announce(): void {
    this.#track(
      this.#cluster.database.notify(webhooksChannel, "queued").catch(() => this.#sender.wake()),
    );
  }

  #track(work: Promise<unknown>): void {
    this.#writes.add(work);
    work.finally(() => this.#writes.delete(work));
  }
}
