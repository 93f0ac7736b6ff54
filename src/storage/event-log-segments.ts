import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import {
  decodeRecord,
  locateRecord,
  type StoredRecord,
  segmentFirstId,
} from "./event-log-format.js";

/** A record's id and where it starts in its segment: an entry point for reads. */
export interface SegmentMark {
  id: number;
  offset: number;
}

/** One segment file of a log, as the log keeps track of it. */
export interface Segment {
  path: string;
  /** The id in the file name: no record of the segment is below it. */
  baseId: number;
  /** The first id written, undefined while the segment is empty. */
  firstId: number | undefined;
  /** Bytes of whole records written. */
  size: number;
  /** The newest timestamp, read from the last record when first needed. */
  newestAt: number | undefined;
  /** Entry points, ascending; for segments recovered or written since the log opened. */
  marks: SegmentMark[];
}

/** What a full scan of a segment found. */
export interface SegmentScan {
  /** Bytes of whole, valid records from the start; the rest is torn or garbled. */
  validBytes: number;
  firstId: number | undefined;
  lastId: number | undefined;
  /** The newest timestamp of the valid records. */
  newestAt: number | undefined;
  /** A record at least every `markEvery` bytes, the first one included. */
  marks: SegmentMark[];
}

/**
 * Reads a whole segment and finds where its valid records end: at the first record that
 * is torn, fails its CRC, or does not carry an id above the previous one (and at least
 * `minId`, the id the segment is named by).
 */
export function scanSegmentSync(path: string, minId: number, markEvery: number): SegmentScan {
  const bytes = readFileSync(path);
  const scan: SegmentScan = {
    validBytes: 0,
    firstId: undefined,
    lastId: undefined,
    newestAt: undefined,
    marks: [],
  };
  let offset = 0;
  while (offset < bytes.length) {
    const span = locateRecord(bytes, offset, bytes.length);
    if (!span || span.id < (scan.lastId === undefined ? minId : scan.lastId + 1)) break;
    const lastMark = scan.marks.at(-1);
    if (!lastMark || offset - lastMark.offset >= markEvery)
      scan.marks.push({ id: span.id, offset });
    scan.firstId ??= span.id;
    scan.lastId = span.id;
    scan.newestAt = Math.max(scan.newestAt ?? 0, span.at);
    offset = span.end;
  }
  scan.validBytes = offset;
  return scan;
}

/** The last record of a segment of `size` bytes, or undefined if it is unreadable. */
export function readLastRecordSync(path: string, size: number): StoredRecord | undefined {
  if (size === 0) return undefined;
  const fd = openSync(path, "r");
  try {
    for (let window = Math.min(size, 4096); ; window = Math.min(size, window * 4)) {
      const bytes = Buffer.allocUnsafe(window);
      const read = readSync(fd, bytes, 0, window, size - window);
      if (read < window) return undefined;
      const start = bytes.lastIndexOf(0x0a, window - 2) + 1;
      if (start > 0 || window === size) {
        const span = locateRecord(bytes, start, window);
        return span && span.end === window ? decodeRecord(bytes, span) : undefined;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A closed segment's newest timestamp (its last record's, else the file's mtime), or
 * undefined when the file cannot be read: the caller then counts it as new, so it stays.
 */
export function segmentNewestAtSync(path: string, size: number): number | undefined {
  try {
    return readLastRecordSync(path, size)?.at ?? statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

const chunkBytes = 1024 * 1024;

/**
 * Hands the records of bytes `[from, to)` of a segment to `visit`, in order, until it
 * returns false. `from` must be the start of a record. Unreadable records are skipped
 * (only outside damage makes them: appends go to the newest segment, which is trimmed
 * on open); a torn record at `to` is ignored.
 */
export async function readRecords(
  path: string,
  from: number,
  to: number,
  visit: (record: StoredRecord) => boolean,
): Promise<void> {
  const handle = await open(path, "r");
  try {
    let carry: Buffer | undefined;
    let position = from;
    while (position < to) {
      const length = Math.min(chunkBytes, to - position);
      const carried = carry?.length ?? 0;
      const buffer = Buffer.allocUnsafe(carried + length);
      carry?.copy(buffer, 0);
      const { bytesRead } = await handle.read(buffer, carried, length, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      const bytes = buffer.subarray(0, carried + bytesRead);
      let offset = 0;
      while (offset < bytes.length) {
        const span = locateRecord(bytes, offset, bytes.length);
        if (span) {
          if (!visit(decodeRecord(bytes, span))) return;
          offset = span.end;
          continue;
        }
        const lineEnd = bytes.indexOf(0x0a, offset);
        if (lineEnd < 0) break;
        offset = lineEnd + 1;
      }
      carry = offset < bytes.length ? bytes.subarray(offset) : undefined;
    }
  } finally {
    await handle.close();
  }
}

/** The segment files of the log in `dir`, oldest first, with the id each is named by and its size. */
export function listSegmentFilesSync(
  dir: string,
): Array<{ path: string; baseId: number; size: number }> {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .flatMap(({ name }) => {
      const baseId = segmentFirstId(name);
      if (baseId === undefined) return [];
      const path = join(dir, name);
      return [{ path, baseId, size: statSync(path).size }];
    })
    .sort((a, b) => a.baseId - b.baseId);
}

/**
 * Lists the segments of `dir`, oldest first, and trims the newest back to its last whole
 * record. A newest segment left empty is removed and the one before it recovered in
 * turn, unless it is the only one: then it stays, and its name keeps `lastId` from going
 * below it. Empty older segments (which no write of the log leaves) are removed.
 */
export function recoverSegmentsSync(
  dir: string,
  markEvery: number,
): { segments: Segment[]; lastId: number } {
  const listed: Segment[] = listSegmentFilesSync(dir).map(({ path, baseId, size }) => ({
    path,
    baseId,
    firstId: baseId,
    size,
    newestAt: undefined,
    marks: [],
  }));
  const newestListed = listed.pop();
  for (const empty of listed.filter((segment) => segment.size === 0)) {
    rmSync(empty.path, { force: true });
  }
  const segments = listed.filter((segment) => segment.size > 0);
  if (newestListed) segments.push(newestListed);
  for (let newest = segments.at(-1); newest; newest = segments.at(-1)) {
    const scan = scanSegmentSync(newest.path, newest.baseId, markEvery);
    if (scan.validBytes < newest.size) truncateSync(newest.path, scan.validBytes);
    newest.size = scan.validBytes;
    newest.firstId = scan.firstId;
    newest.newestAt = scan.newestAt;
    newest.marks = scan.marks;
    if (scan.lastId !== undefined) return { segments, lastId: scan.lastId };
    if (segments.length === 1) return { segments, lastId: newest.baseId - 1 };
    rmSync(newest.path, { force: true });
    segments.pop();
  }
  return { segments, lastId: 0 };
}

function truncateSync(path: string, length: number): void {
  const fd = openSync(path, "r+");
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
