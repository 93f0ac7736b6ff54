import type { ClusterNode } from "../cluster/index.js";
import type { Logger } from "../logging/logger.js";
import { PgUsageStore } from "./pg-usage-store.js";
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
 *
 * @example
 * const usage = await UsageRecorder.openStore(usageStoreFor({ cluster, dir, persist: true, logger }));
 */
export function usageStoreFor(options: UsageBackendOptions): UsageStore {
  if (options.cluster) {
    return new PgUsageStore({ database: options.cluster.database, logger: options.logger });
  }
  return options.persist ? fileUsageStore(options.dir, options.logger) : memoryUsageStore();
}
