import type { LoggedEvent, LogPage } from "./event-log.js";
import type { StoredRecord } from "./event-log-format.js";
import { readRecords, type Segment, type SegmentMark } from "./event-log-segments.js";

/**
 * A file log at the moment a read starts: its segments with the bytes they held then,
 * and the records not yet written. A read serves exactly that state, whatever is
 * appended while it runs.
 */
export interface LogSnapshot {
  segments: { segment: Segment; size: number }[];
  pending: StoredRecord[];
  oldestId: number | undefined;
  lastId: number;
}

/**
 * Up to `limit` events after `afterId`: from the segment named at or below `afterId + 1`,
 * starting at its last mark at or below that id, then the pending records.
 */
export async function readPage(
  snapshot: LogSnapshot,
  afterId: number,
  limit: number,
): Promise<LogPage> {
  const events: LoggedEvent[] = [];
  const page = { events, oldestId: snapshot.oldestId, lastId: snapshot.lastId };
  if (!(limit > 0) || afterId >= snapshot.lastId) return page;
  const keep = (record: StoredRecord) => {
    if (record.id > afterId) events.push(toEvent(record));
    return events.length < limit;
  };
  const segments = snapshot.segments;
  for (let i = Math.max(0, lastNamedAtOrBelow(segments, afterId + 1)); i < segments.length; i++) {
    if (events.length >= limit) return page;
    const { segment, size } = segments[i] as LogSnapshot["segments"][number];
    if (size === 0) continue;
    const from = markAtOrBelow(segment.marks, afterId + 1, size)?.offset ?? 0;
    await readRecords(segment.path, from, size, keep);
  }
  for (const record of snapshot.pending) if (events.length < limit) keep(record);
  return page;
}

/**
 * The newest `count` events, ascending: the pending records, then each segment from
 * the newest back, read from mark to mark backwards until enough are found.
 */
export async function readTail(snapshot: LogSnapshot, count: number): Promise<LoggedEvent[]> {
  const parts = [snapshot.pending.slice(-count).map(toEvent)];
  let missing = count - (parts[0]?.length ?? 0);
  for (let i = snapshot.segments.length - 1; i >= 0 && missing > 0; i--) {
    const { segment, size } = snapshot.segments[i] as LogSnapshot["segments"][number];
    const marks = segment.marks.map((mark) => mark.offset);
    const starts = [0, ...marks.filter((offset) => offset > 0 && offset < size)];
    for (let j = starts.length - 1, end = size; j >= 0 && missing > 0; j--) {
      const from = starts[j] as number;
      const region: LoggedEvent[] = [];
      await readRecords(segment.path, from, end, (record) => {
        region.push(toEvent(record));
        return true;
      });
      const taken = region.slice(-missing);
      parts.unshift(taken);
      missing -= taken.length;
      end = from;
    }
  }
  return parts.flat();
}

function toEvent(record: StoredRecord): LoggedEvent {
  return { id: record.id, type: record.type, data: record.data };
}

/** Index of the last segment whose name is at or below `id`, or -1. */
function lastNamedAtOrBelow(segments: LogSnapshot["segments"], id: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((segments[middle] as LogSnapshot["segments"][number]).segment.baseId <= id) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The last mark at or below `id` that lies within the first `size` bytes. */
function markAtOrBelow(marks: SegmentMark[], id: number, size: number): SegmentMark | undefined {
  let found: SegmentMark | undefined;
  for (const mark of marks) {
    if (mark.id > id || mark.offset >= size) break;
    found = mark;
  }
  return found;
}
