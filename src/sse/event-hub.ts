import type { EventClassifier } from "../contract/event-classifier.js";
import type { EventSequence } from "./sequence.js";

/** One published event, serialised and encoded once for every subscriber. */
export interface HubEvent {
  id: number;
  /** The complete SSE frame (`id: …\ndata: …\n\n`), UTF-8 encoded. */
  frame: Uint8Array;
}

/** A connection receiving frames. `send` returns false when the subscriber is overloaded. */
export interface HubSubscriber {
  /** Receives the shared bytes of a frame; it must not modify them. */
  send(frame: Uint8Array): boolean;
  /** Called when the hub drops the subscriber (overload or hub closed). */
  close(reason: "overloaded" | "closed"): void;
}

/** An in-process listener: sees each event as published, without being a stream subscriber. */
export interface HubObserver<E> {
  event(event: E, id: number): void;
  /** Called when the hub closes. */
  close(): void;
}

export interface EventHubOptions {
  sequence: EventSequence;
  /** Events kept for replay. Default 2048. */
  bufferSize?: number;
  /**
   * Bytes of frames kept for replay; the oldest frames are dropped first, so a long
   * streamed reply (each `message_update` repeats the message so far) cannot pin memory.
   * Default {@link defaultReplayMaxBytes} (8 MiB).
   */
  maxBytes?: number;
  /** Sees every published event before it is sent (e.g. to note unmodelled types). Default: none. */
  classify?: EventClassifier | undefined;
}

/** Default byte bound of a hub's replay buffer: 8 MiB. */
export const defaultReplayMaxBytes = 8 * 1024 * 1024;

const encoder = new TextEncoder();

/** One SSE frame; a frame without `id` leaves the client's last event id as it was. */
export function sseFrame(id: number | undefined, data: string): string {
  return id === undefined ? `data: ${data}\n\n` : `id: ${id}\ndata: ${data}\n\n`;
}

/**
 * Fans a session's events out to its SSE subscribers. Each event gets the next id
 * of the session's sequence and is serialised once; the most recent ones are kept in
 * a ring buffer, bounded by count and by bytes, so a reconnecting client resumes after
 * `Last-Event-ID` with no gap and no duplicate, or is told it fell out of the buffer.
 */
export class EventHub<E extends { type: string }> {
  readonly #sequence: EventSequence;
  readonly #classify: EventClassifier | undefined;
  readonly #ring: (HubEvent | undefined)[];
  readonly #maxBytes: number;
  #start = 0;
  #count = 0;
  #bytes = 0;
  readonly #subscribers = new Set<HubSubscriber>();
  readonly #observers = new Set<HubObserver<E>>();
  #closed = false;

  constructor(options: EventHubOptions) {
    this.#sequence = options.sequence;
    this.#classify = options.classify;
    this.#ring = new Array(options.bufferSize ?? 2048);
    this.#maxBytes = options.maxBytes ?? defaultReplayMaxBytes;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Bytes of the frames held for replay; never more than `maxBytes`. */
  get replayBytes(): number {
    return this.#bytes;
  }

  /** The id of the newest event (0 when none was ever published). */
  get lastId(): number {
    return this.#sequence.current;
  }

  /** Assigns the next id to `event`, buffers it and delivers it to every subscriber. */
  publish(event: E): number {
    this.#classify?.(event);
    const id = this.#sequence.next();
    const entry: HubEvent = { id, frame: encoder.encode(sseFrame(id, JSON.stringify(event))) };
    this.#retain(entry);
    for (const observer of this.#observers) observer.event(event, id);
    for (const subscriber of this.#subscribers) this.#deliver(subscriber, entry.frame);
    return id;
  }

  /**
   * Adds an in-process observer of live events: it sees each event (before the streams
   * do) with no replay and no serialisation, and is not counted in `subscriberCount`.
   * Observers must not throw.
   *
   * @returns the function that removes the observer.
   */
  observe(observer: HubObserver<E>): () => void {
    if (this.#closed) {
      observer.close();
      return () => undefined;
    }
    this.#observers.add(observer);
    return () => {
      this.#observers.delete(observer);
    };
  }

  /**
   * Adds a subscriber. With `lastEventId`, buffered events after it are sent first;
   * if some of them are no longer buffered, `onGap` is called instead so the caller
   * can tell the client to reload. Replay and registration happen in one synchronous
   * step, so no event can slip between them.
   *
   * @returns the function that removes the subscriber.
   */
  subscribe(
    subscriber: HubSubscriber,
    lastEventId?: number,
    onGap?: (oldestAvailable: number | undefined) => void,
  ): () => void {
    if (this.#closed) {
      subscriber.close("closed");
      return () => undefined;
    }
    if (lastEventId !== undefined && lastEventId < this.lastId) {
      const buffered = this.#buffered();
      const oldest = buffered[0]?.id;
      if (oldest === undefined || lastEventId < oldest - 1) onGap?.(oldest);
      else {
        for (const entry of buffered) {
          if (entry.id > lastEventId && !subscriber.send(entry.frame)) {
            subscriber.close("overloaded");
            return () => undefined;
          }
        }
      }
    } else if (lastEventId !== undefined && lastEventId > this.lastId) {
      onGap?.(this.#buffered()[0]?.id);
    }
    this.#subscribers.add(subscriber);
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** Drops every subscriber; later subscriptions are refused. */
  close(): void {
    this.#closed = true;
    for (const subscriber of this.#subscribers) subscriber.close("closed");
    this.#subscribers.clear();
    for (const observer of this.#observers) observer.close();
    this.#observers.clear();
  }

  #deliver(subscriber: HubSubscriber, frame: Uint8Array): void {
    if (subscriber.send(frame)) return;
    this.#subscribers.delete(subscriber);
    subscriber.close("overloaded");
  }

  /** Appends to the ring, then drops the oldest frames while over either bound. */
  #retain(entry: HubEvent): void {
    const capacity = this.#ring.length;
    if (this.#count === capacity) this.#dropOldest();
    this.#ring[(this.#start + this.#count) % capacity] = entry;
    this.#count += 1;
    this.#bytes += entry.frame.byteLength;
    while (this.#bytes > this.#maxBytes && this.#count > 0) this.#dropOldest();
  }

  #dropOldest(): void {
    const oldest = this.#ring[this.#start];
    this.#ring[this.#start] = undefined;
    this.#bytes -= oldest?.frame.byteLength ?? 0;
    this.#start = (this.#start + 1) % this.#ring.length;
    this.#count -= 1;
  }

  #buffered(): HubEvent[] {
    const out: HubEvent[] = [];
    for (let i = 0; i < this.#count; i++) {
      const entry = this.#ring[(this.#start + i) % this.#ring.length];
      if (entry) out.push(entry);
    }
    return out;
  }
}
