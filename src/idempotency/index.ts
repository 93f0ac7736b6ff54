export { parseIdempotencyKey, requestFingerprint } from "./idempotency-key.js";
export { enforceIdempotency, isStoredStatus } from "./idempotency-middleware.js";
export {
  type Claim,
  defaultIdempotencyTtlMs,
  IdempotencyStore,
  type IdempotencyStoreOptions,
  type StoredResponse,
} from "./idempotency-store.js";
