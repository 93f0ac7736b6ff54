import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** One static file of the docs page. */
export interface DocsAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

const packageFiles = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
} as const;

/** The asset names the docs page may request. */
export type DocsAssetName = keyof typeof packageFiles | "init.js";

/**
 * Starts Swagger UI on the page. A file rather than an inline script, so the page's
 * Content-Security-Policy can forbid inline scripts altogether.
 */
const initScript = `window.ui = SwaggerUIBundle({
  url: "./openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: "none",
});
`;

/**
 * Swagger UI's files, read from the pinned `swagger-ui-dist` package on first use and
 * kept in memory, so `/docs` needs no network access and no CDN.
 */
export class SwaggerAssets {
  readonly #dir: string;
  readonly #cache = new Map<DocsAssetName, Promise<DocsAsset>>();

  /** `dir` defaults to the installed `swagger-ui-dist` package. */
  constructor(dir?: string) {
    this.#dir =
      dir ?? dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  }

  /** Whether `name` is one of the docs page's assets. */
  static has(name: string): name is DocsAssetName {
    return name === "init.js" || Object.hasOwn(packageFiles, name);
  }

  get(name: DocsAssetName): Promise<DocsAsset> {
    let asset = this.#cache.get(name);
    if (!asset) {
      asset = this.#load(name);
      asset.catch(() => this.#cache.delete(name));
      this.#cache.set(name, asset);
    }
    return asset;
  }

  async #load(name: DocsAssetName): Promise<DocsAsset> {
    if (name === "init.js") {
      return {
        body: new TextEncoder().encode(initScript),
        contentType: packageFiles["swagger-ui-bundle.js"],
      };
    }
    const file = await readFile(join(this.#dir, name));
    return { body: new Uint8Array(file), contentType: packageFiles[name] };
  }
}
