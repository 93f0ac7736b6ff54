import { AppError } from "../errors/index.js";
import type { WebhookEventType } from "./webhook-events.js";
import type { AttemptRecord, OutboxRecord, QueuedRecord, ResentRecord } from "./webhook-outbox.js";

export type DeliveryState = "pending" | "delivered" | "failed";

/** One event for one subscription, and everything that happened to it. */
export interface Delivery {
  /** Also the `webhook-id` header: the same on every attempt and resend. */
  id: string;
  subscriptionId: string;
  type: WebhookEventType;
  body: string;
  createdAt: number;
  state: DeliveryState;
  /** Position in its subscription's queue: deliveries are sent in this order. */
  order: number;
  /** Epoch ms since which it is retried (queued or resent); it is given up a window later. */
  queuedAt: number;
  nextAttemptAt: number;
  /** Attempts failed since `queuedAt`, for the backoff. */
  failures: number;
  /** Every attempt and resend, oldest first, as written to the outbox. */
  history: (AttemptRecord | ResentRecord)[];
  /** Whether its `queued` record is on disk, so it may be sent. */
  durable: boolean;
}

/** Legal state changes; anything else is a bug or a conflict the caller reports. */
const transitions: Record<DeliveryState, readonly DeliveryState[]> = {
  pending: ["pending", "delivered", "failed"],
  delivered: ["pending"],
  failed: ["pending"],
};

/**
 * The deliveries in memory: each subscription's queue of pending ones in order, and the
 * history of all that are kept. Rebuilt from the outbox's records on start.
 */
export class DeliveryBook {
  readonly #byId = new Map<string, Delivery>();
  readonly #bySubscription = new Map<string, Delivery[]>();
  #order = 0;

  /** Rebuilds the book from outbox records. */
  static fromRecords(records: readonly OutboxRecord[]): DeliveryBook {
    const book = new DeliveryBook();
    for (const record of records) {
      try {
        book.#apply(record);
      } catch {
        // A record that contradicts the ones before it (a hand-edited file) is ignored.
      }
    }
    return book;
  }

  get(id: string): Delivery | undefined {
    return this.#byId.get(id);
  }

  /** Every delivery, oldest first. */
  all(): Delivery[] {
    return [...this.#byId.values()];
  }

  /** A subscription's deliveries, newest first. */
  ofSubscription(subscriptionId: string): Delivery[] {
    return [...(this.#bySubscription.get(subscriptionId) ?? [])].reverse();
  }

  /** Subscriptions with deliveries, for the sender's scan. */
  subscriptionIds(): string[] {
    return [...this.#bySubscription.keys()];
  }

  /** The pending delivery a subscription must send next, if any. */
  head(subscriptionId: string): Delivery | undefined {
    let head: Delivery | undefined;
    for (const delivery of this.#bySubscription.get(subscriptionId) ?? []) {
      if (delivery.state === "pending" && (!head || delivery.order < head.order)) head = delivery;
    }
    return head;
  }

  add(record: QueuedRecord, durable: boolean): Delivery {
    const delivery = this.#apply(record) as Delivery;
    delivery.durable = durable;
    return delivery;
  }

  apply(record: OutboxRecord): void {
    this.#apply(record);
  }

  /** Drops the deliveries for which `drop` holds. */
  forget(drop: (delivery: Delivery) => boolean): void {
    for (const [subscriptionId, list] of this.#bySubscription) {
      const kept = list.filter((delivery) => !drop(delivery));
      for (const delivery of list) if (drop(delivery)) this.#byId.delete(delivery.id);
      if (kept.length === 0) this.#bySubscription.delete(subscriptionId);
      else this.#bySubscription.set(subscriptionId, kept);
    }
  }

  /**
   * The records that describe the book as it is, for rewriting the outbox: every kept
   * delivery's records, in time order, so queue positions survive the rewrite.
   */
  toRecords(): OutboxRecord[] {
    const records: OutboxRecord[] = [];
    for (const delivery of this.all()) {
      records.push(
        {
          kind: "queued",
          id: delivery.id,
          subscriptionId: delivery.subscriptionId,
          type: delivery.type,
          body: delivery.body,
          at: delivery.createdAt,
        },
        ...delivery.history,
      );
    }
    return records.sort((a, b) => a.at - b.at);
  }

  #apply(record: OutboxRecord): Delivery | undefined {
    if (record.kind === "queued") {
      if (this.#byId.has(record.id)) return this.#byId.get(record.id);
      const delivery: Delivery = {
        id: record.id,
        subscriptionId: record.subscriptionId,
        type: record.type,
        body: record.body,
        createdAt: record.at,
        state: "pending",
        order: ++this.#order,
        queuedAt: record.at,
        nextAttemptAt: record.at,
        failures: 0,
        history: [],
        durable: true,
      };
      this.#byId.set(delivery.id, delivery);
      const list = this.#bySubscription.get(delivery.subscriptionId) ?? [];
      list.push(delivery);
      this.#bySubscription.set(delivery.subscriptionId, list);
      return delivery;
    }
    const delivery = this.#byId.get(record.id);
    if (!delivery) return undefined;
    if (record.kind === "attempt") {
      transition(delivery, ["pending"], record.state);
      if (record.error !== null) delivery.failures += 1;
      delivery.nextAttemptAt = record.nextAttemptAt ?? delivery.nextAttemptAt;
    } else {
      transition(delivery, ["delivered", "failed"], "pending");
      delivery.order = ++this.#order;
      delivery.queuedAt = record.at;
      delivery.nextAttemptAt = record.at;
      delivery.failures = 0;
    }
    delivery.history.push(record);
    return delivery;
  }
}

/**
 * Moves a delivery to `to` when it is in one of `from`.
 *
 * @throws {AppError} `WEBHOOK_DELIVERY_CONFLICT` otherwise.
 */
export function transition(delivery: Delivery, from: readonly DeliveryState[], to: DeliveryState) {
  if (!from.includes(delivery.state) || !transitions[delivery.state].includes(to)) {
    throw new AppError(
      "WEBHOOK_DELIVERY_CONFLICT",
      `Delivery ${delivery.id} is ${delivery.state}; it cannot become ${to}`,
    );
  }
  delivery.state = to;
}
