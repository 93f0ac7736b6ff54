import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkWebhookUrl, guardedLookup, type ResolveHost } from "./url-guard.js";

export interface SendResult {
  statusCode: number | null;
  /** The start of the response body (at most `maxResponseChars`). */
  response: string | null;
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: ResolveHost | undefined;
  /** Abandons the attempt (the result's error says so). */
  signal?: AbortSignal | undefined;
}

const maxResponseChars = 1024;

/**
 * POSTs one webhook message. It never throws: refusals, connection errors and timeouts
 * come back as `error`. Redirects are not followed. Unless `allowPrivate`, the URL is
 * checked again and the connection may only go to the public addresses the name
 * resolves to at this moment.
 */
export async function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = Date.now();
  const done = (partial: Omit<SendResult, "durationMs">): SendResult => ({
    ...partial,
    durationMs: Date.now() - started,
  });
  const verdict = await checkWebhookUrl(options.url, {
    allowPrivate: options.allowPrivate,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  if (!verdict.ok)
    return done({ statusCode: null, response: null, error: `URL ${verdict.reason}` });
  const url = verdict.url;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(result));
    };
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          ...options.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(options.body)),
          "user-agent": "pi-agent-server-webhooks",
        },
        ...(options.allowPrivate ? {} : { lookup: guardedLookup(options.resolve) }),
      },
      (res) => {
        const statusCode = res.statusCode ?? 0;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < maxResponseChars) text += chunk;
          if (text.length >= maxResponseChars) res.destroy();
        });
        const complete = () =>
          finish({
            statusCode,
            response: text.slice(0, maxResponseChars),
            error: statusCode >= 200 && statusCode < 300 ? null : `receiver answered ${statusCode}`,
          });
        res.on("end", complete);
        res.on("close", complete);
        res.on("error", complete);
      },
    );
    const timer = setTimeout(() => {
      finish({
        statusCode: null,
        response: null,
        error: `timed out after ${options.timeoutMs} ms`,
      });
      req.destroy();
    }, options.timeoutMs);
    const abort = () => {
      finish({ statusCode: null, response: null, error: "abandoned: the server is stopping" });
      req.destroy();
    };
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener("abort", abort, { once: true });
    req.on("close", () => options.signal?.removeEventListener("abort", abort));
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ statusCode: null, response: null, error: error.message || String(error.code) }),
    );
    req.end(options.body);
  });
}
