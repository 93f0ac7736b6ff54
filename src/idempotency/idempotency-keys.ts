import type { Claim } from "./idempotency-store.js";

/**
 * Where `Idempotency-Key` claims and first responses live: `.pi-global/idempotency.jsonl`
 * (`IdempotencyStore`) or the cluster's database (`PgIdempotencyStore`), so a retry sent
 * to another node sees the first request in flight and then replays its answer.
 */
export interface IdempotencyKeys {
  /** How long a stored response is replayed. */
  readonly ttlMs: number;
  /**
   * Looks `key` up in `scope` for a request whose body has `fingerprint`, and claims it
   * when nobody holds it.
   */
  claim(scope: string, key: string, fingerprint: string): Claim | Promise<Claim>;
  /** Resolves once every finished response so far is stored. */
  flush(): Promise<void>;
  /** Flushes; the store must not be used afterwards. */
  close(): Promise<void>;
}
