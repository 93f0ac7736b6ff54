import type { EventClassifier } from "../contract/event-classifier.js";
import type { EventLog } from "../storage/index.js";
import type { LogErrorListener } from "./hub-log.js";
import type { FullView } from "./replay.js";
import type { EventSequence } from "./sequence.js";

/** How a stream shows events: as published (`compact`), or expanded by the hub's {@link FullView}. */
export type StreamView = "compact" | "full";

/** A connection receiving frames. `send` returns false when the subscriber is overloaded. */
export interface HubSubscriber {
  /** Receives the shared bytes of a frame (or of several); it must not modify them. */
  send(frame: Uint8Array): boolean;
  /** Called when the hub drops the subscriber (overload or hub closed). */
  close(reason: "overloaded" | "closed"): void;
}

/** Where a subscription starts and how it shows events. */
export interface SubscribeOptions {
  /** Replay the events after this id first. Default: live only. */
  lastEventId?: number | undefined;
  /** Default `compact`. `full` needs the hub's `fullView`; without one it is the same. */
  view?: StreamView | undefined;
  /** Called (instead of replaying) when events after `lastEventId` are no longer kept. */
  onGap?: ((oldestAvailable: number | undefined) => void) | undefined;
}

/** An in-process listener: sees each event as published, without being a stream subscriber. */
export interface HubObserver<E> {
  event(event: E, id: number): void;
  /** Called when the hub closes. */
  close(): void;
}

export interface EventHubOptions<E> {
  sequence: EventSequence;
  /** Where every event is appended before it is sent; replay reads it when the ring has no longer got an event. Default: memory only. */
  log?: EventLog | undefined;
  /** How `full` streams see events. Default: as published. */
  fullView?: FullView<E> | undefined;
  /** Events kept in memory for replay. Default 2048. */
  bufferSize?: number;
  /** Bytes of frames kept in memory for replay. Default {@link defaultReplayMaxBytes} (8 MiB). */
  maxBytes?: number;
  /** Sees every published event before it is sent (e.g. to note unmodelled types). Default: none. */
  classify?: EventClassifier | undefined;
  /** An event's JSON text, as `JSON.stringify` writes it. Default: `JSON.stringify`. */
  serialize?: ((event: E) => string) | undefined;
  /**
   * Completes the events published `late` (see `EventHub.publish`); called before
   * they are serialised. Default: none.
   */
  settle?: (() => void) | undefined;
  /**
   * Finds the newest prime event of the full view at or below an id (e.g. in a database),
   * for replays from before the primes held in memory. Default: the log is scanned.
   */
  findPrime?: ((atOrBelow: number) => Promise<number | undefined>) | undefined;
  /**
   * Told when the log fails. `dropped: false`: a write failed (told once until a write
   * succeeds; a log that kept the events writes them on its next flush). `dropped: true`:
   * the log refused an append (a disk error, another writer), and the hub goes on
   * without it, its events in memory only. Default: none.
   */
  onLogError?: LogErrorListener | undefined;
}

/** Default byte bound of a hub's in-memory replay ring: 8 MiB. */
export const defaultReplayMaxBytes = 8 * 1024 * 1024;
