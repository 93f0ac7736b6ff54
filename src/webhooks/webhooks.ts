import type { Delivery } from "./webhook-deliveries.js";
import type { CreateSubscriptionInput } from "./webhook-service.js";
import type { WebhookEmitter } from "./webhook-sources.js";
import type { StoredSubscription } from "./webhook-subscriptions.js";

/**
 * Outgoing webhooks as the routes and the event sources use them: subscriptions and
 * their outbox, in `.pi-global/webhooks/` (`WebhookService`) or in the cluster's
 * database (`PgWebhookService`). Reads answer at once from files, later from the
 * database: callers await them.
 */
export interface Webhooks extends WebhookEmitter {
  /** @throws {AppError} `WEBHOOK_URL_REFUSED` */
  subscribe(input: CreateSubscriptionInput): Promise<StoredSubscription>;
  /** Every subscription, oldest first (with secrets: strip them before answering). */
  subscriptions(): StoredSubscription[] | Promise<StoredSubscription[]>;
  /** @throws {AppError} `WEBHOOK_NOT_FOUND` */
  subscription(id: string): StoredSubscription | Promise<StoredSubscription>;
  /** Deletes a subscription and its deliveries. @throws {AppError} `WEBHOOK_NOT_FOUND` */
  unsubscribe(id: string): Promise<void>;
  /** A page of a subscription's deliveries, newest first. @throws {AppError} `WEBHOOK_NOT_FOUND` */
  deliveries(
    subscriptionId: string,
    page: { limit: number; offset: number },
  ): { items: Delivery[]; total: number } | Promise<{ items: Delivery[]; total: number }>;
  /**
   * Queues a finished delivery again, behind the subscription's pending ones.
   *
   * @throws {AppError} `WEBHOOK_NOT_FOUND`, `WEBHOOK_DELIVERY_NOT_FOUND`, `WEBHOOK_DELIVERY_CONFLICT`
   */
  resend(subscriptionId: string, deliveryId: string): Promise<Delivery>;
  /** Stops sending; attempts in flight are abandoned unrecorded and go out again later. */
  stop(): Promise<void>;
  /** Waits for pending writes; call after `stop`. */
  close(): Promise<void>;
}
