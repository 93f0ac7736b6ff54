import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "../logging/logger.js";
import type { AuditLog, NewAuditRecord } from "./audit-log.js";
import { authenticatedCallerOf } from "./caller.js";
import type { RoutePolicy } from "./route-policy.js";

const readOnly = new Set(["GET", "HEAD", "OPTIONS"]);
/** Raw paths of unmatched requests are cut to this length, so the log cannot be flooded. */
const maxRawPath = 200;

function clientAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Requests made in-process (app.request) have no connection.
    return undefined;
  }
}

/**
 * Appends one audit record for every state-changing request and every refused one
 * (401, 403), once its answer is known. Mount it before authentication, so refusals
 * are seen. A failed write is logged and never fails the request it records.
 */
export function auditRequests(
  audit: AuditLog,
  policy: RoutePolicy,
  logger: Logger,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    const refused = status === 401 || status === 403;
    if (readOnly.has(c.req.method) && !refused) return;
    const match = policy.match(c.req.method, c.req.path);
    const caller = authenticatedCallerOf(c);
    const record: NewAuditRecord = {
      ...(caller?.tokenId ? { tokenId: caller.tokenId } : {}),
      tokenName: caller?.name ?? (match?.route.ownSecurity ? "webhook" : "unauthenticated"),
      ...(caller ? { role: caller.role } : {}),
      method: c.req.method,
      route: match?.route.path ?? c.req.path.slice(0, maxRawPath),
      target: match?.params ?? {},
      status,
    };
    const client = clientAddress(c);
    if (client) record.client = client;
    await audit.append(record).catch((error: unknown) => {
      logger.error("could not append to the audit log", { error: String(error) });
    });
  };
}
