import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  /** The status the receiver answered. */
  status: number;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1: it records every request and answers with
 * `answer(request)` (default 204). It can be stopped and started again, to play a
 * receiver that is down for a while: stopped, it resets every connection, and it keeps
 * its port meanwhile, so no other test's server can be given it. `close()` lets it go.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: Omit<ReceivedWebhook, "status">) => number = () => 204;
  #server: Server | undefined;
  #port = 0;
  #down = false;

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hooks`;
  }

  /** The requests answered 2xx. */
  accepted(): ReceivedWebhook[] {
    return this.received.filter((request) => request.status >= 200 && request.status < 300);
  }

  /** Starts answering: listens on a free port the first time, takes requests again after `stop()`. */
  async start(): Promise<void> {
    this.#down = false;
    if (this.#server) return;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        const status = this.answer(request);
        this.received.push({ ...request, status });
        res
          .writeHead(status, { "content-type": "text/plain" })
          .end(status >= 300 ? "try later" : "");
      });
    });
    server.on("connection", (socket) => {
      if (this.#down) socket.resetAndDestroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Goes down: open connections are dropped and new ones reset, the port still held. */
  async stop(): Promise<void> {
    this.#down = true;
    this.#server?.closeAllConnections();
  }

  /** Releases the port for good. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `count` requests were answered 2xx. */
  async waitForAccepted(count: number, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.accepted().length < count) {
      if (Date.now() > deadline) {
        throw new Error(`received ${this.accepted().length} of ${count} webhooks`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.accepted();
  }
}

/**
 * Checks a received webhook the way the Standard Webhooks scheme tells receivers to, with
 * nothing of the server's code: HMAC-SHA256 of `id.timestamp.body` keyed by the secret's
 * base64 after `whsec_`, and a timestamp within five minutes.
 */
export function verifiedBySecret(request: ReceivedWebhook, secret: string): boolean {
  const id = String(request.headers["webhook-id"]);
  const timestamp = String(request.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${request.body}`).digest("base64")}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return fresh && String(request.headers["webhook-signature"]).split(" ").includes(expected);
}
