import type { LoggedEvent } from "../storage/index.js";
import type { SharedEventLogs } from "../storage/postgres/index.js";
import type { EventHub } from "./event-hub.js";
import { type FollowedLogs, LogFollower } from "./log-follower.js";

/**
 * One event stream that every node of a cluster publishes to and follows (the org's task
 * stream): ids are assigned by the database, so events published on different nodes get
 * distinct ids, and every node's `hub` sends each of them once, in id order.
 */
export interface SharedEventStream<E extends { type: string }> {
  /** This node's streams of the shared log. */
  readonly hub: EventHub<E>;
  /** Appends `event` to the shared log (at the end of this turn of the event loop, in order). */
  publish(event: E): void;
  /** Resolves once everything published so far is written. */
  flush(): Promise<void>;
  /** Writes what is pending, then stops following. */
  close(): Promise<void>;
}

export interface SharedEventStreamOptions {
  logs: FollowedLogs & Pick<SharedEventLogs, "appendShared">;
  key: string;
  /** Bytes of frames kept in memory for replay. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
  /** Hears of a failed write; the events are written again a second later. Default: none. */
  onError?: ((error: unknown) => void) | undefined;
}

/** Milliseconds before a failed write is tried again. */
const retryMs = 1000;

/** Opens the shared stream of the log `key` (see {@link SharedEventStream}). */
export async function openSharedEventStream<E extends { type: string }>(
  options: SharedEventStreamOptions,
): Promise<SharedEventStream<E>> {
  const follower = await LogFollower.start<E>(options);
  let pending: Omit<LoggedEvent, "id">[] = [];
  let written: Promise<void> = Promise.resolve();
  let scheduled = false;
  let retry: NodeJS.Timeout | undefined;

  const write = (): Promise<void> => {
    scheduled = false;
    written = written.then(async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      try {
        await options.logs.appendShared(options.key, batch);
      } catch (error) {
        pending = [...batch, ...pending];
        options.onError?.(error);
        clearTimeout(retry);
        retry = setTimeout(() => void write(), retryMs);
        retry.unref();
        throw error;
      }
    });
    const attempt = written;
    written = written.catch(() => undefined);
    return attempt;
  };

  return {
    hub: follower.hub,
    publish(event) {
      pending.push({ type: event.type, data: JSON.stringify(event) });
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void write().catch(() => undefined));
    },
    flush: () => write(),
    async close() {
      clearTimeout(retry);
      await write().catch(() => undefined);
      await follower.close();
    },
  };
}
