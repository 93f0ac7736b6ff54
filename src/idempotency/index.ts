export { parseIdempotencyKey, requestFingerprint } from "./idempotency-key.js";
export type { IdempotencyKeys } from "./idempotency-keys.js";
export { enforceIdempotency, isStoredStatus } from "./idempotency-middleware.js";
export {
  type Claim,
  defaultIdempotencyTtlMs,
  IdempotencyStore,
  type IdempotencyStoreOptions,
  type StoredResponse,
} from "./idempotency-store.js";
export { type IdempotencyKeysOptions, openIdempotencyKeys } from "./open-idempotency-keys.js";
export { PgIdempotencyStore, type PgIdempotencyStoreOptions } from "./pg-idempotency-store.js";
