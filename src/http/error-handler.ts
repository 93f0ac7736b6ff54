import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type ErrorCode } from "../errors/index.js";
import type { Logger } from "../logging/logger.js";
import { problemFor, problemResponse } from "./problem.js";

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: "MALFORMED_REQUEST",
  401: "UNAUTHORIZED",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  503: "SERVICE_UNAVAILABLE",
};

/**
 * The one `onError` every router uses: catalogue errors and framework exceptions become
 * problem+json; anything else is logged and answered with a bare 500 that leaks nothing.
 */
export function createErrorHandler(logger: Logger): ErrorHandler {
  return (error: Error, c: Context) => {
    if (error instanceof AppError) {
      return problemResponse({
        ...problemFor(error.code, error.message, error.fields),
        ...error.extensions,
      });
    }
    if (error instanceof HTTPException) {
      const code = codeForStatus[error.status];
      if (code) {
        const headers: Record<string, string> = {};
        const challenge = error.res?.headers.get("www-authenticate");
        if (challenge) headers["www-authenticate"] = challenge;
        return problemResponse(problemFor(code, error.message || code), headers);
      }
    }
    logger.error("unhandled error", {
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      message: error.message,
    });
    return problemResponse(problemFor("INTERNAL_ERROR", "An unexpected error occurred."));
  };
}

/** Unknown routes answer with a problem document instead of plain text. */
export const notFoundHandler: NotFoundHandler = (c) =>
  problemResponse(problemFor("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`));
