import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { MetricsRegistry } from "./metrics-registry.js";

/** Label of requests that matched no route, so scanners cannot blow up the series count. */
export const unmatchedRoute = "unmatched";

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The route pattern a request was addressed to (`/v1/projects/:id`), never its raw path.
 * Middleware registered with `use` match as method `ALL`; the last other match is the
 * endpoint, known even when a middleware (auth, body limit) answered before it ran.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i];
    if (route && route.method !== "ALL") return route.path;
  }
  return unmatchedRoute;
}

export interface HttpMetricsOptions {
  /** Metric name prefix. Default `pi_`. */
  prefix?: string;
  /** The caller's role, counted in `http_requests_by_role_total`. Default: not counted. */
  roleOf?: (c: Context) => string | undefined;
}

/**
 * Counts every request in `http_requests_total{method,route,status}`. Mount it first, so
 * requests refused by later middleware are counted too.
 *
 * @example
 * app.use("*", httpMetrics(metrics));
 */
export function httpMetrics(
  metrics: MetricsRegistry,
  options: HttpMetricsOptions = {},
): MiddlewareHandler {
  const prefix = options.prefix ?? "pi_";
  const requests = metrics.counter(
    `${prefix}http_requests_total`,
    "HTTP requests answered, by method, route pattern and status.",
    ["method", "route", "status"],
  );
  const byRole = metrics.counter(
    `${prefix}http_requests_by_role_total`,
    "HTTP requests answered, by the caller's role (`none` when not authenticated).",
    ["role"],
  );
  return async (c, next) => {
    try {
      await next();
    } finally {
      const method = knownMethods.has(c.req.method) ? c.req.method : "OTHER";
      requests.inc({ method, route: routePattern(c), status: String(c.res.status) });
      if (options.roleOf) byRole.inc({ role: options.roleOf(c) ?? "none" });
    }
  };
}
