import { createRouter, type RouterOptions } from "../http/router.js";
import { SwaggerAssets } from "./swagger-assets.js";

/**
 * The docs page's policy: scripts, styles and images from this server only, no inline
 * script, no framing, requests to this server only.
 */
export const docsContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const page = (title: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" type="image/png" href="./docs/assets/favicon-32x32.png" />
    <link rel="stylesheet" href="./docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="./docs/assets/swagger-ui-bundle.js"></script>
    <script src="./docs/assets/init.js"></script>
  </body>
</html>
`;

export interface DocsAppOptions extends RouterOptions {
  /** Page title. Default `pi agent server`. */
  title?: string;
  /** Where Swagger UI's files come from. Default: the installed `swagger-ui-dist`. */
  assets?: SwaggerAssets;
}

/**
 * Swagger UI at `/docs` for the document at `/openapi.json` beside it, with every asset
 * served from the pinned `swagger-ui-dist` package under `/docs/assets/`: the page works
 * offline, loads nothing from elsewhere, and carries a strict Content-Security-Policy.
 *
 * @example
 * app.route("/", createDocsApp());
 */
export function createDocsApp(options: DocsAppOptions = {}) {
  const assets = options.assets ?? new SwaggerAssets();
  const html = page(options.title ?? "pi agent server");
  const app = createRouter(options);
  app.get("/docs", (c) =>
    c.html(html, 200, {
      "content-security-policy": docsContentSecurityPolicy,
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "cache-control": "no-cache",
    }),
  );
  app.get("/docs/assets/:name", async (c) => {
    const name = c.req.param("name");
    if (!SwaggerAssets.has(name)) return c.notFound();
    const asset = await assets.get(name);
    return c.body(asset.body, 200, {
      "content-type": asset.contentType,
      "cache-control": "public, max-age=3600",
    });
  });
  return app;
}
