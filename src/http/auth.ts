import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { problemFor, problemResponse } from "./problem.js";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Compares two secrets in time independent of where they differ. Both are hashed first
 * so their lengths do not leak either.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reads the token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match?.[1];
}

export interface BearerAuthOptions {
  /** The accepted token; must be non-empty. */
  token: string;
  /** Realm named in the `WWW-Authenticate` challenge. Default `pi-agent-server`. */
  realm?: string;
  /** Lets a request through without the token, e.g. one carrying a valid stream ticket. Default: none. */
  allow?: (c: Context) => boolean;
}

/**
 * Rejects requests without `Authorization: Bearer <token>` with a 401 problem.
 *
 * @example
 * app.use("/v1/*", bearerAuth({ token: process.env.AGENT_SERVER_TOKEN }));
 */
export function bearerAuth(options: BearerAuthOptions): MiddlewareHandler {
  if (options.token.length === 0) throw new Error("bearerAuth: token must not be empty");
  const challenge = `Bearer realm="${options.realm ?? "pi-agent-server"}"`;
  return async (c, next) => {
    if (options.allow?.(c)) return next();
    const given = bearerToken(c.req.header("authorization"));
    if (given === undefined || !secretsEqual(given, options.token)) {
      const detail = given === undefined ? "Missing bearer token" : "Invalid bearer token";
      return problemResponse(problemFor("UNAUTHORIZED", detail), { "www-authenticate": challenge });
    }
    await next();
  };
}
