import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** One built file of the console. */
export interface ConsoleAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Whether the name carries a content hash, so the file may be cached for good. */
  immutable: boolean;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * Where `npm run build` writes the console: `dist/ui` of this package, found from this
 * module's own place (`src/console` when run from sources, `dist/console` when built).
 */
export const defaultConsoleDir = fileURLToPath(new URL("../../dist/ui/", import.meta.url));

/**
 * The console's built files (`npm run build` writes them), read once on first use and
 * kept in memory. Only files that exist under the directory when it is first read are
 * served; nothing outside it can be named.
 */
export class ConsoleAssets {
  readonly #dir: string;
  #files: Promise<Map<string, ConsoleAsset> | undefined> | undefined;

  constructor(dir: string = defaultConsoleDir) {
    this.#dir = dir;
  }

  /** The file at `path` (relative, `/`-separated, e.g. `assets/index-3f2a.js`), if built. */
  async get(path: string): Promise<ConsoleAsset | undefined> {
    return (await this.#load())?.get(path);
  }

  /** Whether the console has been built at all. */
  async built(): Promise<boolean> {
    return (await this.#load())?.has("index.html") ?? false;
  }

  #load(): Promise<Map<string, ConsoleAsset> | undefined> {
    this.#files ??= readTree(this.#dir).then(
      (files) => (files.has("index.html") ? files : undefined),
      () => undefined,
    );
    // A console that is not built yet is looked for again on the next request.
    void this.#files.then((files) => {
      if (!files) this.#files = undefined;
    });
    return this.#files;
  }
}

async function readTree(dir: string): Promise<Map<string, ConsoleAsset>> {
  const files = new Map<string, ConsoleAsset>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path).split(sep).join("/");
    const body = new Uint8Array(await readFile(path));
    files.set(name, {
      body,
      contentType: contentTypes[extname(name)] ?? "application/octet-stream",
      immutable: name.startsWith("assets/"),
    });
  }
  return files;
}
