/** One event of a log, as the SSE hub published it. */
export interface LoggedEvent {
  /** Strictly increasing per log; never reused, never goes backwards, also across restarts. */
  id: number;
  /** The event's `type` (kept beside the data so scans need not parse it). */
  type: string;
  /** The event's JSON text exactly as sent on the wire. */
  data: string;
}

/** One read of a log: the events asked for, and the log's bounds at the time of the read. */
export interface LogPage {
  events: LoggedEvent[];
  /**
   * Oldest id still retained (undefined when the log is empty). If
   * `afterId < oldestId - 1`, events were removed by retention: the caller reports a gap.
   */
  oldestId: number | undefined;
  /** Newest id in the log at the time of the read (0 when empty). */
  lastId: number;
}

/**
 * A session's published events, in id order, kept for `Last-Event-ID` replay. Appends
 * are synchronous; reads see every event appended before them, written or not.
 */
export interface EventLog {
  /** Newest id appended (0 when empty); after reopening, the newest id that survived. */
  readonly lastId: number;
  /** Oldest retained id, or undefined when empty. */
  readonly oldestId: number | undefined;
  /**
   * Appends one event. Throws if `id <= lastId`. Synchronous and cheap: buffers in memory
   * and schedules one write for everything appended in the same turn of the event loop
   * (`setImmediate`); a caller that must have the bytes with the OS (page cache, which
   * survives a SIGKILL of the process) before it acts, such as before sending the events,
   * calls `flush()`, which writes before it returns. No fsync per event.
   */
  append(event: LoggedEvent): void;
  /** Up to `limit` events with id > afterId, ascending (includes events still buffered). */
  readAfter(afterId: number, limit: number): Promise<LogPage>;
  /** The newest `count` events, ascending. */
  tail(count: number): Promise<LoggedEvent[]>;
  /** Resolves when everything appended so far is written. */
  flush(): Promise<void>;
  /** Flushes and releases file handles; later appends throw. */
  close(): Promise<void>;
}

/** How much of a log is kept. Retention removes whole segments, oldest first. */
export interface EventLogRetention {
  /** Total bytes kept per log; whole oldest segments are removed beyond it. Default 64 MiB. */
  maxBytes?: number;
  /** Segments whose newest event is older than this are removed. Default 7 days. */
  maxAgeMs?: number;
}

/** Default {@link EventLogRetention.maxBytes}: 64 MiB. */
export const defaultLogMaxBytes = 64 * 1024 * 1024;
/** Default {@link EventLogRetention.maxAgeMs}: 7 days. */
export const defaultLogMaxAgeMs = 7 * 24 * 60 * 60 * 1000;
/** Default segment size of a log: 4 MiB. */
export const defaultSegmentBytes = 4 * 1024 * 1024;

/** Retention with its defaults filled in; throws on a limit that is not a positive number. */
export function resolveRetention(retention: EventLogRetention = {}): Required<EventLogRetention> {
  const maxBytes = retention.maxBytes ?? defaultLogMaxBytes;
  const maxAgeMs = retention.maxAgeMs ?? defaultLogMaxAgeMs;
  if (!(maxBytes > 0)) throw new RangeError(`retention.maxBytes must be positive: ${maxBytes}`);
  if (!(maxAgeMs > 0)) throw new RangeError(`retention.maxAgeMs must be positive: ${maxAgeMs}`);
  return { maxBytes, maxAgeMs };
}

/** A segment size with its default filled in; throws on one that is not a positive number. */
export function resolveSegmentBytes(segmentBytes = defaultSegmentBytes): number {
  if (!(segmentBytes > 0)) throw new RangeError(`segmentBytes must be positive: ${segmentBytes}`);
  return segmentBytes;
}

/**
 * Checks what both logs refuse: an id that is not a safe integer above `lastId`, a
 * `type` that is empty or holds white space, and `data` holding a line break (JSON text
 * never does).
 */
export function checkAppend(event: LoggedEvent, lastId: number): void {
  if (!Number.isSafeInteger(event.id) || event.id <= lastId) {
    throw new RangeError(`event id ${event.id} is not an integer above the last id ${lastId}`);
  }
  if (!/^\S+$/.test(event.type)) {
    throw new TypeError(`event type ${JSON.stringify(event.type)} is empty or has white space`);
  }
  if (event.data.includes("\n")) throw new TypeError(`event ${event.id} data has a line break`);
}

/** Refuses an `afterId` that is not a number: it would match no event and hide a bug. */
export function checkAfterId(afterId: number): void {
  if (Number.isNaN(afterId)) throw new RangeError("afterId is not a number");
}

/**
 * How many of the oldest segments retention removes: while the total is over
 * `maxBytes` or the oldest segment's newest event is older than `maxAgeMs`. The newest
 * (active) segment is never counted. `newestAt` is asked only when the bytes are within
 * bounds, oldest first, and never past the first segment kept.
 */
export function expiredSegmentCount(
  sizes: readonly number[],
  newestAt: (index: number) => number,
  retention: Required<EventLogRetention>,
  now: number,
): number {
  let total = sizes.reduce((sum, size) => sum + size, 0);
  let count = 0;
  while (count < sizes.length - 1) {
    const tooBig = total > retention.maxBytes;
    if (!tooBig && now - newestAt(count) <= retention.maxAgeMs) break;
    total -= sizes[count] as number;
    count += 1;
  }
  return count;
}
