import type { HubSubscriber } from "./event-hub-types.js";
import { sseFrame } from "./replay.js";

/** Live frames a subscriber may have waiting (for its replay to be read), before it is dropped. */
const maxPendingFrames = 4096;

const encoder = new TextEncoder();

/** An event as one subscriber will see it: its id and JSON text. */
export interface QueuedEvent {
  id: number;
  data: string;
}

export interface Subscription {
  readonly sink: HubSubscriber;
  readonly full: boolean;
  /** Live events waiting to be sent, or for the replay being read. */
  queued: QueuedEvent[];
  catchingUp: boolean;
}

/**
 * The live subscribers of a hub and the events waiting for each: sent as one chunk per
 * subscriber, shared by the subscribers that wait for the same events, so a frame is
 * encoded once however many streams read it.
 */
export class HubSubscriptions {
  readonly #all = new Set<Subscription>();
  #full = 0;

  get size(): number {
    return this.#all.size;
  }

  /** Whether any subscriber reads the full view. */
  get anyFull(): boolean {
    return this.#full > 0;
  }

  has(subscription: Subscription): boolean {
    return this.#all.has(subscription);
  }

  add(subscription: Subscription): void {
    this.#all.add(subscription);
    if (subscription.full) this.#full += 1;
  }

  remove(subscription: Subscription): void {
    if (this.#all.delete(subscription) && subscription.full) this.#full -= 1;
  }

  /**
   * Queues an event for every subscriber, `full` subscribers its full view's JSON text
   * (or what makes it) when that differs; drops a subscriber with too much waiting.
   */
  queue(entry: QueuedEvent, full: string | (() => string) | undefined): void {
    let fullEntry: QueuedEvent | undefined;
    for (const subscription of this.#all) {
      let shown = entry;
      if (subscription.full && full !== undefined) {
        fullEntry ??= { id: entry.id, data: typeof full === "string" ? full : full() };
        shown = fullEntry;
      }
      if (subscription.queued.push(shown) > maxPendingFrames) this.drop(subscription);
    }
  }

  /** Sends every subscriber that is not catching up what waits for it. */
  deliverAll(): void {
    const chunks = new Map<string, Uint8Array>();
    for (const subscription of this.#all) {
      if (!subscription.catchingUp) this.deliver(subscription, chunks);
    }
  }

  /** Sends `subscription` what waits for it, as one chunk (shared through `chunks`). */
  deliver(subscription: Subscription, chunks?: Map<string, Uint8Array>): boolean {
    const queued = subscription.queued;
    const first = queued[0];
    const last = queued.at(-1);
    if (!first || !last) return true;
    subscription.queued = [];
    const key = `${subscription.full}:${first.id}:${last.id}:${queued.length}`;
    let chunk = chunks?.get(key);
    if (!chunk) {
      chunk = encoder.encode(queued.map((event) => sseFrame(event.id, event.data)).join(""));
      chunks?.set(key, chunk);
    }
    if (subscription.sink.send(chunk)) return true;
    this.drop(subscription);
    return false;
  }

  /** Removes a subscriber that cannot keep up, telling it so. */
  drop(subscription: Subscription): void {
    this.remove(subscription);
    subscription.sink.close("overloaded");
  }

  /** Removes every subscriber, telling each the hub closed. */
  closeAll(): void {
    for (const subscription of this.#all) subscription.sink.close("closed");
    this.#all.clear();
    this.#full = 0;
  }
}
