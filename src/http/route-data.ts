import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Env } from "hono";

/**
 * Registers `routes` in `router`'s OpenAPI registry exactly as `router.openapi(route, …)`
 * would, without handlers: the API described from its route data alone, e.g. to build
 * the document with no services behind it.
 */
export function describeRoutes<E extends Env>(
  router: OpenAPIHono<E>,
  routes: readonly RouteConfig[],
): void {
  for (const { middleware: _middleware, hide, ...route } of routes) {
    if (!hide) router.openAPIRegistry.registerPath(route);
  }
}
