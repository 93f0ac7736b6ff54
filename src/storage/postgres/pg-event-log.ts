import {
  checkAfterId,
  checkAppend,
  type EventLog,
  type EventLogRetention,
  type LoggedEvent,
  type LogPage,
} from "../event-log.js";
import { encodedRecordBytes } from "../event-log-format.js";
import type { Database } from "./database.js";
import {
  advanceHead,
  applyRetentionRows,
  insertRows,
  type LogHead,
  notifyAppended,
  readRows,
  readTailRows,
  type SizedRecord,
} from "./pg-event-log-sql.js";

/** Where one log lives in the database and how it is kept. */
export interface PostgresLogPlace {
  database: Database;
  /** The log's key in the database. */
  key: string;
  /** The key as announced on the channel (hashed when long). */
  notifyKey: string;
  retention: Required<EventLogRetention>;
  now: () => number;
}

/**
 * An {@link EventLog} whose single writer is this process, kept in PostgreSQL: appends
 * are buffered and written at the end of the event loop's turn as one multi-row insert,
 * in one transaction with the log's head, retention and a `NOTIFY` of the new last id.
 * A write that finds the head already past its first id (another node wrote the log)
 * fails the log for good, as a failed file write does; a lost connection keeps the
 * events buffered for the next write.
 */
export class PostgresEventLog implements EventLog {
  readonly #place: PostgresLogPlace;
  #pending: SizedRecord[] = [];
  #writing: SizedRecord[] = [];
  #written: Promise<void> = Promise.resolve();
  #scheduled = false;
  #lastId: number;
  #oldestId: number | undefined;
  #error: unknown;
  #closed = false;

  constructor(place: PostgresLogPlace, head: LogHead | undefined) {
    this.#place = place;
    this.#lastId = head?.lastId ?? 0;
    this.#oldestId = head?.oldestId;
  }

  get lastId(): number {
    return this.#lastId;
  }

  get oldestId(): number | undefined {
    return this.#oldestId ?? this.#writing[0]?.id ?? this.#pending[0]?.id;
  }

  append(event: LoggedEvent): void {
    if (this.#closed) throw new Error(`event log ${this.#place.key} is closed`);
    if (this.#error !== undefined) throw this.#error;
    checkAppend(event, this.#lastId);
    const record = {
      id: event.id,
      type: event.type,
      data: event.data,
      at: Math.max(0, Math.floor(this.#place.now())),
    };
    this.#pending.push({ ...record, bytes: encodedRecordBytes(record) });
    this.#lastId = event.id;
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#write().catch(() => undefined);
    });
  }

  async readAfter(afterId: number, limit: number): Promise<LogPage> {
    checkAfterId(afterId);
    const buffered = this.#buffered();
    const lastId = this.#lastId;
    const page = await readRows(this.#place.database, this.#place.key, afterId, limit);
    const events = page.events;
    let after = Math.max(afterId, events.at(-1)?.id ?? 0);
    for (const record of buffered) {
      if (events.length >= limit) break;
      if (record.id <= after) continue;
      events.push(pick(record));
      after = record.id;
    }
    return {
      events,
      oldestId: page.oldestId ?? buffered[0]?.id,
      lastId: Math.max(page.lastId, lastId),
    };
  }

  async tail(count: number): Promise<LoggedEvent[]> {
    if (!(count > 0)) return [];
    const buffered = this.#buffered();
    const stored = await readTailRows(this.#place.database, this.#place.key, count);
    const after = stored.at(-1)?.id ?? 0;
    return [...stored, ...buffered.filter((record) => record.id > after).map(pick)].slice(-count);
  }

  flush(): Promise<void> {
    return this.#write();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
    }
  }

  #buffered(): SizedRecord[] {
    return [...this.#writing, ...this.#pending];
  }

  /** Queues a write of everything pending behind the writes already under way. */
  #write(): Promise<void> {
    this.#scheduled = false;
    this.#written = this.#written.catch(() => undefined).then(() => this.#writePending());
    return this.#written;
  }

  async #writePending(): Promise<void> {
    if (this.#error !== undefined) throw this.#error;
    if (this.#pending.length === 0) return;
    this.#writing = this.#pending;
    this.#pending = [];
    const records = this.#writing;
    const { database, key, notifyKey, retention, now } = this.#place;
    try {
      const oldestId = await database.transaction(async (client) => {
        if (!(await advanceHead(client, key, records))) {
          throw new EventLogConflictError(key, (records[0] as SizedRecord).id);
        }
        await insertRows(client, key, records);
        const oldest = await applyRetentionRows(client, key, retention, now());
        await notifyAppended(client, notifyKey, (records.at(-1) as SizedRecord).id);
        return oldest;
      });
      this.#oldestId = oldestId;
      this.#writing = [];
    } catch (error) {
      this.#writing = [];
      if (isConflict(error)) this.#error = error;
      else this.#pending = [...records, ...this.#pending];
      throw error;
    }
  }
}

/** Another writer already wrote ids a log meant to write: its writer is not the only one. */
export class EventLogConflictError extends Error {
  constructor(key: string, firstId: number) {
    super(`event log ${key} already holds ids from ${firstId} on: another process writes it`);
    this.name = "EventLogConflictError";
  }
}

/** Whether `error` says the log's ids were taken by another writer (retrying cannot help). */
function isConflict(error: unknown): boolean {
  return error instanceof EventLogConflictError || (error as { code?: unknown }).code === "23505";
}

function pick(record: SizedRecord): LoggedEvent {
  return { id: record.id, type: record.type, data: record.data };
}
