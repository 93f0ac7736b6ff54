import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "../logging/logger.js";
import type { AuditStore } from "./access-stores.js";
import type { NewAuditRecord } from "./audit-log.js";
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

/** What a caller pasted by mistake into a path is never written: values shaped like a secret. */
const secretShaped = /^(pas_|whsec_)|^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9_-]{32,}$/;

/**
 * The ids a request named: its path's parameters, plus those of the resource it created
 * (its `Location`), so a created project or token can be found by id in the log.
 */
function targetOf(c: Context, policy: RoutePolicy, params: Record<string, string>) {
  const target: Record<string, string> = {};
  const location = c.res.headers.get("location");
  const created = location
    ? policy.match("GET", new URL(location, "http://host").pathname)
    : undefined;
  for (const [name, value] of Object.entries({ ...created?.params, ...params })) {
    target[name] = secretShaped.test(value) ? "[redacted]" : value;
  }
  return target;
}

/**
 * Appends one audit record for every state-changing request and every refused one
 * (401, 403), once its answer is known; routes open to viewers change nothing and are
 * recorded only when refused. Mount it before authentication, so refusals
 * are seen; `skip` (asked once the answer is known) leaves a request out. A failed
 * write is logged and never fails the request it records.
 */
export function auditRequests(
  audit: AuditStore,
  policy: RoutePolicy,
  logger: Logger,
  skip: (c: Context) => boolean = () => false,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (skip(c)) return;
    const status = c.res.status;
    const refused = status === 401 || status === 403;
    if (readOnly.has(c.req.method) && !refused) return;
    const match = policy.match(c.req.method, c.req.path);
    // Viewer routes change nothing, even when they are POSTs (stream tickets).
    if (match?.route.role === "viewer" && !refused) return;
    const caller = authenticatedCallerOf(c);
    const record: NewAuditRecord = {
      ...(caller?.tokenId ? { tokenId: caller.tokenId } : {}),
      tokenName: caller?.name ?? (match?.route.ownSecurity ? "webhook" : "unauthenticated"),
      ...(caller ? { role: caller.role } : {}),
      method: c.req.method,
      route: match?.route.path ?? c.req.path.slice(0, maxRawPath),
      target: targetOf(c, policy, match?.params ?? {}),
      status,
    };
    const client = clientAddress(c);
    if (client) record.client = client;
    await audit.append(record).catch((error: unknown) => {
      logger.error("could not append to the audit log", { error: String(error) });
    });
  };
}
