import type { RouteConfig } from "@hono/zod-openapi";
import { problemResponses } from "./problem.js";

/**
 * Route data marking an operation that honours `Idempotency-Key`; the idempotency
 * middleware acts on exactly the routes that carry it.
 */
export const idempotencyKeyExtension = "x-idempotency-key";

/** The header a replayed response carries (`true`). */
export const idempotentReplayedHeader = "Idempotent-Replayed";

/**
 * The `Idempotency-Key` header as the OpenAPI document describes it. Documentation only:
 * the idempotency middleware reads and checks the header (`parseIdempotencyKey`) before
 * any route runs, so a route does not validate it a second time.
 */
const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: 1-255 visible ASCII characters (a UUID is a good choice), optionally quoted. The first response is stored for `IDEMPOTENCY_TTL_HOURS` (default 24 h) and replayed, with `Idempotent-Replayed: true`, to a retry with the same key and the same JSON body; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`, a retry while the first is still being answered is 409 `IDEMPOTENCY_KEY_IN_FLIGHT`. See docs/idempotency.md.",
  schema: {
    type: "string",
    pattern: '^[\\x21-\\x7e]{1,255}$|^"[\\x21-\\x7e]{1,255}"$',
    example: "3f0b6c1e-9d2a-4b7e-8f51-2c4d6a8e0b13",
  },
} as const;

/**
 * What a route marked `"x-idempotency-key": true` documents besides: the optional
 * `Idempotency-Key` header parameter, the 409 and 422 problems it adds and a sentence in
 * the description. `defineRoute` applies it, so a route declares the feature with that
 * one line of route data; the idempotency middleware keys off the same mark. A route
 * without the mark is returned unchanged.
 */
export function withIdempotencyKey<R extends RouteConfig>(config: R): R {
  if ((config as Record<string, unknown>)[idempotencyKeyExtension] !== true) return config;
  const description = config.description
    ? `${config.description} Honours \`Idempotency-Key\` (see the header).`
    : "Honours `Idempotency-Key` (see the header).";
  return {
    ...config,
    description,
    parameters: [...(config.parameters ?? []), idempotencyKeyParameter],
    responses: { ...problemResponses(409, 422), ...config.responses },
  };
}
