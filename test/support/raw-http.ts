import { request } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Give up on the body after this long (an event stream never ends). Default: read to the end. */
  bodyTimeoutMs?: number;
}

/**
 * Sends one request with `node:http`, which (unlike `fetch`) lets a test choose the
 * `Host` header, as a DNS-rebinding page's browser would send it.
 */
export function rawRequest(url: string, init: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? "GET",
        headers: {
          ...(init.body === undefined
            ? {}
            : { "content-length": String(Buffer.byteLength(init.body)) }),
          ...init.headers,
        },
      },
      (res) => {
        let body = "";
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on("end", done);
        if (init.bodyTimeoutMs !== undefined) {
          setTimeout(() => {
            req.destroy();
            done();
          }, init.bodyTimeoutMs);
        }
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
