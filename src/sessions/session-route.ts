import type { RouteConfig } from "@hono/zod-openapi";
import { type ApiRouteConfig, defineRoute } from "../http/openapi-helpers.js";

/** The collection path of a project's sessions. */
export const sessionsPath = "/projects/{projectId}/sessions";

/** The path of one session; every per-session route extends it. */
export const sessionPath = `${sessionsPath}/{sessionId}`;

/** `defineRoute` tagged `Sessions`. */
export function sessionRoute<R extends ApiRouteConfig>(config: R): R {
  return defineRoute({ ...config, tags: ["Sessions"] } as R);
}
