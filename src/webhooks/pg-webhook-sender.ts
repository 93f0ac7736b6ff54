import { randomUUID } from "node:crypto";
import type { ClusterNode } from "../cluster/index.js";
import { attemptDelivery, type DeliverySettings } from "./delivery-settings.js";
import type { ClaimedDelivery, PgWebhookOutbox } from "./pg-webhook-outbox.js";
import type { PgWebhookSubscriptions } from "./pg-webhook-subscriptions.js";
import { stateAfterAttempt } from "./webhook-backoff.js";
import type { AttemptRecord } from "./webhook-outbox.js";

/** Everything the sender of one node needs; the service fills each from its own options. */
export interface PgWebhookSenderOptions extends DeliverySettings {
  cluster: ClusterNode;
  outbox: PgWebhookOutbox;
  subscriptions: PgWebhookSubscriptions;
  pollIntervalMs: number;
}

/**
 * One node's share of sending the cluster's webhooks: when woken (a delivery was
 * queued, an attempt ended) and every poll interval, it claims the due queue heads it
 * has free slots for, sends each, and records the attempt under its claim.
 */
export class PgWebhookSender {
  readonly #options: PgWebhookSenderOptions;
  readonly #sending = new Set<Promise<void>>();
  readonly #stopping = new AbortController();
  #pumping: Promise<void> | undefined;
  #pumpAgain = false;
  #timer: NodeJS.Timeout | undefined;
  #lastPrune = 0;
  #stopped = false;

  constructor(options: PgWebhookSenderOptions) {
    this.#options = options;
  }

  /** Looks for due deliveries now (or right after the look in progress). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#pumping = this.#claimAndSend()
      .catch((error: Error) =>
        this.#options.logger.warn("webhook sender could not claim deliveries", {
          message: error.message,
        }),
      )
      .finally(() => {
        this.#pumping = undefined;
        if (this.#stopped) return;
        if (this.#pumpAgain) {
          this.#pumpAgain = false;
          this.wake();
          return;
        }
        this.#timer = setTimeout(() => this.wake(), this.#options.pollIntervalMs);
        this.#timer.unref();
      });
  }

  /** Stops claiming; attempts in flight are abandoned and their claims freed. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#stopping.abort();
    await this.#pumping;
    await Promise.all(this.#sending);
  }

  async #claimAndSend(): Promise<void> {
    const { outbox, cluster } = this.#options;
    const now = this.#options.now();
    if (now - this.#lastPrune >= 3_600_000) {
      this.#lastPrune = now;
      await outbox.prune(now - this.#options.retentionMs);
    }
    const claimed = await outbox.claim(
      now,
      this.#options.concurrency - this.#sending.size,
      this.#options.timeoutMs + cluster.leaseTtlMs,
      `${cluster.nodeId}:${randomUUID()}`,
    );
    for (const delivery of claimed) {
      const sending = this.#attempt(delivery)
        .catch((error: Error) =>
          this.#options.logger.error("webhook attempt not recorded", {
            delivery: delivery.id,
            message: error.message,
          }),
        )
        .finally(() => {
          this.#sending.delete(sending);
          this.wake();
        });
      this.#sending.add(sending);
    }
  }

  async #attempt(delivery: ClaimedDelivery): Promise<void> {
    const options = this.#options;
    const subscription = await options.subscriptions.get(delivery.subscriptionId);
    if (!subscription) return;
    const { started, result } = await attemptDelivery(
      options,
      subscription,
      delivery,
      this.#stopping.signal,
    );
    if (this.#stopped) {
      await options.outbox.release(delivery);
      return;
    }
    const failed = result.error !== null;
    const next = stateAfterAttempt(delivery, failed, options.now(), options.retry, options.random);
    const attempt: AttemptRecord = {
      kind: "attempt",
      id: delivery.id,
      at: started,
      ...result,
      ...next,
    };
    if (failed) {
      options.logger.warn("webhook attempt failed", {
        webhook: subscription.id,
        delivery: delivery.id,
        error: result.error ?? "",
        state: next.state,
      });
    }
    if (!(await options.outbox.recordAttempt(delivery, attempt))) {
      options.logger.warn("webhook claim ran out before its attempt was recorded", {
        delivery: delivery.id,
      });
    }
  }
}
