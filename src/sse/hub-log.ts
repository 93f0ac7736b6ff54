import type { LogFields, Logger } from "../logging/logger.js";
import type { EventLog, LoggedEvent } from "../storage/index.js";

/** Told when a hub's log fails; see `EventHubOptions.onLogError`. */
export type LogErrorListener = (error: unknown, dropped: boolean) => void;

/**
 * A listener that writes a log failure of the stream `fields` names as one error line.
 *
 * @example
 * onLogError: logErrorsTo(logger, { stream: "tasks" })
 */
export function logErrorsTo(logger: Logger, fields: LogFields): LogErrorListener {
  return (error, dropped) =>
    logger.error(
      dropped
        ? "an event log refused an event; the stream goes on, its events kept in memory only"
        : "an event log failed to write; replay after a restart may miss events",
      { ...fields, error: error instanceof Error ? error.message : String(error) },
    );
}

/**
 * A hub's durable log, and what a failure of it does: a log that refuses an append (a
 * full disk, another writer) is dropped and the stream goes on in memory, since a
 * stream that goes on beats a session whose every event throws; a failed write is told
 * once until a write succeeds, the log keeping what it could not write when it can.
 */
export class HubLog {
  #log: EventLog | undefined;
  readonly #onError: LogErrorListener | undefined;
  /** Whether a failed write was told and no write succeeded since. */
  #failing = false;

  constructor(log: EventLog | undefined, onError: LogErrorListener | undefined) {
    this.#log = log;
    this.#onError = onError;
  }

  /** The log, while it takes events. */
  get log(): EventLog | undefined {
    return this.#log;
  }

  append(entry: LoggedEvent): void {
    const log = this.#log;
    if (!log) return;
    try {
      log.append(entry);
    } catch (error) {
      this.#log = undefined;
      log.close().catch(() => undefined);
      this.#onError?.(error, true);
    }
  }

  /** Writes what is pending, before it returns (so a hub sends written events). */
  flush(): void {
    const log = this.#log;
    log?.flush().then(
      () => {
        this.#failing = false;
      },
      (error: unknown) => {
        if (this.#failing || this.#log !== log) return;
        this.#failing = true;
        this.#onError?.(error, false);
      },
    );
  }

  close(): Promise<void> {
    return this.#log?.close() ?? Promise.resolve();
  }
}
