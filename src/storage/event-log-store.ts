import { readdir, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { type EventLog, type EventLogRetention, resolveRetention } from "./event-log.js";
import { segmentFirstId } from "./event-log-format.js";
import { readLastRecordSync } from "./event-log-segments.js";
import { type FileEventLog, openFileEventLog, removeFileEventLog } from "./file-event-log.js";
import { sweepFileLogs } from "./file-log-sweep.js";
import { MemoryEventLog } from "./memory-event-log.js";

/**
 * Where the event logs of a server live, each named by a key (for files, its directory).
 * The one seam a shared database store implements too.
 */
export interface EventLogStore {
  /** Opens (creating when new) the log named `key`; recovery runs here. */
  open(key: string): Promise<EventLog>;
  /** The newest id in the log named `key` without opening it (0 when there is none). */
  lastId(key: string): Promise<number>;
  /** Deletes the log named `key` (its stream was deleted). */
  remove(key: string): Promise<void>;
  /**
   * Applies retention now to every log whose key lies under the directory `under`, open
   * or not: otherwise a log nobody writes to keeps its expired events until it next
   * opens. Resolves to how many logs lost events.
   */
  sweep(under: string): Promise<number>;
}

/** How logs of a store cut their segments and stamp their events, for tests. */
export interface EventLogTuning {
  /** Default 4 MiB. */
  segmentBytes?: number;
  /** Default `Date.now`. */
  now?: () => number;
}

/** Logs as segment files, one directory per log. */
export function fileEventLogs(
  retention: EventLogRetention = {},
  tuning: EventLogTuning = {},
): EventLogStore {
  const open = new Map<string, FileEventLog>();
  return {
    async open(dir) {
      const key = resolve(dir);
      const log = openFileEventLog(dir, {
        ...tuning,
        retention,
        onClose: () => {
          if (open.get(key) === log) open.delete(key);
        },
      });
      open.set(key, log);
      return log;
    },
    lastId: (dir) => newestFileId(dir),
    remove: (dir) => removeFileEventLog(dir),
    sweep: (under) =>
      sweepFileLogs(under, {
        retention: resolveRetention(retention),
        now: tuning.now ?? Date.now,
        pruneOpen: (dir) => open.get(dir)?.prune(),
      }),
  };
}

/** Logs in memory that outlive their `close` (a reopen sees the events), for tests. */
export function memoryEventLogs(
  retention: EventLogRetention = {},
  tuning: EventLogTuning = {},
): EventLogStore {
  const logs = new Map<string, MemoryEventLog>();
  return {
    async open(key) {
      let log = logs.get(key);
      if (!log) {
        log = new MemoryEventLog({ ...tuning, retention });
        logs.set(key, log);
      }
      return keptOpen(log);
    },
    lastId: async (key) => logs.get(key)?.lastId ?? 0,
    async remove(key) {
      logs.delete(key);
    },
    async sweep(under) {
      let trimmed = 0;
      for (const [key, log] of logs) {
        if (isUnder(key, under) && log.prune() > 0) trimmed += 1;
      }
      return trimmed;
    },
  };
}

/** Whether the path `key` is the directory `dir` or lies inside it. */
function isUnder(key: string, dir: string): boolean {
  const path = resolve(key);
  const root = resolve(dir);
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** `log` behind a `close` that leaves it open, so the store can hand it out again. */
function keptOpen(log: EventLog): EventLog {
  return {
    get lastId() {
      return log.lastId;
    },
    get oldestId() {
      return log.oldestId;
    },
    append: (event) => log.append(event),
    readAfter: (afterId, limit) => log.readAfter(afterId, limit),
    tail: (count) => log.tail(count),
    flush: () => log.flush(),
    close: () => log.flush(),
  };
}

async function newestFileId(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const segments = names
    .map((name) => ({ name, first: segmentFirstId(name) }))
    .filter((entry): entry is { name: string; first: number } => entry.first !== undefined)
    .sort((a, b) => b.first - a.first);
  for (const { name, first } of segments) {
    const path = join(dir, name);
    const record = readLastRecordSync(path, (await stat(path)).size);
    if (record) return record.id;
    if (first > 1) return first - 1;
  }
  return 0;
}
