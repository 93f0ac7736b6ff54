import { randomUUID } from "node:crypto";
import type { ClusterNode } from "../cluster/index.js";
import { AppError } from "../errors/index.js";
import { createLogger, type Logger } from "../logging/logger.js";
import { type ClaimedDelivery, PgWebhookOutbox } from "./pg-webhook-outbox.js";
import { PgWebhookSubscriptions } from "./pg-webhook-subscriptions.js";
import type { ResolveHost } from "./url-guard.js";
import { defaultRetryPolicy, type RetryPolicy, stateAfterAttempt } from "./webhook-backoff.js";
import type { Delivery } from "./webhook-deliveries.js";
import type { WebhookEventType } from "./webhook-events.js";
import type { AttemptRecord } from "./webhook-outbox.js";
import { type SendOptions, type SendResult, sendWebhook } from "./webhook-sender.js";
import {
  type CreateSubscriptionInput,
  checkedSubscription,
  newDeliveryId,
  type WebhookServiceOptions,
} from "./webhook-service.js";
import { webhookHeaders } from "./webhook-signature.js";
import type { StoredSubscription } from "./webhook-subscriptions.js";
import type { Webhooks } from "./webhooks.js";

export interface PgWebhookServiceOptions extends Omit<WebhookServiceOptions, "dir"> {
  /** How often a node looks for due deliveries besides being told of new ones. Default 1,000 ms. */
  pollIntervalMs?: number | undefined;
}

/** The channel a node announces queued deliveries on. */
const webhooksChannel = "webhooks";
const sevenDaysMs = 7 * 86_400_000;

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
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #allowPrivate: boolean;
  readonly #resolve: ResolveHost | undefined;
  readonly #retentionMs: number;
  readonly #pollIntervalMs: number;
  readonly #send: (options: SendOptions) => Promise<SendResult>;
  readonly #sending = new Set<Promise<void>>();
  readonly #writes = new Set<Promise<unknown>>();
  #emitting: Promise<void> = Promise.resolve();
  readonly #stopping = new AbortController();
  #pumping: Promise<void> | undefined;
  #pumpAgain = false;
  #timer: NodeJS.Timeout | undefined;
  #stopListening: () => void = () => undefined;
  #lastPrune = 0;
  #stopped = false;

  private constructor(cluster: ClusterNode, options: PgWebhookServiceOptions) {
    this.#cluster = cluster;
    this.#subscriptions = new PgWebhookSubscriptions(cluster.database);
    this.#outbox = new PgWebhookOutbox(cluster.database);
    this.#logger = options.logger ?? createLogger({ level: "error" });
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#concurrency = options.concurrency ?? 4;
    this.#allowPrivate = options.allowPrivateUrls ?? false;
    this.#resolve = options.resolve;
    this.#send = options.send ?? sendWebhook;
    this.#retentionMs = options.retentionMs ?? sevenDaysMs;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  /** Starts this node's sender: it follows announcements and looks on its own every poll interval. */
  static async open(
    cluster: ClusterNode,
    options: PgWebhookServiceOptions = {},
  ): Promise<PgWebhookService> {
    const service = new PgWebhookService(cluster, options);
    service.#stopListening = await cluster.database.listen(webhooksChannel, () => service.#pump());
    service.#pump();
    return service;
  }

  async subscribe(input: CreateSubscriptionInput): Promise<StoredSubscription> {
    const checked = await checkedSubscription(input, this.#allowPrivate, this.#resolve);
    return this.#subscriptions.create(checked, this.#now());
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
    const delivery = await this.#outbox.resend(subscriptionId, deliveryId, this.#now());
    this.#announce();
    return delivery;
  }

  emit(type: WebhookEventType, data: Record<string, unknown>): void {
    const at = this.#now();
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
        this.#logger.error("webhook event dropped", { type, message: error.message }),
      );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#stopListening();
    this.#stopping.abort();
    await this.#pumping;
    await Promise.all(this.#sending);
  }

  async close(): Promise<void> {
    await this.#emitting;
    await Promise.allSettled(this.#writes);
  }

  #announce(): void {
    this.#track(this.#cluster.database.notify(webhooksChannel, "queued").catch(() => this.#pump()));
  }

  #track(work: Promise<unknown>): void {
    this.#writes.add(work);
    work.finally(() => this.#writes.delete(work));
  }

  /** Claims what is due, up to the free sending slots; runs once at a time, again if asked meanwhile. */
  #pump(): void {
    if (this.#stopped) return;
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#pumping = this.#claimAndSend()
      .catch((error: Error) =>
        this.#logger.warn("webhook sender could not claim deliveries", { message: error.message }),
      )
      .finally(() => {
        this.#pumping = undefined;
        if (this.#stopped) return;
        if (this.#pumpAgain) {
          this.#pumpAgain = false;
          this.#pump();
          return;
        }
        this.#timer = setTimeout(() => this.#pump(), this.#pollIntervalMs);
        this.#timer.unref();
      });
  }

  async #claimAndSend(): Promise<void> {
    const now = this.#now();
    if (now - this.#lastPrune >= 3_600_000) {
      this.#lastPrune = now;
      await this.#outbox.prune(now - this.#retentionMs);
    }
    const claimed = await this.#outbox.claim(
      now,
      this.#concurrency - this.#sending.size,
      this.#timeoutMs + this.#cluster.leaseTtlMs,
      `${this.#cluster.nodeId}:${randomUUID()}`,
    );
    for (const delivery of claimed) {
      const sending = this.#attempt(delivery)
        .catch((error: Error) =>
          this.#logger.error("webhook attempt not recorded", {
            delivery: delivery.id,
            message: error.message,
          }),
        )
        .finally(() => {
          this.#sending.delete(sending);
          this.#pump();
        });
      this.#sending.add(sending);
    }
  }

  async #attempt(delivery: ClaimedDelivery): Promise<void> {
    const subscription = await this.#subscriptions.get(delivery.subscriptionId);
    if (!subscription) return;
    const started = this.#now();
    const headers = webhookHeaders(
      subscription.secret,
      delivery.id,
      Math.floor(started / 1000),
      delivery.body,
    );
    const result = await this.#send({
      url: subscription.url,
      headers: { ...headers },
      body: delivery.body,
      timeoutMs: this.#timeoutMs,
      allowPrivate: this.#allowPrivate,
      resolve: this.#resolve,
      signal: this.#stopping.signal,
    }).catch(
      (error: Error): SendResult => ({
        statusCode: null,
        response: null,
        error: error.message,
        durationMs: this.#now() - started,
      }),
    );
    if (this.#stopped) {
      await this.#outbox.release(delivery);
      return;
    }
    const next = stateAfterAttempt(
      delivery,
      result.error !== null,
      this.#now(),
      this.#retry,
      this.#random,
    );
    const attempt: AttemptRecord = {
      kind: "attempt",
      id: delivery.id,
      at: started,
      ...result,
      ...next,
    };
    if (result.error !== null) {
      this.#logger.warn("webhook attempt failed", {
        webhook: subscription.id,
        delivery: delivery.id,
        error: result.error,
        state: next.state,
      });
    }
    if (!(await this.#outbox.recordAttempt(delivery, attempt))) {
      this.#logger.warn("webhook claim ran out before its attempt was recorded", {
        delivery: delivery.id,
      });
    }
  }
}
