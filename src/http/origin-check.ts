import type { MiddlewareHandler } from "hono";
import { problemFor, problemResponse } from "./problem.js";

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface OriginCheckOptions {
  /** Cross-origin callers allowed besides the same origin (`*` for any). Default: none. */
  corsOrigins?: readonly string[];
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === host;
  } catch {
    return false;
  }
}

/**
 * Refuses state-changing requests (POST, PUT, PATCH, DELETE) sent by a web page of
 * another origin: a request whose `Origin` is neither this server's own (the `Host` it
 * was sent to) nor in `corsOrigins` gets a 403 problem before any route runs. Requests
 * without `Origin` (servers, CLIs) and reads pass.
 *
 * @example
 * app.use("*", originCheck({ corsOrigins: ["https://ui.example.com"] }));
 */
export function originCheck(options: OriginCheckOptions = {}): MiddlewareHandler {
  const allowed = new Set(options.corsOrigins ?? []);
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (origin === undefined || !stateChanging.has(c.req.method)) return next();
    const host = c.req.header("host")?.toLowerCase() ?? new URL(c.req.url).host;
    if (allowed.has("*") || allowed.has(origin) || sameOrigin(origin, host)) return next();
    return problemResponse(
      problemFor(
        "ORIGIN_NOT_ALLOWED",
        "Cross-origin requests that change state are refused unless the origin is listed in AGENT_SERVER_CORS_ORIGINS",
      ),
    );
  };
}
