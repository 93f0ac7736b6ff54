import { attemptDelivery, type DeliverySettings } from "./delivery-settings.js";
import { stateAfterAttempt } from "./webhook-backoff.js";
import type { Delivery, DeliveryBook } from "./webhook-deliveries.js";
import type { OutboxLog, OutboxRecord } from "./webhook-outbox.js";
import type { StoredSubscription, WebhookSubscriptions } from "./webhook-subscriptions.js";

/** What a {@link DeliveryPump} sends from and records to, and how. */
export interface DeliveryPumpOptions extends DeliverySettings {
  book: DeliveryBook;
  outbox: OutboxLog;
  subscriptions: WebhookSubscriptions;
}

/** When a delivery was last tried, or queued. */
export function lastActivity(delivery: Delivery): number {
  return delivery.history.at(-1)?.at ?? delivery.createdAt;
}

/**
 * Sends the pending deliveries: each subscription's head delivery once it is durable and
 * due, at most `concurrency` attempts at once, one at a time per subscription; records
 * each attempt in the outbox and schedules the next retry. Wakes on {@link pump} and on
 * its own timer for the next retry due.
 */
export class DeliveryPump {
  readonly #options: DeliveryPumpOptions;
  readonly #sending = new Map<string, Promise<void>>();
  readonly #stopping = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #lastPrune: number;

  constructor(options: DeliveryPumpOptions) {
    this.#options = options;
    this.#lastPrune = options.now();
  }

  /**
   * Stops sending: no new attempt starts and the attempts in flight are abandoned
   * unrecorded, so their deliveries stay pending and go out again after a restart.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#stopping.abort();
    await Promise.all(this.#sending.values());
  }

  /** Starts the attempts that are due, and sets the timer for the next one. */
  pump(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = this.#options.now();
    let wake = Number.POSITIVE_INFINITY;
    for (const subscriptionId of this.#options.book.subscriptionIds()) {
      if (this.#sending.has(subscriptionId)) continue;
      const head = this.#options.book.head(subscriptionId);
      const subscription = this.#options.subscriptions.get(subscriptionId);
      if (!head?.durable || !subscription) continue;
      if (head.nextAttemptAt > now) {
        wake = Math.min(wake, head.nextAttemptAt);
        continue;
      }
      if (this.#sending.size >= this.#options.concurrency) break;
      const sending = this.#attempt(subscription, head).finally(() => {
        this.#sending.delete(subscriptionId);
        this.pump();
      });
      this.#sending.set(subscriptionId, sending);
    }
    if (Number.isFinite(wake)) {
      this.#timer = setTimeout(() => this.pump(), Math.max(0, wake - now));
      this.#timer.unref();
    }
  }

  async #attempt(subscription: StoredSubscription, delivery: Delivery): Promise<void> {
    const { started, result } = await attemptDelivery(
      this.#options,
      subscription,
      delivery,
      this.#stopping.signal,
    );
    if (this.#stopped) return;
    if (this.#options.book.get(delivery.id) !== delivery || delivery.state !== "pending") return;
    const finished = this.#options.now();
    const { state, nextAttemptAt } = stateAfterAttempt(
      delivery,
      result.error !== null,
      finished,
      this.#options.retry,
      this.#options.random,
    );
    const record: OutboxRecord = {
      kind: "attempt",
      id: delivery.id,
      at: started,
      ...result,
      state,
      nextAttemptAt,
    };
    this.#options.book.apply(record);
    if (state !== "pending") this.#prune(finished);
    if (result.error !== null) {
      this.#options.logger.warn("webhook attempt failed", {
        webhook: subscription.id,
        delivery: delivery.id,
        error: result.error,
        state,
      });
    }
    await this.#options.outbox
      .append(record)
      .catch((error: Error) =>
        this.#options.logger.error("webhook outbox append failed", { message: error.message }),
      );
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < 3_600_000) return;
    this.#lastPrune = now;
    const cutoff = now - this.#options.retentionMs;
    this.#options.book.forget(
      (delivery) => delivery.state !== "pending" && lastActivity(delivery) < cutoff,
    );
  }
}
