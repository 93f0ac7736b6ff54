import type { LoggedEvent } from "../storage/index.js";

/** Prime ids kept in memory; a full-view replay from before them scans the log. */
const maxPrimes = 1024;
const scanPage = 1000;

/**
 * The ids of a hub's events a full view can start from (its `primeTypes`), newest last:
 * noted as they are published, and the log's older ones read once, by the first full
 * view that needs them, so a full-view replay after a restart does not scan the log
 * from its start each time.
 */
export class HubPrimes {
  readonly #types: ReadonlySet<string>;
  readonly #ids: number[] = [];
  /** The newest id of the log's events published before this hub, when they are to be read. */
  readonly #loggedUpTo: number | undefined;
  #loaded: Promise<void> | undefined;

  /** `loggedUpTo`: read the primes of the log's events up to this id on the first `load`. */
  constructor(types: ReadonlySet<string>, loggedUpTo?: number) {
    this.#types = types;
    this.#loggedUpTo = loggedUpTo;
  }

  /** The prime ids held, oldest first. */
  get ids(): readonly number[] {
    return this.#ids;
  }

  /** Notes a published (or relayed) event. */
  note(id: number, type: string): void {
    if (!this.#types.has(type)) return;
    if (this.#ids.push(id) > maxPrimes) this.#ids.shift();
  }

  /**
   * Reads the primes among the logged events published before this hub through `read`,
   * once; later calls wait for that read. A failed read is tried again next time.
   */
  load(read: (after: number, limit: number) => Promise<{ events: LoggedEvent[] }>) {
    const upTo = this.#loggedUpTo;
    if (upTo === undefined || upTo === 0) return Promise.resolve();
    this.#loaded ??= this.#scan(read, upTo).catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    return this.#loaded;
  }

  async #scan(
    read: (after: number, limit: number) => Promise<{ events: LoggedEvent[] }>,
    upTo: number,
  ): Promise<void> {
    const found: number[] = [];
    for (let after = 0; after < upTo; ) {
      const { events } = await read(after, scanPage);
      if (events.length === 0) break;
      for (const event of events) {
        if (event.id > upTo) break;
        if (this.#types.has(event.type)) found.push(event.id);
        after = event.id;
      }
      if ((events.at(-1) as LoggedEvent).id > upTo) break;
    }
    const oldestHeld = this.#ids[0] ?? Number.POSITIVE_INFINITY;
    this.#ids.unshift(...found.filter((id) => id < oldestHeld));
    if (this.#ids.length > maxPrimes) this.#ids.splice(0, this.#ids.length - maxPrimes);
  }
}
