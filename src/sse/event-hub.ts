import type { EventClassifier } from "../contract/event-classifier.js";
import type { EventLog, LoggedEvent } from "../storage/index.js";
import {
  defaultReplayMaxBytes,
  type EventHubOptions,
  type HubObserver,
  type HubSubscriber,
  type StreamView,
  type SubscribeOptions,
} from "./event-hub-types.js";
import { EventRing, type RingEntry } from "./event-ring.js";
import { HeldEvents } from "./held-events.js";
import { HubLog } from "./hub-log.js";
import { HubPrimes } from "./hub-primes.js";
import { HubSubscriptions, type Subscription } from "./hub-subscriptions.js";
import { type EventPage, FrameChunker, type FullView, replayEvents, replayPage } from "./replay.js";
import { SendBatcher } from "./send-batcher.js";
import type { EventSequence } from "./sequence.js";

// The hub's option and subscriber types live beside it; importers take them from here.
export * from "./event-hub-types.js";
export { type EventPage, type FullView, sseFrame, type ViewExpander } from "./replay.js";

/**
 * Fans a stream's events out to its SSE subscribers. Each event gets the next id of the
 * sequence, is serialised once, appended to the log (when there is one) and kept in a
 * ring of the most recent ones. Subscribers get the frames in one chunk per turn of the
 * event loop, after the log has written them, so a client never holds an event a crash
 * could lose, and a streamed reply costs one write per turn instead of one per event.
 * A reconnecting client resumes after `Last-Event-ID` with no gap and no duplicate: from
 * the ring when it still holds the events, else from the log (live frames wait
 * meanwhile), else it is told it fell behind what is kept.
 */
export class EventHub<E extends { type: string }> {
  readonly #sequence: EventSequence;
  readonly #hubLog: HubLog;
  #newest: number;
  readonly #fullView: FullView<E> | undefined;
  readonly #classify: EventClassifier | undefined;
  readonly #findPrime: EventHubOptions<E>["findPrime"];
  /** A method, not a function field, so a hub of narrower events is still a hub of wider ones. */
  readonly #serializer: { json(event: E): string };
  readonly #ring: EventRing;
  readonly #subscriptions = new HubSubscriptions();
  readonly #observers = new Set<HubObserver<E>>();
  /** Ids of the events a full view can start from (`fullView.primeTypes`). */
  readonly #primes: HubPrimes;
  readonly #held: HeldEvents<E>;
  #closed = false;
  readonly #batcher = new SendBatcher(() => this.#sendQueued());

  constructor(options: EventHubOptions<E>) {
    this.#sequence = options.sequence;
    this.#hubLog = new HubLog(options.log, options.onLogError);
    if (options.log) this.#sequence.skipTo(options.log.lastId);
    this.#newest = options.log ? options.log.lastId : this.#sequence.current;
    this.#fullView = options.fullView;
    // The log's primes are read once when a full view first needs them (a database's
    // `findPrime` finds them without).
    const logged = options.fullView && options.log && !options.findPrime;
    this.#primes = new HubPrimes(
      options.fullView?.primeTypes ?? new Set(),
      logged ? this.#newest : undefined,
    );
    this.#classify = options.classify;
    this.#findPrime = options.findPrime;
    this.#held = new HeldEvents(options.settle);
    this.#serializer = { json: options.serialize ?? JSON.stringify };
    this.#ring = new EventRing(
      options.bufferSize ?? 2048,
      options.maxBytes ?? defaultReplayMaxBytes,
    );
  }

  /** The log, while it takes events. */
  get #log(): EventLog | undefined {
    return this.#hubLog.log;
  }

  get subscriberCount(): number {
    return this.#subscriptions.size;
  }

  /** Bytes of the frames held in memory for replay; never more than `maxBytes`. */
  get replayBytes(): number {
    return this.#ring.bytes;
  }

  /**
   * The id of the newest event: published here, relayed, or (before any) the newest in
   * the log; 0 when there is none. After a restart the next id may be higher (ids are
   * reserved in blocks), but no event has an id between the two.
   */
  get lastId(): number {
    return this.#newest;
  }

  /**
   * Assigns the next id to `event`, logs and buffers it, hands it to the observers and
   * queues it for every subscriber. Events are sent together at the end of this turn of
   * the event loop, or after a few milliseconds when the turn runs long; `agent_end` as
   * soon as the code publishing it is done (a microtask). `full` is the event as `full`
   * streams show it live (default: `event`).
   *
   * A `late` event may still be completed by its publisher: it is serialised (and so
   * logged and sent) only after the hub's `settle` option ran, when it is sent; the
   * events published after it wait with it, in order. Its publisher must not hand it
   * anything it does not own, since it is read later.
   *
   * A closed hub drops what is published to it (its owner went on after disposing it):
   * it has no subscriber left and its log may belong to another process by now.
   *
   * @returns the event's id, or 0 when the hub is closed.
   */
  publish(event: E, full?: unknown, late = false): number {
    if (this.#closed) return 0;
    this.#classify?.(event);
    const id = this.#sequence.next();
    this.#newest = id;
    if (late || this.#held.holding) {
      const fullData =
        full !== undefined && this.#subscriptions.anyFull ? JSON.stringify(full) : undefined;
      const data = late ? undefined : this.#serializer.json(event);
      this.#held.hold({ id, event, data, fullData });
    } else {
      this.#commit({ id, type: event.type, data: this.#serializer.json(event) }, event, full);
    }
    this.#batcher.queued(event.type);
    return id;
  }

  /** Logs and buffers an event and queues it for the subscribers. */
  #commit(entry: RingEntry, event: E, full: unknown, fullData?: string): void {
    this.#hubLog.append(entry);
    this.#dispatch(entry, event, full === undefined ? fullData : () => JSON.stringify(full));
  }

  /** Completes the late events and commits every held one, in order. */
  #settle(): void {
    this.#held.release(({ id, event, data, fullData }) => {
      const entry = { id, type: event.type, data: data ?? this.#serializer.json(event) };
      this.#commit(entry, event, undefined, fullData);
    });
  }

  /**
   * Sends an event some other process already published and logged (a follower of a
   * shared log feeds its hub this way): kept in the ring and queued for every subscriber
   * under its own id, which must be above `lastId`; not appended to this hub's log.
   * `full` is the event as `full` streams show it (default: as logged).
   *
   * @throws {RangeError} for an id at or below `lastId`.
   */
  relay(entry: LoggedEvent, full?: unknown): void {
    if (!(entry.id > this.lastId)) {
      throw new RangeError(`relayed event id ${entry.id} is not above the last id ${this.lastId}`);
    }
    if (this.#closed) return;
    this.#settle();
    this.#sequence.skipTo(entry.id);
    this.#newest = entry.id;
    const event = this.#observers.size > 0 ? (JSON.parse(entry.data) as E) : undefined;
    const shown = full === undefined ? undefined : () => JSON.stringify(full);
    this.#dispatch({ id: entry.id, type: entry.type, data: entry.data }, event, shown);
    this.#batcher.later();
  }

  /**
   * Keeps an entry in the ring, hands it to the observers and queues it for every
   * subscriber; `full` is its full view's JSON text (or what makes it), when that differs.
   */
  #dispatch(
    entry: RingEntry,
    event: E | undefined,
    full: string | (() => string) | undefined,
  ): void {
    const id = entry.id;
    this.#ring.push(entry);
    this.#primes.note(id, entry.type);
    if (event !== undefined) for (const observer of this.#observers) observer.event(event, id);
    this.#subscriptions.queue(entry, full);
  }

  /**
   * Writes the log, then sends each subscriber what was queued for it, as one chunk;
   * subscribers that wait for the same events share one encoded chunk.
   */
  #sendQueued(): void {
    this.#settle();
    this.#flushLog();
    this.#subscriptions.deliverAll();
  }

  #flushLog(): void {
    this.#hubLog.flush();
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
   * Adds a subscriber. With `lastEventId`, the events after it are sent first: at once
   * when the ring still holds them, else read from the log while live frames wait, so
   * none slips between replay and live delivery. When some are kept nowhere, `onGap`
   * is called instead.
   *
   * @returns the function that removes the subscriber.
   */
  subscribe(sink: HubSubscriber, options: SubscribeOptions = {}): () => void {
    if (this.#closed) {
      sink.close("closed");
      return () => undefined;
    }
    this.#settle(); // what was published before is replayed, not sent live
    const { lastEventId, onGap } = options;
    const full = options.view === "full" && this.#fullView !== undefined;
    const subscription: Subscription = { sink, full, queued: [], catchingUp: false };
    const remove = () => this.#subscriptions.remove(subscription);
    if (lastEventId !== undefined && lastEventId > this.lastId) {
      onGap?.(this.#log ? this.#log.oldestId : this.#ring.oldestId);
    } else if (lastEventId !== undefined && lastEventId < this.lastId) {
      const inRing = this.#ring.holdsAfter(lastEventId, this.lastId);
      if (!full && inRing) {
        this.#flushLog(); // the ring may hold events the log has not written yet
        const chunker = new FrameChunker((chunk) => sink.send(chunk));
        for (const entry of this.#ring.after(lastEventId)) chunker.add(entry.id, entry.data);
        if (!chunker.flush()) {
          sink.close("overloaded");
          return () => undefined;
        }
      } else if (!full && !this.#log) {
        onGap?.(this.#ring.oldestId);
      } else {
        subscription.catchingUp = true;
        void this.#catchUp(subscription, lastEventId, onGap);
      }
    }
    this.#subscriptions.add(subscription);
    return remove;
  }

  /** Events after `afterId` (at most `limit`), from the ring or the log, and the oldest id kept. */
  async #readAfter(
    afterId: number,
    limit: number,
  ): Promise<{ events: LoggedEvent[]; oldestId: number | undefined }> {
    if (this.#ring.holdsAfter(afterId, this.lastId) || !this.#log) {
      const events = this.#ring.after(afterId).slice(0, limit);
      return { events, oldestId: this.#ring.oldestId };
    }
    return this.#log.readAfter(afterId, limit);
  }

  /**
   * Drops every subscriber and closes the log (resolving once it is written); later
   * subscriptions are refused.
   */
  close(): Promise<void> {
    this.#batcher.sendNow();
    this.#closed = true;
    this.#subscriptions.closeAll();
    for (const observer of this.#observers) observer.close();
    this.#observers.clear();
    return this.#hubLog.close();
  }

  /**
   * A page of events after `afterId` as `view` shows them (JSON text each), for clients
   * that read without a stream. `gap` says events after `afterId` are no longer kept
   * (the page then starts at the oldest kept).
   */
  async page(afterId: number, limit: number, view: StreamView = "compact"): Promise<EventPage> {
    this.#settle();
    this.#flushLog(); // a page shows only written events
    if (view === "full") await this.#primes.load((after, count) => this.#readAfter(after, count));
    return replayPage(
      {
        read: (after, count) => this.#readAfter(after, count),
        primes: this.#primes.ids,
        findPrime: this.#findPrime,
        fullView: view === "full" ? this.#fullView : undefined,
        upTo: this.lastId,
      },
      afterId,
      limit,
    );
  }

  async #catchUp(
    subscription: Subscription,
    lastEventId: number,
    onGap: SubscribeOptions["onGap"],
  ): Promise<void> {
    this.#flushLog(); // what is replayed must be written first
    const chunker = new FrameChunker((chunk) => subscription.sink.send(chunk));
    try {
      if (subscription.full) await this.#primes.load((after, n) => this.#readAfter(after, n));
      const replay = await replayEvents({
        read: (after, limit) => this.#readAfter(after, limit),
        primes: this.#primes.ids,
        findPrime: this.#findPrime,
        fullView: subscription.full ? this.#fullView : undefined,
        lastEventId,
        upTo: this.lastId,
        emit: (id, data) => chunker.add(id, data),
      });
      chunker.flush();
      if (replay.end === "gap") onGap?.(replay.oldest);
    } catch {
      chunker.flush();
      onGap?.(undefined);
    }
    subscription.catchingUp = false;
    if (!this.#subscriptions.has(subscription)) return;
    if (chunker.refused) {
      this.#subscriptions.drop(subscription);
      return;
    }
    this.#subscriptions.deliver(subscription);
  }
}
