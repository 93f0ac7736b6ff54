import type { MiddlewareHandler } from "hono";

/**
 * Adds `X-Content-Type-Options: nosniff` to every response, so browsers never run a JSON
 * or text body as script or style. Mount it first, so refusals by later middleware get it too.
 */
export function noSniff(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("x-content-type-options", "nosniff");
  };
}
