import { createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { callerOf } from "../access/caller.js";
import { type RouteMatch, routeMatchOf } from "../access/route-policy.js";
import { idempotentReplayedHeader } from "../http/idempotent-route.js";
import { problemFor, problemResponse } from "../http/problem.js";
import { parseIdempotencyKey, requestFingerprint } from "./idempotency-key.js";
import type { IdempotencyKeys } from "./idempotency-keys.js";
import type { StoredResponse } from "./idempotency-store.js";

/** Headers of the first response kept for its replays. */
const keptHeaders = ["content-type", "location"];

/**
 * Statuses whose response is not stored, so a retry with the same key runs again: every
 * 5xx (the failure may be transient), and the 4xx that depend on the moment or on who
 * asked rather than on the request (401, 403, 408, 409 — e.g. `SESSION_BUSY` —, 425, 429).
 * Every other answer, validation failures and other 4xx included, is stored and replayed.
 */
export function isStoredStatus(status: number): boolean {
  return status < 500 && ![401, 403, 408, 409, 425, 429].includes(status);
}

/**
 * Who a key belongs to: the API token (or the bootstrap token, or the open caller when
 * auth is off); for a route with its own `security` (the task webhook), a hash of the
 * credential it was called with, so an unauthenticated request never touches the keys
 * of an authenticated one.
 */
function callerScope(c: Context, match: RouteMatch): string {
  if (match.route.ownSecurity) {
    const credential = c.req.header("authorization") ?? "";
    return `secret:${createHash("sha256").update(credential).digest("base64url")}`;
  }
  const caller = callerOf(c);
  return caller.tokenId !== undefined ? `token:${caller.tokenId}` : caller.kind;
}

function replay(response: StoredResponse): Response {
  return new Response(response.body, {
    status: response.status,
    headers: { ...response.headers, [idempotentReplayedHeader]: "true" },
  });
}

async function captured(res: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: res.status, headers, body: await res.clone().text() };
}

/**
 * The one place `Idempotency-Key` is honoured, on the routes whose data declares it
 * (`"x-idempotency-key": true`, documented by `defineRoute`); mount it after `enforceRoles`, which matches
 * the route. A request without the header passes untouched. With it:
 *
 * - a key that is not 1-255 visible ASCII characters is 400 `VALIDATION_FAILED`;
 * - keys are scoped by caller, method and request path, and bound to the body's
 *   fingerprint (canonical JSON): the same key with another body is 422
 *   `IDEMPOTENCY_KEY_REUSED`;
 * - while the first request is being answered, a retry is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`;
 * - the first response, when `isStoredStatus`, is written to the store before it is sent
 *   and replayed byte for byte (status, body, `Content-Type`, `Location`) with
 *   `Idempotent-Replayed: true`; any other outcome frees the key for a retry.
 */
export function enforceIdempotency(store: IdempotencyKeys): MiddlewareHandler {
  return async (c, next) => {
    const match = routeMatchOf(c);
    if (!match?.route.idempotent) return next();
    const header = c.req.header("idempotency-key");
    if (header === undefined) return next();
    const key = parseIdempotencyKey(header);
    if (key === undefined) {
      return problemResponse(
        problemFor("VALIDATION_FAILED", "Idempotency-Key is not a valid key", [
          {
            path: "header.Idempotency-Key",
            message: "Must be 1 to 255 visible ASCII characters, optionally in double quotes",
          },
        ]),
      );
    }
    const fingerprint = requestFingerprint(await c.req.text());
    const scope = `${callerScope(c, match)} ${c.req.method} ${c.req.path}`;
    const claim = await store.claim(scope, key, fingerprint);
    switch (claim.kind) {
      case "replay":
        return replay(claim.response);
      case "reused":
        return problemResponse(
          problemFor(
            "IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was already used with a different request body; use a new key for a new request",
          ),
        );
      case "in-flight":
        return problemResponse(
          problemFor(
            "IDEMPOTENCY_KEY_IN_FLIGHT",
            "A request with this Idempotency-Key is still being answered; retry once it has finished",
          ),
          { "retry-after": "1" },
        );
    }
    try {
      await next();
      if (isStoredStatus(c.res.status)) await claim.complete(await captured(c.res));
    } finally {
      await claim.release();
    }
  };
}
