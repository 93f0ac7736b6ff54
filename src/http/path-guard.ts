import type { MiddlewareHandler } from "hono";
import { problemFor, problemResponse } from "./problem.js";

interface NodeBindings {
  incoming?: { url?: string };
}

function hasDotSegment(rawPath: string): boolean {
  return rawPath.split("/").some((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    return decoded === "." || decoded === ".." || decoded.includes("/") || decoded.includes("\\");
  });
}

/**
 * Rejects request paths with dot segments or encoded separators (`/../`, `%2e%2e`, `%2f`)
 * before URL normalisation can turn them into a different route. Reads the raw request
 * line when the Node adapter provides it.
 */
export function rejectTraversalPaths(): MiddlewareHandler {
  return async (c, next) => {
    const raw = (c.env as NodeBindings | undefined)?.incoming?.url ?? c.req.path;
    const rawPath = raw.split("?")[0] ?? "";
    if (hasDotSegment(rawPath)) {
      return problemResponse(
        problemFor(
          "MALFORMED_REQUEST",
          "Request paths must not contain dot segments or encoded separators",
        ),
      );
    }
    await next();
  };
}
