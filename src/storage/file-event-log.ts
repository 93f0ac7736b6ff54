import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
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
import {
  encodedRecordBytes,
  type StoredRecord,
  segmentFileName,
  writeRecord,
} from "./event-log-format.js";
import { type LogSnapshot, readPage, readTail } from "./event-log-reads.js";
import {
  recoverSegmentsSync,
  type Segment,
  type SegmentMark,
  segmentNewestAtSync,
} from "./event-log-segments.js";

export interface FileEventLogOptions {
  retention?: EventLogRetention;
  /** A segment is closed and a new one started beyond this size. Default 4 MiB. */
  segmentBytes?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /** Called once when the log is closed. */
  onClose?: () => void;
}

/** A file log, which its store may also ask to apply retention between writes. */
export interface FileEventLog extends EventLog {
  /** Removes the segments retention no longer keeps; returns how many went. */
  prune(): number;
}

/** Attempts of a read whose segment retention removed meanwhile. */
const readAttempts = 4;

/**
 * Opens (creating it if needed) the log stored in `dir` and recovers it: the newest
 * segment is scanned and cut back to its last whole record, and retention is applied.
 * The format is described in `event-log-format.ts`.
 *
 * Writes reach the page cache, never fsync'd: the log survives the process being
 * killed, and a crash of the machine costs at most a torn tail, trimmed on the next
 * open. `flush()` writes what is pending before it returns, so a caller that must have
 * the bytes written before a synchronous write of its own (a socket) can call it first.
 *
 * @example
 * const log = openFileEventLog(join(sessionDir, "events"));
 * log.append({ id: 1, type: "agent_start", data: '{"type":"agent_start"}' });
 * const page = await log.readAfter(0, 100);
 */
export function openFileEventLog(dir: string, options: FileEventLogOptions = {}): FileEventLog {
  return new SegmentFileLog(dir, options);
}

/** Deletes a log's directory and everything in it (the log should be closed first). */
export async function removeFileEventLog(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The largest batch buffer a log keeps for reuse: 1 MiB. */
const maxScratchBytes = 1024 * 1024;

class SegmentFileLog implements FileEventLog {
  readonly #dir: string;
  readonly #retention: Required<EventLogRetention>;
  readonly #segmentBytes: number;
  readonly #markEvery: number;
  readonly #now: () => number;
  readonly #onClose: (() => void) | undefined;
  #segments: Segment[] = [];
  #fd: number | undefined;
  #pending: StoredRecord[] = [];
  #scratch: Buffer = Buffer.alloc(0);
  #scheduled = false;
  #lastId = 0;
  #error: unknown;
  #closed = false;

  constructor(dir: string, options: FileEventLogOptions) {
    this.#dir = dir;
    this.#retention = resolveRetention(options.retention);
    this.#segmentBytes = resolveSegmentBytes(options.segmentBytes);
    this.#markEvery = Math.max(1, Math.min(64 * 1024, Math.floor(this.#segmentBytes / 16)));
    this.#now = options.now ?? Date.now;
    this.#onClose = options.onClose;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const recovered = recoverSegmentsSync(dir, this.#markEvery);
    this.#segments = recovered.segments;
    this.#lastId = recovered.lastId;
    this.prune();
  }

  get lastId(): number {
    return this.#lastId;
  }

  get oldestId(): number | undefined {
    return this.#segments[0]?.firstId ?? this.#pending[0]?.id;
  }

  append(event: LoggedEvent): void {
    if (this.#closed) throw new Error(`event log ${this.#dir} is closed`);
    if (this.#error !== undefined) throw this.#error;
    checkAppend(event, this.#lastId);
    const at = Math.max(0, Math.floor(this.#now()));
    this.#pending.push({ id: event.id, type: event.type, data: event.data, at });
    this.#lastId = event.id;
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#writePending());
  }

  async readAfter(afterId: number, limit: number): Promise<LogPage> {
    checkAfterId(afterId);
    return this.#withRetry((snapshot) => readPage(snapshot, afterId, limit));
  }

  async tail(count: number): Promise<LoggedEvent[]> {
    if (!(count > 0)) return [];
    return this.#withRetry((snapshot) => readTail(snapshot, count));
  }

  async flush(): Promise<void> {
    this.#writePending();
    if (this.#error !== undefined) throw this.#error;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      this.#closeFd();
      this.#onClose?.();
    }
  }

  prune(): number {
    const segments = this.#segments;
    const expired = expiredSegmentCount(
      segments.map((segment) => segment.size),
      (index) => this.#newestAt(segments[index] as Segment),
      this.#retention,
      this.#now(),
    );
    for (const segment of segments.splice(0, expired)) {
      try {
        rmSync(segment.path, { force: true });
      } catch {
        // Left on disk, it is found and removed again on the next open.
      }
    }
    return expired;
  }

  get #active(): Segment | undefined {
    return this.#segments.at(-1);
  }

  /** Runs a read, again from a fresh snapshot if retention removed one of its segments. */
  async #withRetry<T>(read: (snapshot: LogSnapshot) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read(this.#snapshot());
      } catch (error) {
        const vanished = (error as NodeJS.ErrnoException).code === "ENOENT";
        if (!vanished || attempt >= readAttempts) throw error;
      }
    }
  }

  #snapshot(): LogSnapshot {
    return {
      segments: this.#segments.map((segment) => ({ segment, size: segment.size })),
      pending: this.#pending.slice(),
      oldestId: this.oldestId,
      lastId: this.#lastId,
    };
  }

  /** Writes everything pending, one write per segment touched, rolling segments as they fill. */
  #writePending(): void {
    this.#scheduled = false;
    const records = this.#pending;
    if (records.length === 0 || this.#error !== undefined) return;
    this.#pending = [];
    let rolled = false;
    try {
      let segment = this.#active;
      let batch: StoredRecord[] = [];
      let batchBytes = 0;
      for (const record of records) {
        const bytes = encodedRecordBytes(record);
        const used = (segment?.size ?? 0) + batchBytes;
        if (!segment || (used > 0 && used + bytes > this.#segmentBytes)) {
          if (segment) this.#write(segment, batch, batchBytes);
          rolled ||= segment !== undefined;
          segment = this.#startSegment(record.id);
          batch = [];
          batchBytes = 0;
        }
        batch.push(record);
        batchBytes += bytes;
      }
      if (segment) this.#write(segment, batch, batchBytes);
    } catch (error) {
      this.#error = error;
    }
    if (rolled) this.prune();
  }

  /** Appends `records` (`bytes` long once encoded) to the active `segment` in one write. */
  #write(segment: Segment, records: StoredRecord[], bytes: number): void {
    if (records.length === 0) return;
    const buffer = this.#scratchFor(bytes);
    const marks: SegmentMark[] = [];
    let lastMark = segment.marks.at(-1)?.offset;
    let newestAt = segment.newestAt ?? 0;
    let length = 0;
    for (const record of records) {
      const offset = segment.size + length;
      if (lastMark === undefined || offset - lastMark >= this.#markEvery) {
        marks.push({ id: record.id, offset });
        lastMark = offset;
      }
      length = writeRecord(buffer, length, record);
      newestAt = Math.max(newestAt, record.at);
    }
    this.#fd ??= openSync(segment.path, "a", 0o600);
    for (let written = 0; written < length; ) {
      written += writeSync(this.#fd, buffer, written, length - written);
    }
    segment.size += length;
    segment.firstId ??= records[0]?.id;
    segment.newestAt = newestAt;
    segment.marks.push(...marks);
  }

  /**
   * A buffer of at least `bytes` to encode a batch into, reused from batch to batch (the
   * write copies it out), so a streamed reply does not allocate a buffer per batch.
   */
  #scratchFor(bytes: number): Buffer {
    if (bytes > maxScratchBytes) return Buffer.allocUnsafe(bytes);
    if (this.#scratch.length < bytes) {
      this.#scratch = Buffer.allocUnsafe(
        Math.min(maxScratchBytes, Math.max(bytes, this.#scratch.length * 2)),
      );
    }
    return this.#scratch;
  }

  #startSegment(firstId: number): Segment {
    this.#closeFd();
    const path = join(this.#dir, segmentFileName(firstId));
    this.#fd = openSync(path, "a", 0o600);
    const segment = {
      path,
      baseId: firstId,
      firstId: undefined,
      size: 0,
      newestAt: undefined,
      marks: [],
    };
    this.#segments.push(segment);
    return segment;
  }

  #closeFd(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    closeSync(fd);
  }

  /** A segment's newest timestamp; one that cannot be read counts as new, so it stays. */
  #newestAt(segment: Segment): number {
    segment.newestAt ??= segmentNewestAtSync(segment.path, segment.size);
    return segment.newestAt ?? this.#now();
  }
}
