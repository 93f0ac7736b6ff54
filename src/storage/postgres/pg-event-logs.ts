import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import {
  checkAfterId,
  checkAppend,
  type EventLogRetention,
  type LoggedEvent,
  type LogPage,
  resolveRetention,
} from "../event-log.js";
import { encodedRecordBytes } from "../event-log-format.js";
import type { EventLogStore } from "../event-log-store.js";
import type { Database } from "./database.js";
import { PostgresEventLog } from "./pg-event-log.js";
import {
  applyRetentionRows,
  deleteLog,
  eventLogChannel,
  insertRows,
  lastOfTypes,
  logsToTrim,
  notifyAppended,
  readHead,
  readRows,
  readTailRows,
  reserveIds,
} from "./pg-event-log-sql.js";

export interface PostgresEventLogsOptions {
  /** How much of each log is kept (oldest rows removed first). Default 64 MiB and 7 days. */
  retention?: EventLogRetention;
  /**
   * The workspace root: a key inside it (a log directory) is stored relative to it, so
   * every node names a log alike wherever it mounts the shared volume. Default: keys as given.
   */
  workspaceDir?: string | undefined;
  /** Clock of the events' timestamps (age retention), for tests. Default `Date.now`. */
  now?: () => number;
}

/** Called when a log was written (`lastId`), or with undefined when notices may have been lost. */
export type LogWatcher = (lastId: number | undefined) => void;

/**
 * The event logs of a cluster in its PostgreSQL database: an {@link EventLogStore} whose
 * logs any node can read and follow, and logs several nodes append to at once.
 */
export interface SharedEventLogs extends EventLogStore {
  /** Reads of the log `key` as written, straight from the database. */
  read(key: string, afterId: number, limit: number): Promise<LogPage>;
  /** The newest event id of the log `key` at or below `atOrBelow` of one of `types`. */
  lastOfTypes(
    key: string,
    types: readonly string[],
    atOrBelow: number,
  ): Promise<number | undefined>;
  /** The newest `count` events of the log `key` as written, ascending. */
  tail(key: string, count: number): Promise<LoggedEvent[]>;
  /**
   * Appends events whose ids the database assigns, in one transaction: writers on every
   * node take turns on the log's head row, so no two pick one id. Returns them with ids.
   */
  appendShared(key: string, events: readonly Omit<LoggedEvent, "id">[]): Promise<LoggedEvent[]>;
  /**
   * Calls `watcher` for each write of the log `key` by any node, and with undefined after
   * the listening connection came back (notices sent meanwhile are lost: read again).
   * Resolves once listening; the returned function stops it.
   */
  watch(key: string, watcher: LogWatcher): Promise<() => void>;
}

/** Keys up to this many bytes are announced as they are; longer ones as their hash. */
const maxNotifiedKeyBytes = 200;

/**
 * Event logs as rows of PostgreSQL (`event_logs`, `event_log_events`). A session's log
 * is keyed by its directory relative to the workspace (`.pi-global/sessions/<project>/
 * <session>.events`), the task stream's by `.pi-global/tasks/events`. Each write is
 * announced on channel `event_logs` with payload `<key> <lastId>`, the key replaced by
 * `#<sha256 hex>` beyond 200 bytes.
 *
 * @example
 * const logs = postgresEventLogs(cluster.database, { workspaceDir, retention });
 * const log = await logs.open(join(workspaceDir, ".pi-global/tasks/events"));
 */
export function postgresEventLogs(
  database: Database,
  options: PostgresEventLogsOptions = {},
): SharedEventLogs {
  const retention = resolveRetention(options.retention);
  const now = options.now ?? Date.now;
  const root = options.workspaceDir;
  const storedKey = (key: string) => {
    const inside = root === undefined ? undefined : relative(root, key);
    const contained = inside && !inside.startsWith("..") && !isAbsolute(inside);
    return contained ? inside.split(sep).join("/") : key;
  };
  const watchers = new Watchers(database);
  // Retention on its own: the head row is locked first, as a writer locks it, so trimming
  // alongside another node's writer cannot deadlock.
  const trim = (key: string) =>
    database.transaction(async (client) => {
      await client.query("SELECT 1 FROM event_logs WHERE key = $1 FOR UPDATE", [key]);
      await applyRetentionRows(client, key, retention, now());
    });
  return {
    async open(key) {
      const stored = storedKey(key);
      const head = await readHead(database, stored);
      if (head) await trim(stored);
      const place = { database, key: stored, notifyKey: notifyKey(stored), retention, now };
      return new PostgresEventLog(place, head && (await readHead(database, stored)));
    },
    lastId: async (key) => (await readHead(database, storedKey(key)))?.lastId ?? 0,
    remove: (key) => deleteLog(database, storedKey(key)),
    async sweep(under) {
      const keys = await logsToTrim(database, storedKey(under), retention, now());
      for (const key of keys) await trim(key);
      return keys.length;
    },
    read(key, afterId, limit) {
      checkAfterId(afterId);
      return readRows(database, storedKey(key), afterId, limit);
    },
    lastOfTypes: (key, types, atOrBelow) => lastOfTypes(database, storedKey(key), types, atOrBelow),
    tail: async (key, count) => (count > 0 ? readTailRows(database, storedKey(key), count) : []),
    async appendShared(key, events) {
      if (events.length === 0) return [];
      for (const event of events) checkAppend({ ...event, id: 1 }, 0);
      const stored = storedKey(key);
      const at = Math.max(0, Math.floor(now()));
      const sized = events.map((event) => {
        const record = { id: 0, type: event.type, data: event.data, at };
        return { ...record, bytes: encodedRecordBytes(record) };
      });
      const bytes = sized.reduce((sum, record) => sum + record.bytes, 0);
      return database.transaction(async (client) => {
        const first = await reserveIds(client, stored, sized.length, bytes);
        const records = sized.map((record, index) => ({ ...record, id: first + index }));
        await insertRows(client, stored, records);
        await applyRetentionRows(client, stored, retention, now());
        await notifyAppended(client, notifyKey(stored), first + records.length - 1);
        return records.map(({ id, type, data }) => ({ id, type, data }));
      });
    },
    watch: (key, watcher) => watchers.add(notifyKey(storedKey(key)), watcher),
  };
}

/** The form of a stored key carried by notifications: itself, or its hash when long. */
function notifyKey(stored: string): string {
  if (Buffer.byteLength(stored) <= maxNotifiedKeyBytes) return stored;
  return `#${createHash("sha256").update(stored).digest("hex")}`;
}

/** The watchers of every log, behind one `LISTEN` of the database's listening connection. */
class Watchers {
  readonly #database: Database;
  readonly #byKey = new Map<string, Set<LogWatcher>>();
  #listening: Promise<unknown> | undefined;
  #stopReconnects: (() => void) | undefined;

  constructor(database: Database) {
    this.#database = database;
  }

  async add(key: string, watcher: LogWatcher): Promise<() => void> {
    let set = this.#byKey.get(key);
    if (!set) {
      set = new Set();
      this.#byKey.set(key, set);
    }
    set.add(watcher);
    this.#listening ??= this.#listen();
    try {
      await this.#listening;
    } catch (error) {
      set.delete(watcher);
      this.#listening = undefined; // the next watcher tries again
      throw error;
    }
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.#byKey.get(key) === set) this.#byKey.delete(key);
    };
  }

  #listen(): Promise<unknown> {
    this.#stopReconnects?.();
    this.#stopReconnects = this.#database.onReconnect(() => {
      for (const set of this.#byKey.values()) for (const watcher of set) watcher(undefined);
    });
    return this.#database.listen(eventLogChannel, (payload) => {
      const space = payload.lastIndexOf(" ");
      const lastId = Number(payload.slice(space + 1));
      if (space < 0 || !Number.isSafeInteger(lastId)) return;
      for (const watcher of this.#byKey.get(payload.slice(0, space)) ?? []) watcher(lastId);
    });
  }
}
