import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

interface NodeBindings {
  incoming?: IncomingMessage;
}

/** The body readers of Hono's request that this middleware serves from Node's stream. */
const servedReaders = ["text", "arrayBuffer"] as const;

/** Reads all of `incoming`, refusing more than `maxBytes`. */
function readAll(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | "too large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.off("data", onData);
        resolve("too large");
        return;
      }
      chunks.push(chunk);
    };
    incoming.on("data", onData);
    incoming.once("end", () => resolve(Buffer.concat(chunks, size)));
    incoming.once("error", reject);
  });
}

/**
 * Serves `c.req.text()` and `c.req.arrayBuffer()` (and so `c.req.json()`) from `read`,
 * called on first use. A reader the route replaces (`bodyCache.text = …`) stays replaced.
 */
function serveBodyFrom(c: Context, read: () => Promise<Buffer>): void {
  const cache = c.req.bodyCache as Record<string, unknown>;
  let bytes: Promise<Buffer> | undefined;
  const body = () => {
    bytes ??= read();
    return bytes;
  };
  const readers = {
    text: () => body().then((buffer) => buffer.toString("utf8")),
    arrayBuffer: () => body().then((buffer) => new Uint8Array(buffer).buffer as ArrayBuffer),
  };
  for (const key of servedReaders) {
    Object.defineProperty(cache, key, {
      configurable: true,
      enumerable: true,
      get: readers[key],
      set: (value: unknown) =>
        Object.defineProperty(cache, key, { value, writable: true, enumerable: true }),
    });
  }
}

/**
 * Holds request bodies to `maxBytes`, answering `tooLarge()` (413) beyond. A request that
 * came over HTTP is read straight from Node's stream, when the route first asks for its
 * body, without building a web `Request` (the costliest step of a small POST): a body
 * of declared length (`Content-Length`) is refused up front when too long and never
 * read unless the route reads it (so after authentication); a chunked one is read here,
 * as far as the limit. An in-process request (`app.request()`) goes through Hono's own
 * `bodyLimit`.
 */
export function limitBody(maxBytes: number, tooLarge: () => Response): MiddlewareHandler {
  const inProcess = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const incoming = (c.env as NodeBindings | undefined)?.incoming;
    if (!incoming) return inProcess(c, next);
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = incoming.headers["content-length"];
    if (length !== undefined && incoming.headers["transfer-encoding"] === undefined) {
      if (Number(length) > maxBytes) return tooLarge();
      // Node reads no further than the declared length, so this never runs over.
      serveBodyFrom(c, () =>
        readAll(incoming, maxBytes).then((body) => {
          if (body === "too large") throw new RangeError("request body over its Content-Length");
          return body;
        }),
      );
      return next();
    }
    const body = await readAll(incoming, maxBytes);
    if (body === "too large") return tooLarge();
    serveBodyFrom(c, () => Promise.resolve(body));
    return next();
  };
}
