import type { EventHub, FullView } from "./event-hub.js";
import { type FollowedLogs, LogFollower } from "./log-follower.js";

/** A hub following a shared log, held until `release` (the last release stops the follower). */
export interface FollowerLease<E extends { type: string }> {
  readonly hub: EventHub<E>;
  release(): void;
}

export interface LogFollowersOptions {
  /** Bytes of frames each follower keeps in memory for replay. Default 8 MiB. */
  replayMaxBytes?: number | undefined;
}

interface Following {
  started: Promise<LogFollower<{ type: string }>>;
  users: number;
}

/**
 * The followers of shared logs on this node, one per log however many streams read it:
 * the first stream of a log starts its follower, the last one to leave stops it.
 *
 * @example
 * const lease = await followers.acquire(logKey, sessionFullView);
 * const response = createSseResponse({ hub: lease.hub, label, onClose: lease.release });
 */
export class LogFollowers {
  readonly #logs: FollowedLogs;
  readonly #options: LogFollowersOptions;
  readonly #following = new Map<string, Following>();

  constructor(logs: FollowedLogs, options: LogFollowersOptions = {}) {
    this.#logs = logs;
    this.#options = options;
  }

  /** How many logs are followed now. */
  get size(): number {
    return this.#following.size;
  }

  /**
   * The hub following the log `key`, caught up with what is written now. `fullView` is
   * taken from the first acquirer of a log.
   */
  async acquire<E extends { type: string }>(
    key: string,
    fullView?: FullView<E>,
  ): Promise<FollowerLease<E>> {
    let following = this.#following.get(key);
    if (!following) {
      const started = LogFollower.start<E>({
        logs: this.#logs,
        key,
        fullView,
        replayMaxBytes: this.#options.replayMaxBytes,
      }) as unknown as Promise<LogFollower<{ type: string }>>;
      following = { started, users: 0 };
      this.#following.set(key, following);
    }
    following.users += 1;
    const entry = following;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users > 0 || this.#following.get(key) !== entry) return;
      this.#following.delete(key);
      void entry.started.then((follower) => follower.close()).catch(() => undefined);
    };
    try {
      const follower = await entry.started;
      await follower.refresh();
      return { hub: follower.hub as unknown as EventHub<E>, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Stops every follower (their streams end). */
  async close(): Promise<void> {
    const all = [...this.#following.values()];
    this.#following.clear();
    await Promise.allSettled(all.map(async (entry) => (await entry.started).close()));
  }
}
