import type { ClusterNode } from "../cluster/index.js";
import type { Logger } from "../logging/logger.js";
import type { IdempotencyKeys } from "./idempotency-keys.js";
import { IdempotencyStore } from "./idempotency-store.js";
import { PgIdempotencyStore } from "./pg-idempotency-store.js";

export interface IdempotencyKeysOptions {
  /** `.pi-global/idempotency.jsonl`, used without a cluster. */
  file: string;
  /** This node of a cluster; when given, keys live in its database. */
  cluster?: ClusterNode | undefined;
  /** How long a stored response is replayed. Default 24 h. */
  ttlMs?: number | undefined;
  logger?: Logger | undefined;
  now?: () => number;
}

/** Opens the idempotency keys: in the cluster's database when there is one, else in `file`. */
export async function openIdempotencyKeys(
  options: IdempotencyKeysOptions,
): Promise<IdempotencyKeys> {
  const settings = {
    ttlMs: options.ttlMs,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
  };
  if (options.cluster) return new PgIdempotencyStore(options.cluster, settings);
  return IdempotencyStore.open(options.file, settings);
}
