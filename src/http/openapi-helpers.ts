import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import { type Role, requiredRoleKey } from "../contract/roles.js";
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
 * A route of this API: it declares the least role that may call it (`x-required-role`,
 * enforced in one place by the access policy), unless it authenticates by its own
 * `security` (the task webhook).
 */
export type ApiRouteConfig = RouteConfig & ({ [requiredRoleKey]: Role } | { security: unknown[] });

/**
 * `createRoute` for this API. A route that declares a role also documents 403
 * `FORBIDDEN`; a route with a request body also documents 413 `PAYLOAD_TOO_LARGE` and
 * 415 `UNSUPPORTED_MEDIA_TYPE`, which the host answers before the route runs, so no
 * route can leave them out.
 *
 * @example
 * defineRoute({ method: "post", "x-required-role": "operator", path: "/things", request: jsonBody(ThingSchema, { name: "a" }), responses })
 */
export function defineRoute<R extends ApiRouteConfig>(config: R): R {
  const withRole = requiredRoleKey in config ? problemResponses(403) : {};
  const withBody = config.request?.body === undefined ? {} : problemResponses(413, 415);
  const responses = { ...withRole, ...withBody, ...config.responses };
  return createRoute({ ...config, responses } as R);
}
