import {
  checkAfterId,
  checkAppend,
  type EventLog,
  type EventLogRetention,
  expiredSegmentCount,
  type LoggedEvent,
  type LogPage,
  resolveRetention,
  resolveSegmentBytes,
} from "./event-log.js";
import { encodedRecordBytes, type StoredRecord } from "./event-log-format.js";

export interface MemoryEventLogOptions {
  retention?: EventLogRetention;
  /** Bytes (counted as the file log would store them) per segment. Default 4 MiB. */
  segmentBytes?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

interface MemorySegment {
  records: StoredRecord[];
  bytes: number;
  newestAt: number;
}

/**
 * An {@link EventLog} that lives in memory, for tests: the same segments, rolling and
 * retention as the file log, with sizes counted as the file log would write them.
 */
export class MemoryEventLog implements EventLog {
  readonly #retention: Required<EventLogRetention>;
  readonly #segmentBytes: number;
  readonly #now: () => number;
  readonly #segments: MemorySegment[] = [];
  #lastId = 0;
  #closed = false;

  constructor(options: MemoryEventLogOptions = {}) {
    this.#retention = resolveRetention(options.retention);
    this.#segmentBytes = resolveSegmentBytes(options.segmentBytes);
    this.#now = options.now ?? Date.now;
  }

  get lastId(): number {
    return this.#lastId;
  }

  get oldestId(): number | undefined {
    return this.#segments[0]?.records[0]?.id;
  }

  append(event: LoggedEvent): void {
    if (this.#closed) throw new Error("event log is closed");
    checkAppend(event, this.#lastId);
    const record = { ...pick(event), at: Math.max(0, Math.floor(this.#now())) };
    const bytes = encodedRecordBytes(record);
    let active = this.#segments.at(-1);
    const rolls = active !== undefined && active.bytes + bytes > this.#segmentBytes;
    if (!active || rolls) {
      active = { records: [], bytes: 0, newestAt: 0 };
      this.#segments.push(active);
    }
    active.records.push(record);
    active.bytes += bytes;
    active.newestAt = Math.max(active.newestAt, record.at);
    this.#lastId = event.id;
    if (rolls) this.prune();
  }

  async readAfter(afterId: number, limit: number): Promise<LogPage> {
    checkAfterId(afterId);
    const page = { events: [] as LoggedEvent[], oldestId: this.oldestId, lastId: this.#lastId };
    if (!(limit > 0)) return page;
    for (const segment of this.#segments) {
      const records = segment.records;
      if ((records.at(-1)?.id ?? 0) <= afterId) continue;
      for (let i = firstAbove(records, afterId); i < records.length; i++) {
        if (page.events.length >= limit) return page;
        page.events.push(pick(records[i] as StoredRecord));
      }
    }
    return page;
  }

  async tail(count: number): Promise<LoggedEvent[]> {
    if (!(count > 0)) return [];
    const newest: StoredRecord[] = [];
    for (let i = this.#segments.length - 1; i >= 0 && newest.length < count; i--) {
      const records = (this.#segments[i] as MemorySegment).records;
      newest.unshift(...records.slice(-(count - newest.length)));
    }
    return newest.map(pick);
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.#closed = true;
  }

  /** Removes the segments retention no longer keeps; returns how many went. */
  prune(): number {
    const expired = expiredSegmentCount(
      this.#segments.map((segment) => segment.bytes),
      (index) => (this.#segments[index] as MemorySegment).newestAt,
      this.#retention,
      this.#now(),
    );
    this.#segments.splice(0, expired);
    return expired;
  }
}

function pick(event: LoggedEvent): LoggedEvent {
  return { id: event.id, type: event.type, data: event.data };
}

/** Index of the first record with an id above `id` (records ascend by id). */
function firstAbove(records: StoredRecord[], id: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((records[middle] as StoredRecord).id <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}
