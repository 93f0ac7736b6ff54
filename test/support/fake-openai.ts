import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect the request JSON loosely.
  body: any;
  /** `performance.now()` when the request's body had arrived. */
  receivedAt: number;
  /** `performance.now()` once the whole reply was written (unset for a 404). */
  repliedAt?: number;
}

export interface FakeOpenAi {
  /** Base URL to configure, e.g. `http://127.0.0.1:5123`. */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny OpenAI-compatible server: `POST /chat/completions` (with or without `/v1`)
 * streams `reply` as chat-completion chunks, a usage chunk and `[DONE]`.
 */
export async function startFakeOpenAi(reply: string[]): Promise<FakeOpenAi> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : undefined;
      const received: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
        receivedAt: performance.now(),
      };
      requests.push(received);
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const base = {
        id: "chatcmpl-test",
        object: "chat.completion.chunk",
        created: 1,
        model: body.model,
      };
      const send = (payload: object) =>
        res.write(`data: ${JSON.stringify({ ...base, ...payload })}\n\n`);
      reply.forEach((text, index) => {
        const delta = index === 0 ? { role: "assistant", content: text } : { content: text };
        send({ choices: [{ index: 0, delta, finish_reason: null }] });
      });
      send({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
      send({
        choices: [],
        usage: {
          prompt_tokens: 12,
          completion_tokens: reply.length,
          total_tokens: 12 + reply.length,
        },
      });
      res.end("data: [DONE]\n\n");
      received.repliedAt = performance.now();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
