import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { FieldIssue } from "../errors/index.js";
import { createLogger, type Logger } from "../logging/logger.js";
import { createErrorHandler } from "./error-handler.js";
import { validationFailed } from "./field-limits.js";
import { jsonOnly } from "./json-only.js";

const targetNames: Record<string, string> = {
  json: "body",
  form: "body",
  param: "path",
  query: "query",
  header: "header",
  cookie: "cookie",
};

interface ValidationIssue {
  path: PropertyKey[];
  message: string;
}

/** Turns validator issues into field issues named like `body.name` or `query.limit`. */
export function fieldIssues(target: string, issues: readonly ValidationIssue[]): FieldIssue[] {
  const prefix = targetNames[target] ?? target;
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

export interface RouterOptions {
  /** Receives unexpected errors. Default: errors written to stderr. */
  logger?: Logger | undefined;
}

/** Hono's path syntax for an OpenAPI path: `/projects/{id}` → `/projects/:id`. */
export const honoPath = (path: string) => path.replaceAll(/\/{(.+?)}/g, "/:$1");

/**
 * An `OpenAPIHono` wired to the server's error model: failed validation becomes a
 * `VALIDATION_FAILED` problem naming the fields, and every error becomes problem+json.
 * Every route registered with `openapi()` is held to its declared body (`jsonOnly`):
 * JSON only, required bodies required. Every router factory starts from this, so mounted
 * routers behave the same in any host.
 */
export function createRouter<E extends Env = Env>(options: RouterOptions = {}): OpenAPIHono<E> {
  const router = new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (result.success) return;
      throw validationFailed(fieldIssues(result.target, result.error.issues));
    },
  });
  router.onError(createErrorHandler(options.logger ?? createLogger({ level: "error" })));
  const register = router.openapi;
  const guarded: typeof router.openapi = (route, handler, hook) => {
    router.on(route.method.toUpperCase(), honoPath(route.path), jsonOnly(route.request?.body));
    return register(route, handler, hook);
  };
  router.openapi = guarded;
  return router;
}
