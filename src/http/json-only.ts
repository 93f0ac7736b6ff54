import type { Context, MiddlewareHandler } from "hono";
import { problemFor, problemResponse } from "./problem.js";

/** The request body part of a route's data (`createRoute({ request: { body } })`). */
export interface RouteBodySpec {
  required?: boolean;
  content?: Record<string, unknown>;
}

interface NodeBindings {
  incoming?: unknown;
}

const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const jsonMediaType = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

/** Whether a `Content-Type` value names JSON (`application/json`, `application/x+json`, with parameters). */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && jsonMediaType.test(value.trim());
}

/**
 * Whether the request carries body bytes. Over HTTP that is a non-zero `Content-Length`
 * or any `Transfer-Encoding`; an in-process `Request` (`app.request()`) says so itself.
 */
function carriesBody(c: Context): boolean {
  const length = c.req.header("content-length");
  if (length !== undefined) return length.trim() !== "0";
  if (c.req.header("transfer-encoding") !== undefined) return true;
  return (c.env as NodeBindings | undefined)?.incoming === undefined && c.req.raw.body !== null;
}

const unsupported = (detail: string) =>
  problemResponse(problemFor("UNSUPPORTED_MEDIA_TYPE", detail));

/**
 * Holds a state-changing request to its route's declared body, so a web page cannot send
 * it as a "simple" cross-site request (form, `text/plain`, no type) that skips CORS:
 *
 * - a route with a JSON body needs `Content-Type: application/json`, even when the body
 *   is optional (415 otherwise); a required body must be present (400); an optional one
 *   left empty reads as `{}`;
 * - a route without a body refuses any other content type, and body bytes sent without
 *   one (415).
 *
 * `createRouter` puts it in front of every `openapi()` route, from the route's own data.
 *
 * @example
 * router.on("POST", "/projects", jsonOnly({ required: true, content: { "application/json": … } }));
 */
export function jsonOnly(body: RouteBodySpec | undefined): MiddlewareHandler {
  const takesJson = Object.keys(body?.content ?? {}).some((type) => isJsonContentType(type));
  const required = body?.required === true;
  return async (c, next) => {
    if (!bodyMethods.has(c.req.method)) return next();
    const contentType = c.req.header("content-type");
    if (!takesJson) {
      if (contentType === undefined ? carriesBody(c) : !isJsonContentType(contentType)) {
        return unsupported("This route takes no request body");
      }
      return next();
    }
    if (!isJsonContentType(contentType)) {
      return unsupported("This route takes a JSON body: send Content-Type: application/json");
    }
    if (!carriesBody(c)) {
      if (required) {
        const fields = [{ path: "body", message: "A JSON body is required" }];
        return problemResponse(
          problemFor("VALIDATION_FAILED", "body: A JSON body is required", fields),
        );
      }
      // Hono's JSON reader parses the cached text when present: an omitted optional body reads as `{}`.
      Object.assign(c.req.bodyCache, { text: Promise.resolve("{}") });
    }
    return next();
  };
}
