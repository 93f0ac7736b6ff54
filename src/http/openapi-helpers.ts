import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { problemResponses } from "./problem.js";

/** A documented JSON response. */
export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body, documented with a whole-body `example`. */
export const jsonBody = <T>(schema: T, example: unknown) => ({
  body: { required: true, content: { "application/json": { schema, example } } },
});

/**
 * `createRoute` for this API. A route with a request body also documents 413
 * `PAYLOAD_TOO_LARGE` and 415 `UNSUPPORTED_MEDIA_TYPE`, which the host answers before
 * the route runs, so no body route can leave them out.
 *
 * @example
 * defineRoute({ method: "post", path: "/things", request: jsonBody(ThingSchema, { name: "a" }), responses })
 */
export function defineRoute<R extends RouteConfig>(config: R): R {
  if (config.request?.body === undefined) return createRoute(config);
  return createRoute({
    ...config,
    responses: { ...problemResponses(413, 415), ...config.responses },
  });
}
