import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ClusterNode } from "../cluster/index.js";
import type { Logger } from "../logging/logger.js";
import type { IdempotencyKeys } from "./idempotency-keys.js";
import { type Claim, defaultIdempotencyTtlMs, type StoredResponse } from "./idempotency-store.js";

export interface PgIdempotencyStoreOptions {
  /** How long a stored response is replayed. Default 24 h. */
  ttlMs?: number | undefined;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  logger?: Logger | undefined;
}

interface KeyRow {
  fingerprint: string;
  completed_at: string | null;
  response: StoredResponse | null;
  /** In flight on a node that stopped or stopped heartbeating: nobody will finish it. */
  abandoned: boolean;
}

/** How often expired keys are deleted, at most. */
const sweepIntervalMs = 60_000;

/**
 * `Idempotency-Key` claims and first responses in the cluster's database
 * (`idempotency_keys`, keyed by scope and key). A claim is a row naming its node; a retry
 * on any node finds it in flight, then replays the stored response. A claim left by a
 * node that died (no heartbeat for a lease time) is taken over, like a file-backed
 * claim forgotten by a restart.
 */
export class PgIdempotencyStore implements IdempotencyKeys {
  readonly ttlMs: number;
  readonly #cluster: ClusterNode;
  readonly #now: () => number;
  readonly #logger: Logger | undefined;
  readonly #pending = new Set<Promise<unknown>>();
  #lastSweep = 0;

  constructor(cluster: ClusterNode, options: PgIdempotencyStoreOptions = {}) {
    this.#cluster = cluster;
    this.ttlMs = options.ttlMs ?? defaultIdempotencyTtlMs;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger;
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    this.#sweep();
    const claimId = randomUUID();
    const found = await this.#cluster.database.transaction((client) =>
      this.#take(client, scope, key, fingerprint, claimId),
    );
    if (found) return found;
    let done = false;
    const ours = [scope, key, claimId];
    return {
      kind: "claimed",
      complete: async (response) => {
        if (done) return;
        done = true;
        await this.#track(
          this.#cluster.database.query(
            `UPDATE idempotency_keys SET completed_at = $4, response = $5
              WHERE scope = $1 AND key = $2 AND claim_id = $3`,
            [...ours, this.#now(), JSON.stringify(response)],
          ),
        );
      },
      release: async () => {
        if (done) return;
        done = true;
        await this.#track(
          this.#cluster.database.query(
            `DELETE FROM idempotency_keys
              WHERE scope = $1 AND key = $2 AND claim_id = $3 AND completed_at IS NULL`,
            ours,
          ),
        );
      },
    };
  }

  async flush(): Promise<void> {
    await Promise.allSettled(this.#pending);
  }

  close(): Promise<void> {
    return this.flush();
  }

  /** Claims the key in `client`'s transaction; answers instead when someone else holds it. */
  async #take(
    client: pg.PoolClient,
    scope: string,
    key: string,
    fingerprint: string,
    claimId: string,
  ): Promise<Exclude<Claim, { kind: "claimed" }> | undefined> {
    const claimed = [scope, key, fingerprint, claimId, this.#cluster.nodeId];
    const inserted = await client.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, claim_id, node_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      claimed,
    );
    if (inserted.rowCount === 1) return undefined;
    const { rows } = await client.query<KeyRow>(
      `SELECT k.fingerprint, k.completed_at, k.response,
              k.completed_at IS NULL AND (n.id IS NULL OR n.stopped_at IS NOT NULL
                OR n.heartbeat_at < now() - $3 * interval '1 millisecond') AS abandoned
         FROM idempotency_keys k LEFT JOIN nodes n ON n.id = k.node_id
        WHERE k.scope = $1 AND k.key = $2 FOR UPDATE OF k`,
      [scope, key, this.#cluster.leaseTtlMs],
    );
    const row = rows[0];
    if (row) {
      const same = row.fingerprint === fingerprint;
      if (row.completed_at !== null && row.response !== null) {
        if (Number(row.completed_at) + this.ttlMs > this.#now()) {
          return same ? { kind: "replay", response: row.response } : { kind: "reused" };
        }
      } else if (!row.abandoned) {
        return same ? { kind: "in-flight" } : { kind: "reused" };
      }
    }
    await client.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, claim_id, node_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE SET fingerprint = $3, claim_id = $4, node_id = $5,
         completed_at = NULL, response = NULL`,
      claimed,
    );
    return undefined;
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work);
    return work.finally(() => this.#pending.delete(work));
  }

  #sweep(): void {
    const now = this.#now();
    if (now - this.#lastSweep < sweepIntervalMs) return;
    this.#lastSweep = now;
    this.#track(
      this.#cluster.database.query("DELETE FROM idempotency_keys WHERE completed_at <= $1", [
        now - this.ttlMs,
      ]),
    ).catch((error: Error) =>
      this.#logger?.warn("idempotency keys: expired keys not deleted", { message: error.message }),
    );
  }
}
