import type { Database } from "../storage/postgres/index.js";
import type { AuditStore, TokenStore } from "./access-stores.js";
import { ApiTokens } from "./api-tokens.js";
import { AuditLog } from "./audit-log.js";
import { PgApiTokens } from "./pg-api-tokens.js";
import { PgAuditLog } from "./pg-audit-log.js";

export interface AccessStoreOptions {
  /** `.pi-global/tokens.json`, used without a database. */
  tokensFile: string;
  /** `.pi-global/audit/`, used without a database. */
  auditDir: string;
  /** The cluster's database; when given, tokens and audit live there. */
  database?: Database | undefined;
  now?: () => number;
}

/** Opens the token store and the audit log: in the database when one is given, else in files. */
export async function openAccessStores(
  options: AccessStoreOptions,
): Promise<{ tokens: TokenStore; audit: AuditStore }> {
  const now = options.now ?? Date.now;
  if (options.database) {
    return {
      tokens: new PgApiTokens(options.database, now),
      audit: new PgAuditLog(options.database, now),
    };
  }
  return {
    tokens: await ApiTokens.open(options.tokensFile, now),
    audit: await AuditLog.open(options.auditDir, now),
  };
}
