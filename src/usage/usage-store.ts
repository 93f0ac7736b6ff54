import type { Logger } from "../logging/logger.js";
import { loadUsageLog, UsageLogWriter } from "./usage-log.js";
import type { UsageRecord } from "./usage-records.js";

/**
 * Where a usage recorder keeps its records: the monthly log files of one server, or the
 * table every node of a cluster appends to. The recorder holds the records it aggregates
 * in memory; the store hands it every stored record on open and, when other writers share
 * it, theirs as they arrive.
 */
export interface UsageStore {
  /**
   * Hands every stored record to `onRecord`, oldest first, then keeps handing it the
   * records other writers store (never the ones appended through this store).
   */
  open(onRecord: (record: UsageRecord) => void): Promise<void>;
  /** Queues a record for storing; never throws (telemetry must not stop a run). */
  append(record: UsageRecord): void;
  /** Resolves once every record appended so far is stored (or its failure logged). */
  flush(): Promise<void>;
  /** Resolves once the records other writers stored so far were handed over. */
  sync(): Promise<void>;
  /** Flushes, then stops handing over records. */
  close(): Promise<void>;
}

/** The records in the monthly segments of `dir`; the only writer of them. */
export function fileUsageStore(dir: string, logger: Logger): UsageStore {
  const writer = new UsageLogWriter({ dir, logger });
  return {
    async open(onRecord) {
      const { skipped } = await loadUsageLog(dir, onRecord);
      if (skipped > 0) logger.warn("usage log: skipped unreadable lines", { dir, skipped });
    },
    append: (record) => writer.append(record),
    flush: () => writer.flush(),
    sync: () => Promise.resolve(),
    close: () => writer.close(),
  };
}

/** Records kept by the recorder alone, gone with the process. */
export function memoryUsageStore(): UsageStore {
  const done = () => Promise.resolve();
  return { open: done, append: () => undefined, flush: done, sync: done, close: done };
}
