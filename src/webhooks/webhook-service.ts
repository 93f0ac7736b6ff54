import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { AppError } from "../errors/index.js";
import {
  type DeliveryOptions,
  type DeliverySettings,
  deliverySettings,
} from "./delivery-settings.js";
import { checkWebhookUrl, type ResolveHost } from "./url-guard.js";
import { type Delivery, DeliveryBook } from "./webhook-deliveries.js";
import type { WebhookEventType } from "./webhook-events.js";
import { OutboxLog, type OutboxRecord, type QueuedRecord, readOutbox } from "./webhook-outbox.js";
import { DeliveryPump, lastActivity } from "./webhook-pump.js";
import { generateWebhookSecret } from "./webhook-signature.js";
import {
  type NewSubscription,
  type StoredSubscription,
  WebhookSubscriptions,
} from "./webhook-subscriptions.js";

export interface WebhookServiceOptions extends DeliveryOptions {
  /** Where subscriptions and the outbox live (`.pi-global/webhooks`); created on first write. */
  dir: string;
}

export interface CreateSubscriptionInput {
  url: string;
  events: WebhookEventType[];
  /** Default: a new `whsec_` secret. */
  secret?: string | undefined;
  description?: string | undefined;
}

/** A new delivery id, also its `webhook-id` header. */
export const newDeliveryId = () => `msg_${randomBytes(16).toString("hex")}`;

/**
 * Outgoing webhooks: the subscriptions, and the durable outbox their deliveries go
 * through. `emit` never blocks and never throws: the event is queued for every
 * subscription that asked for its type, appended to the outbox, and sent only once the
 * append is synced. Each subscription receives its deliveries one at a time in order; a
 * failed attempt is retried with exponential backoff and jitter until the retry window
 * ends. Pending deliveries resume after a restart.
 *
 * @example
 * const webhooks = await WebhookService.open({ dir: join(globalDir, "webhooks") });
 * await webhooks.subscribe({ url: "https://example.com/hooks", events: ["run.finished"] });
 * webhooks.emit("run.finished", { projectId: "demo", sessionId: "s1", outcome: "succeeded" });
 */
export class WebhookService {
  readonly #subscriptions: WebhookSubscriptions;
  readonly #book: DeliveryBook;
  readonly #outbox: OutboxLog;
  readonly #settings: DeliverySettings;
  readonly #pump: DeliveryPump;

  private constructor(
    settings: DeliverySettings,
    subscriptions: WebhookSubscriptions,
    book: DeliveryBook,
    outbox: OutboxLog,
  ) {
    this.#settings = settings;
    this.#subscriptions = subscriptions;
    this.#book = book;
    this.#outbox = outbox;
    this.#pump = new DeliveryPump({ ...settings, book, outbox, subscriptions });
  }

  /**
   * Loads the subscriptions and the outbox in `options.dir`, rewrites the outbox without
   * what is no longer kept, and resumes the pending deliveries.
   */
  static async open(options: WebhookServiceOptions): Promise<WebhookService> {
    const settings = deliverySettings(options);
    const { logger, now, retentionMs } = settings;
    const subscriptions = await WebhookSubscriptions.open(
      join(options.dir, "subscriptions.json"),
      now,
    );
    const outboxPath = join(options.dir, "outbox.jsonl");
    const { records, skipped } = await readOutbox(outboxPath);
    if (skipped > 0) logger.warn("webhook outbox: skipped unreadable lines", { skipped });
    const book = DeliveryBook.fromRecords(records);
    const cutoff = now() - retentionMs;
    book.forget(
      (delivery) =>
        subscriptions.get(delivery.subscriptionId) === undefined ||
        (delivery.state !== "pending" && lastActivity(delivery) < cutoff),
    );
    const outbox = await OutboxLog.open(outboxPath, book.toRecords());
    const service = new WebhookService(settings, subscriptions, book, outbox);
    service.#pump.pump();
    return service;
  }

  /**
   * Adds a subscription; the answer carries its secret, which only `get` for delivery
   * signing reads afterwards.
   *
   * @throws {AppError} `WEBHOOK_URL_REFUSED` when the URL is not http(s) or reaches a private address.
   */
  async subscribe(input: CreateSubscriptionInput): Promise<StoredSubscription> {
    return this.#subscriptions.create(
      await checkedSubscription(input, this.#settings.allowPrivate, this.#settings.resolve),
    );
  }

  /** Every subscription, oldest first (with secrets: strip them before answering). */
  subscriptions(): StoredSubscription[] {
    return this.#subscriptions.list();
  }

  /** @throws {AppError} `WEBHOOK_NOT_FOUND` */
  subscription(id: string): StoredSubscription {
    const found = this.#subscriptions.get(id);
    if (!found) throw new AppError("WEBHOOK_NOT_FOUND", `No webhook with id ${id}`);
    return found;
  }

  /**
   * Deletes a subscription and drops its deliveries, pending ones included.
   *
   * @throws {AppError} `WEBHOOK_NOT_FOUND`
   */
  async unsubscribe(id: string): Promise<void> {
    this.subscription(id);
    await this.#subscriptions.remove(id);
    this.#book.forget((delivery) => delivery.subscriptionId === id);
  }

  /**
   * A page of a subscription's deliveries, newest first.
   *
   * @throws {AppError} `WEBHOOK_NOT_FOUND`
   */
  deliveries(
    subscriptionId: string,
    page: { limit: number; offset: number },
  ): { items: Delivery[]; total: number } {
    this.subscription(subscriptionId);
    const all = this.#book.ofSubscription(subscriptionId);
    return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
  }

  /**
   * Queues a delivered or failed delivery again, under the same `webhook-id`, behind the
   * subscription's pending ones.
   *
   * @throws {AppError} `WEBHOOK_NOT_FOUND`, `WEBHOOK_DELIVERY_NOT_FOUND`, `WEBHOOK_DELIVERY_CONFLICT` (still pending)
   */
  async resend(subscriptionId: string, deliveryId: string): Promise<Delivery> {
    this.subscription(subscriptionId);
    const delivery = this.#book.get(deliveryId);
    if (!delivery || delivery.subscriptionId !== subscriptionId) {
      throw new AppError("WEBHOOK_DELIVERY_NOT_FOUND", `No delivery ${deliveryId} of this webhook`);
    }
    const record: OutboxRecord = { kind: "resent", id: deliveryId, at: this.#settings.now() };
    this.#book.apply(record);
    delivery.durable = false;
    await this.#outbox.append(record).finally(() => {
      delivery.durable = true;
    });
    this.#pump.pump();
    return delivery;
  }

  /**
   * Queues `data` as a `type` event for every subscription that asked for it. Never
   * throws and never waits: the outbox write and the sending happen in the background.
   */
  emit(type: WebhookEventType, data: Record<string, unknown>): void {
    try {
      const targets = this.#subscriptions.list().filter((sub) => sub.events.includes(type));
      if (targets.length === 0) return;
      const at = this.#settings.now();
      const body = JSON.stringify({ type, timestamp: new Date(at).toISOString(), data });
      const records: QueuedRecord[] = targets.map((sub) => ({
        kind: "queued",
        id: newDeliveryId(),
        subscriptionId: sub.id,
        type,
        body,
        at,
      }));
      const deliveries = records.map((record) => this.#book.add(record, false));
      this.#outbox
        .append(...records)
        .catch((error: Error) =>
          this.#settings.logger.error("webhook outbox append failed; sending anyway", {
            message: error.message,
          }),
        )
        .finally(() => {
          for (const delivery of deliveries) delivery.durable = true;
          this.#pump.pump();
        });
    } catch (error) {
      this.#settings.logger.error("webhook event dropped", {
        type,
        message: (error as Error).message,
      });
    }
  }

  /**
   * Stops sending: no new attempt starts and the attempts in flight are abandoned
   * unrecorded, so their deliveries stay pending and go out again after a restart.
   */
  stop(): Promise<void> {
    return this.#pump.stop();
  }

  /** Closes the outbox after pending writes; call after `stop`. */
  close(): Promise<void> {
    return this.#outbox.close();
  }
}

/**
 * The subscription to store for `input`, with a new secret unless one is given.
 *
 * @throws {AppError} `WEBHOOK_URL_REFUSED` when the URL is not http(s) or reaches a private address.
 */
export async function checkedSubscription(
  input: CreateSubscriptionInput,
  allowPrivate: boolean,
  resolve: ResolveHost | undefined,
): Promise<NewSubscription> {
  const verdict = await checkWebhookUrl(input.url, {
    allowPrivate,
    ...(resolve ? { resolve } : {}),
  });
  if (!verdict.ok) {
    throw new AppError("WEBHOOK_URL_REFUSED", `The webhook URL ${verdict.reason}`, {
      fields: [{ path: "url", message: verdict.reason }],
    });
  }
  return {
    url: input.url,
    events: input.events,
    secret: input.secret ?? generateWebhookSecret(),
    description: input.description,
  };
}
