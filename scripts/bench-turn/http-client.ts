import { Agent, type ClientRequest, request } from "node:http";
import { performance } from "node:perf_hooks";
import type { TurnSample } from "./bench-path.js";
import { ByteWatch } from "./byte-watch.js";

/**
 * The bench's HTTP client: `node:http` with a keep-alive agent, as lean as pi RPC's pipe
 * writes, so a path costs its server rather than a client library's stream machinery.
 */
export class HttpClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 4 });
  #stream: { watch: ByteWatch; request: ClientRequest } | undefined;

  /** POSTs `body` as JSON; resolves with the answer's text when its status is `expected`. */
  post(url: string, body: unknown, expected: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        url,
        {
          method: "POST",
          agent: this.#agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => {
            if (res.statusCode === expected) resolve(text);
            else reject(new Error(`POST ${url}: ${res.statusCode} ${text}`));
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  /** Opens the SSE stream at `url` (closing the one before), watching it for `agent_end`. */
  async follow(url: string): Promise<void> {
    this.#stream?.request.destroy();
    const watch = new ByteWatch('"type":"agent_end"');
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { headers: { accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`SSE ${url}: ${res.statusCode}`));
        res.on("data", (chunk: Buffer) => watch.feed(chunk));
        res.on("error", () => undefined); // destroyed when the next stream opens
        resolve();
      });
      req.on("error", reject); // after the response: the stream was destroyed, no-op
      req.end();
      this.#stream = { watch, request: req };
    });
  }

  /** A turn: POSTs `body` to `url` (202) and waits for `agent_end` on the followed stream. */
  async turn(url: string, body: unknown): Promise<TurnSample> {
    const stream = this.#stream;
    if (!stream) throw new Error("no stream followed");
    const end = stream.watch.next("agent_end on the SSE stream");
    end.catch(() => undefined);
    const start = performance.now();
    await this.post(url, body, 202);
    const at = await end;
    return { startedAt: start, ms: at - start, wireBytes: stream.watch.bytes };
  }

  close(): void {
    this.#stream?.request.destroy();
    this.#agent.destroy();
  }
}
