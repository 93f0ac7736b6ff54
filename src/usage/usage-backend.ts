import type { ClusterNode } from "../cluster/index.js";
import type { Logger } from "../logging/logger.js";
import type { SharedLiveRuns } from "./live-runs.js";
import { PgLiveRuns } from "./pg-live-runs.js";
import { PgUsageStore } from "./pg-usage-store.js";
import { UsageRecorder, type UsageRecorderOptions } from "./usage-recorder.js";
import { fileUsageStore, memoryUsageStore, type UsageStore } from "./usage-store.js";

export interface UsageBackendOptions {
  /** A cluster node: records go to its database, shared with every other node. */
  cluster?: ClusterNode | undefined;
  /** The log directory of a single server, `.pi-global/usage/`. */
  dir: string;
  /** False keeps a single server's records in memory only. Ignored on a cluster. */
  persist: boolean;
  logger: Logger;
}

/**
 * The store usage records go to: the cluster's `usage_records` table when this process
 * is a node of one, else the log in `dir` (or memory when not persisted).
 */
export function usageStoreFor(options: UsageBackendOptions): UsageStore {
  if (options.cluster) {
    return new PgUsageStore({ database: options.cluster.database, logger: options.logger });
  }
  return options.persist ? fileUsageStore(options.dir, options.logger) : memoryUsageStore();
}

/** The other nodes' runs in progress (`live_runs`), on a cluster; undefined otherwise. */
export function sharedLiveRunsFor(options: UsageBackendOptions): SharedLiveRuns | undefined {
  const { cluster } = options;
  if (!cluster) return undefined;
  return new PgLiveRuns({
    database: cluster.database,
    nodeId: cluster.nodeId,
    leaseTtlMs: cluster.leaseTtlMs,
    logger: options.logger,
  });
}

/**
 * A usage recorder on this process's backend: on a cluster, the shared records and
 * every node's live runs; else the log in `dir` (or memory).
 *
 * @example
 * const usage = await openUsageRecorder({ cluster, dir: layout.usageDir, persist: true, logger });
 */
export function openUsageRecorder(
  backend: UsageBackendOptions,
  options: Omit<UsageRecorderOptions, "sharedLiveRuns" | "logger"> = {},
): Promise<UsageRecorder> {
  return UsageRecorder.openStore(usageStoreFor(backend), {
    ...options,
    logger: backend.logger,
    sharedLiveRuns: sharedLiveRunsFor(backend),
  });
}
