import { problemFor, problemResponse } from "../http/problem.js";
import { createRouter, type RouterOptions } from "../http/router.js";
import { ConsoleAssets } from "./console-assets.js";

/**
 * The console's policy: its own scripts and styles only (no inline script or style
 * element), API calls and streams to this server only, no framing, no plugins, no forms
 * posted anywhere. Markdown the agent writes cannot load remote images or scripts.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const pageHeaders = {
  "content-security-policy": consoleContentSecurityPolicy,
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-cache",
};

export interface ConsoleAppOptions extends RouterOptions {
  /** The built console. Default: this package's `dist/ui`. */
  assets?: ConsoleAssets;
}

/**
 * The web console at `/ui/`: the single page and its hashed assets, served from memory
 * with a strict Content-Security-Policy. The page is a client of the public `/v1` API
 * only, so it sits behind the same Host, Origin and auth rules as any other client.
 * Before `npm run build` has written it, `/ui/` answers 503 with how to build it.
 *
 * @example
 * app.route("/", createConsoleApp());
 */
export function createConsoleApp(options: ConsoleAppOptions = {}) {
  const assets = options.assets ?? new ConsoleAssets();
  const app = createRouter(options);

  app.get("/ui", (c) => c.redirect("/ui/", 308));
  app.get("/ui/*", async (c) => {
    const path = c.req.path.slice("/ui/".length);
    const file = await assets.get(path === "" ? "index.html" : path);
    if (file && path !== "" && path !== "index.html") {
      return c.body(file.body, 200, {
        "content-type": file.contentType,
        "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    if (path !== "" && path !== "index.html") return c.notFound();
    if (!file) {
      return problemResponse(
        problemFor(
          "SERVICE_UNAVAILABLE",
          "The web console is not built: run `npm run build` (or `npm start`, which builds it).",
        ),
      );
    }
    return c.body(file.body, 200, { "content-type": file.contentType, ...pageHeaders });
  });
  return app;
}
