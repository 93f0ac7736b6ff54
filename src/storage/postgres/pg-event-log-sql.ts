import type { EventLogRetention, LoggedEvent, LogPage } from "../event-log.js";
import type { StoredRecord } from "../event-log-format.js";
import type { Queryable } from "./database.js";

/** The channel every write to an event log is announced on, as `<notify key> <last id>`. */
export const eventLogChannel = "event_logs";

/** A record with its size as the file log would store it (what retention counts). */
export interface SizedRecord extends StoredRecord {
  bytes: number;
}

/** A log's newest id (kept after retention removes its events) and its oldest kept id. */
export interface LogHead {
  lastId: number;
  oldestId: number | undefined;
}

interface EventRow {
  id: string | null;
  type: string | null;
  data: string | null;
  last_id: string;
  oldest_id: string | null;
}

/** The head of the log `key`, or undefined when it has never been written. */
export async function readHead(db: Queryable, key: string): Promise<LogHead | undefined> {
  const { rows } = await db.query<{ last_id: string; oldest_id: string | null }>(
    `SELECT last_id, (SELECT min(id) FROM event_log_events WHERE key = $1) AS oldest_id
       FROM event_logs WHERE key = $1`,
    [key],
  );
  const row = rows[0];
  return row ? { lastId: Number(row.last_id), oldestId: optionalNumber(row.oldest_id) } : undefined;
}

/** Up to `limit` events after `afterId` and the log's bounds, read in one statement. */
export async function readRows(
  db: Queryable,
  key: string,
  afterId: number,
  limit: number,
): Promise<LogPage> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.id, e.type, e.data, h.last_id,
            (SELECT min(id) FROM event_log_events WHERE key = $1) AS oldest_id
       FROM event_logs h
       LEFT JOIN LATERAL (
         SELECT id, type, data FROM event_log_events
          WHERE key = $1 AND id > $2 ORDER BY id LIMIT $3
       ) e ON true
      WHERE h.key = $1
      ORDER BY e.id`,
    [key, Math.floor(afterId), Math.max(0, Math.floor(limit))],
  );
  const first = rows[0];
  if (!first) return { events: [], oldestId: undefined, lastId: 0 };
  return {
    events: rows.filter((row) => row.id !== null).map(toEvent),
    oldestId: optionalNumber(first.oldest_id),
    lastId: Number(first.last_id),
  };
}

/** The newest `count` events of the log `key`, ascending. */
export async function readTailRows(
  db: Queryable,
  key: string,
  count: number,
): Promise<LoggedEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT id, type, data FROM (
       SELECT id, type, data FROM event_log_events WHERE key = $1 ORDER BY id DESC LIMIT $2
     ) newest ORDER BY id`,
    [key, Math.floor(count)],
  );
  return rows.map(toEvent);
}

/** The id of the newest event of `key` at or below `atOrBelow` whose type is one of `types`. */
export async function lastOfTypes(
  db: Queryable,
  key: string,
  types: readonly string[],
  atOrBelow: number,
): Promise<number | undefined> {
  const { rows } = await db.query<{ id: string | null }>(
    "SELECT max(id) AS id FROM event_log_events WHERE key = $1 AND id <= $2 AND type = ANY($3)",
    [key, Math.floor(atOrBelow), [...types]],
  );
  return optionalNumber(rows[0]?.id ?? null);
}

/**
 * Moves the head of `key` to `lastId` for `records` written by their single writer;
 * false when the head is already at or past their first id (another writer wrote them).
 */
export async function advanceHead(
  db: Queryable,
  key: string,
  records: readonly SizedRecord[],
): Promise<boolean> {
  const first = records[0] as SizedRecord;
  const last = records.at(-1) as SizedRecord;
  const { rowCount } = await db.query(
    `INSERT INTO event_logs AS h (key, last_id, bytes) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET last_id = EXCLUDED.last_id, bytes = h.bytes + EXCLUDED.bytes
     WHERE h.last_id < $4`,
    [key, last.id, totalBytes(records), first.id],
  );
  return rowCount === 1;
}

/**
 * Reserves `count` ids of the log `key` for events of `bytes` bytes and returns the
 * first; the head row's lock serialises writers on every node until the transaction ends.
 */
export async function reserveIds(
  db: Queryable,
  key: string,
  count: number,
  bytes: number,
): Promise<number> {
  const { rows } = await db.query<{ last_id: string }>(
    `INSERT INTO event_logs AS h (key, last_id, bytes) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET last_id = h.last_id + $2, bytes = h.bytes + EXCLUDED.bytes
     RETURNING last_id`,
    [key, count, bytes],
  );
  return Number((rows[0] as { last_id: string }).last_id) - count + 1;
}

/** Inserts `records` into the log `key` in one statement. */
export async function insertRows(
  db: Queryable,
  key: string,
  records: readonly SizedRecord[],
): Promise<void> {
  await db.query(
    `INSERT INTO event_log_events (key, id, type, data, at, bytes)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::integer[])`,
    [
      key,
      records.map((record) => record.id),
      records.map((record) => record.type),
      records.map((record) => record.data),
      records.map((record) => record.at),
      records.map((record) => record.bytes),
    ],
  );
}

/**
 * Removes the oldest events of `key` beyond `maxBytes` (down to seven eighths of it, so
 * a full log is trimmed once per eighth written, not on every write) and those older
 * than `maxAgeMs`; the newest event always stays. Returns the oldest id kept.
 */
export async function applyRetentionRows(
  db: Queryable,
  key: string,
  retention: Required<EventLogRetention>,
  now: number,
): Promise<number | undefined> {
  await db.query(
    `WITH head AS (SELECT last_id, bytes FROM event_logs WHERE key = $1),
     oldest AS (SELECT at FROM event_log_events WHERE key = $1 ORDER BY id LIMIT 1),
     ranked AS (
       SELECT id, sum(bytes) OVER (ORDER BY id DESC) AS newer_bytes FROM event_log_events
        WHERE key = $1 AND ((SELECT bytes FROM head) > $2 OR (SELECT at FROM oldest) < $4)
     ),
     removed AS (
       DELETE FROM event_log_events e USING ranked r
        WHERE e.key = $1 AND e.id = r.id AND e.id < (SELECT last_id FROM head)
          AND (((SELECT bytes FROM head) > $2 AND r.newer_bytes > $3) OR e.at < $4)
        RETURNING e.bytes
     )
     UPDATE event_logs SET bytes = bytes - (SELECT coalesce(sum(bytes), 0) FROM removed)
      WHERE key = $1`,
    [key, retention.maxBytes, Math.floor((retention.maxBytes * 7) / 8), now - retention.maxAgeMs],
  );
  return (await readHead(db, key))?.oldestId;
}

/**
 * The logs at `under` or below it (keys are `/`-separated) whose retention would remove
 * events: their oldest event, never the newest, is older than `maxAgeMs`, or they keep
 * more than `maxBytes`. Reads each log's oldest row only.
 */
export async function logsToTrim(
  db: Queryable,
  under: string,
  retention: Required<EventLogRetention>,
  now: number,
): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT h.key FROM event_logs h
      CROSS JOIN LATERAL (
        SELECT e.id, e.at FROM event_log_events e WHERE e.key = h.key ORDER BY e.id LIMIT 1
      ) oldest
      WHERE (h.key = $1 OR left(h.key, length($1) + 1) = $1 || '/')
        AND oldest.id < h.last_id AND (oldest.at < $2 OR h.bytes > $3)
      ORDER BY h.key`,
    [under, now - retention.maxAgeMs, retention.maxBytes],
  );
  return rows.map((row) => row.key);
}

/** Announces that the log named by `notifyKey` now reaches `lastId` (delivered when the transaction commits). */
export async function notifyAppended(
  db: Queryable,
  notifyKey: string,
  lastId: number,
): Promise<void> {
  await db.query("SELECT pg_notify($1, $2)", [eventLogChannel, `${notifyKey} ${lastId}`]);
}

/** Deletes the log `key` and its events. */
export async function deleteLog(db: Queryable, key: string): Promise<void> {
  await db.query("DELETE FROM event_logs WHERE key = $1", [key]);
}

function totalBytes(records: readonly SizedRecord[]): number {
  return records.reduce((sum, record) => sum + record.bytes, 0);
}

function toEvent(row: Pick<EventRow, "id" | "type" | "data">): LoggedEvent {
  return { id: Number(row.id), type: row.type as string, data: row.data as string };
}

function optionalNumber(value: string | null): number | undefined {
  return value === null ? undefined : Number(value);
}
