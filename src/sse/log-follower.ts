import type { EventLog, LoggedEvent, LogPage } from "../storage/index.js";
import type { SharedEventLogs } from "../storage/postgres/index.js";
import { EventHub, type FullView, type ViewExpander } from "./event-hub.js";
import { replayEvents } from "./replay.js";
import { EventSequence } from "./sequence.js";

/** What a follower needs of the shared logs: reads, the newest id and write notices. */
export type FollowedLogs = Pick<
  SharedEventLogs,
  "read" | "tail" | "lastId" | "lastOfTypes" | "watch"
>;

export interface LogFollowerOptions<E> {
  logs: FollowedLogs;
  /** The followed log's key (as the writer's store names it). */
  key: string;
  /** How `full` streams see the events, expanded here from the logged ones. Default: as logged. */
  fullView?: FullView<E> | undefined;
  /** Bytes of frames kept in memory for replay. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
}

/** Events read from the log per query while catching up. */
const readBatch = 500;

/**
 * An {@link EventHub} fed from a shared log that other processes write: its streams
 * replay from the log after `Last-Event-ID` and then get each event as its write is
 * announced, with no gap and no duplicate. It reads again after every notice, and after
 * the listening connection comes back (notices sent meanwhile are lost). The `full` view
 * is expanded here from the logged events, starting at the last prime event.
 */
export class LogFollower<E extends { type: string }> {
  readonly hub: EventHub<E>;
  readonly #logs: FollowedLogs;
  readonly #key: string;
  readonly #fullView: FullView<E> | undefined;
  /** Fed every event relayed; made (from the last prime event on) when the first one is. */
  #expander: ViewExpander<E> | undefined;
  #stopWatching: () => void = () => undefined;
  #reading: Promise<void> = Promise.resolve();
  #readAgain = false;
  #closed = false;

  private constructor(options: LogFollowerOptions<E>, lastId: number) {
    this.#logs = options.logs;
    this.#key = options.key;
    this.#fullView = options.fullView;
    this.hub = new EventHub<E>({
      sequence: EventSequence.inMemory(),
      log: readOnlyLog(options.logs, options.key, lastId),
      fullView: options.fullView,
      findPrime: options.fullView
        ? (atOrBelow) =>
            options.logs.lastOfTypes(
              options.key,
              [...(options.fullView?.primeTypes ?? [])],
              atOrBelow,
            )
        : undefined,
      ...(options.replayMaxBytes === undefined ? {} : { maxBytes: options.replayMaxBytes }),
    });
  }

  /** Starts following the log `key`: watching first, so no write slips past. */
  static async start<E extends { type: string }>(
    options: LogFollowerOptions<E>,
  ): Promise<LogFollower<E>> {
    let follower: LogFollower<E> | undefined;
    let missed = false;
    const stop = await options.logs.watch(options.key, (lastId) => {
      if (follower) follower.#wake(lastId);
      else missed = true;
    });
    try {
      follower = new LogFollower(options, await options.logs.lastId(options.key));
    } catch (error) {
      stop();
      throw error;
    }
    follower.#stopWatching = stop;
    if (missed) follower.#wake(undefined);
    return follower;
  }

  /** Reads what was written since the last notice (a stream opening here must not lag). */
  async refresh(): Promise<void> {
    this.#wake(undefined);
    await this.#reading;
  }

  /** Stops following and closes the hub (its streams end). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopWatching();
    await this.#reading;
    await this.hub.close();
  }

  #wake(lastId: number | undefined): void {
    if (this.#closed || (lastId !== undefined && lastId <= this.hub.lastId)) return;
    if (this.#readAgain) return;
    this.#readAgain = true;
    this.#reading = this.#reading.then(() => this.#readNew());
  }

  async #readNew(): Promise<void> {
    this.#readAgain = false;
    try {
      for (;;) {
        if (this.#closed) return;
        const page = await this.#logs.read(this.#key, this.hub.lastId, readBatch);
        if (page.events.length > 0 && this.#fullView && !this.#expander) {
          this.#expander = await this.#primedExpander(this.#fullView);
        }
        for (const event of page.events) this.#relay(event);
        if (page.events.length < readBatch) return;
      }
    } catch {
      // The next notice or reconnect reads again from the last event relayed.
    }
  }

  /** An expander that has seen the log from its last prime event up to the hub's last id. */
  async #primedExpander(fullView: FullView<E>): Promise<ViewExpander<E>> {
    const expander = fullView.expander();
    const upTo = this.hub.lastId;
    const prime = await this.#logs.lastOfTypes(this.#key, [...fullView.primeTypes], upTo);
    if (prime === undefined) return expander;
    await replayEvents({
      read: (after, limit) => this.#logs.read(this.#key, after, limit),
      primes: [prime],
      fullView: { primeTypes: fullView.primeTypes, expander: () => expander },
      lastEventId: upTo,
      upTo,
      emit: () => true,
    });
    return expander;
  }

  #relay(event: LoggedEvent): void {
    if (event.id <= this.hub.lastId || this.#closed) return;
    const expander = this.#expander;
    if (!expander) {
      this.hub.relay(event);
      return;
    }
    const parsed = JSON.parse(event.data) as E;
    this.hub.relay(event, expander.lacksContext(parsed) ? undefined : expander.expand(parsed));
  }
}

/** The followed log as a hub reads it: reads only; appends belong to its writer. */
function readOnlyLog(logs: FollowedLogs, key: string, lastId: number): EventLog {
  let oldestId: number | undefined;
  const remember = (page: LogPage) => {
    oldestId = page.oldestId;
    return page;
  };
  return {
    lastId,
    get oldestId() {
      return oldestId;
    },
    append() {
      throw new Error(`event log ${key} is followed here, not written`);
    },
    readAfter: async (afterId, limit) => remember(await logs.read(key, afterId, limit)),
    tail: (count) => logs.tail(key, count),
    flush: async () => undefined,
    close: async () => undefined,
  };
}
