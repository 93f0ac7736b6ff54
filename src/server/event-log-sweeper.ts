import type { Logger } from "../logging/logger.js";
import type { EventLogStore } from "../storage/index.js";

export interface EventLogSweeperOptions {
  /** The directories whose logs are swept (every session's, the task stream's). */
  dirs: readonly string[];
  logger: Logger;
  /** Time between sweeps. Default one hour. */
  everyMs?: number | undefined;
  /** Time from `start` to the first sweep, so frequent restarts still sweep. Default one minute. */
  firstAfterMs?: number | undefined;
}

const hourMs = 3_600_000;

/**
 * Applies the event logs' retention on a timer. A log's own writes apply it as it grows,
 * and its opening does; the sweep reaches the logs nobody writes any more, which would
 * otherwise keep events past `EVENT_LOG_MAX_AGE_HOURS` until they are next opened.
 */
export class EventLogSweeper {
  readonly #logs: EventLogStore;
  readonly #options: EventLogSweeperOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = false;

  constructor(logs: EventLogStore, options: EventLogSweeperOptions) {
    this.#logs = logs;
    this.#options = options;
  }

  /** Sweeps after `firstAfterMs`, then every `everyMs`. */
  start(): void {
    this.#schedule(this.#options.firstAfterMs ?? 60_000);
  }

  /** One sweep of every directory; resolves to how many logs lost events. Never rejects. */
  sweep(): Promise<number> {
    this.#running ??= this.#sweepAll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.sweep().then(() => this.#schedule(this.#options.everyMs ?? hourMs));
    }, delayMs);
    this.#timer.unref();
  }

  async #sweepAll(): Promise<number> {
    let trimmed = 0;
    for (const dir of this.#options.dirs) {
      if (this.#stopped) break;
      try {
        trimmed += await this.#logs.sweep(dir);
      } catch (error) {
        this.#options.logger.warn("could not sweep event logs", {
          dir,
          message: (error as Error).message,
        });
      }
    }
    if (trimmed > 0) this.#options.logger.info("event logs trimmed by age", { logs: trimmed });
    return trimmed;
  }
}
