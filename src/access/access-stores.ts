import type { ApiToken, NewApiToken } from "./api-tokens.js";
import type { AuditQuery, AuditRecord, NewAuditRecord } from "./audit-log.js";

/** A value now (the file backends) or later (the database backends). */
export type Awaitable<T> = T | Promise<T>;

/**
 * The API tokens, kept in `tokens.json` (`ApiTokens`) or in the cluster's database
 * (`PgApiTokens`). Callers await every read: the file backend answers at once.
 */
export interface TokenStore {
  /** Every token, oldest first, without secrets or hashes. */
  list(): Awaitable<ApiToken[]>;
  get(id: string): Awaitable<ApiToken | undefined>;
  /** Whether token `id` exists and has not expired. */
  isValid(id: string): Awaitable<boolean>;
  /** Creates a token; resolves with its secret once it is stored. */
  create(fields: NewApiToken, createdBy: string): Promise<{ token: ApiToken; secret: string }>;
  /** Deletes token `id`; it stops working at once. Returns whether it existed. */
  remove(id: string): Promise<boolean>;
  /** The unexpired token whose secret is `secret`, marking it used. */
  verify(secret: string): Awaitable<ApiToken | undefined>;
  /** Writes pending `lastUsedAt` times (on shutdown). */
  flush(): Promise<void>;
}

/** The audit log, in monthly files (`AuditLog`) or in the cluster's database (`PgAuditLog`). */
export interface AuditStore {
  /** Appends `record`; it is written (and found by `query`) once this resolves. */
  append(record: NewAuditRecord): Promise<AuditRecord>;
  /** Matching records, newest first, and the `before` of the next page when there is one. */
  query(query: AuditQuery): Promise<{ items: AuditRecord[]; next?: number }>;
  /** Lets go of what the store holds open (an append after this opens it again). */
  close(): Promise<void>;
}
