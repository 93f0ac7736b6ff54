import type { LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendWebhook } from "../src/webhooks/webhook-sender.js";

const message = {
  headers: { "webhook-id": "msg_1", "webhook-timestamp": "1", "webhook-signature": "v1,x" },
  body: '{"type":"run.finished"}',
  timeoutMs: 2000,
  allowPrivate: true,
};

describe("sendWebhook against real sockets", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function listen(handler: Parameters<typeof createServer>[1]) {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      handler?.(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as AddressInfo).port, hits };
  }

  it("posts the body and headers and reads the start of the answer", async () => {
    let seen: { headers: Record<string, unknown>; body: string } | undefined;
    const { port } = await listen((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        seen = { headers: req.headers, body };
        res.writeHead(202).end("x".repeat(5000));
      });
    });
    const result = await sendWebhook({ ...message, url: `http://127.0.0.1:${port}/hooks` });
    expect(result).toMatchObject({ statusCode: 202, error: null });
    expect(result.response).toBe("x".repeat(1024));
    expect(seen?.body).toBe(message.body);
    expect(seen?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "msg_1",
      "webhook-timestamp": "1",
      "webhook-signature": "v1,x",
    });
  });

  it("does not follow redirects", async () => {
    const target = await listen((_req, res) => res.writeHead(200).end());
    const { port } = await listen((_req, res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/elsewhere` }).end(),
    );
    const result = await sendWebhook({ ...message, url: `http://127.0.0.1:${port}/hooks` });
    expect(result).toMatchObject({ statusCode: 302, error: "receiver answered 302" });
    expect(target.hits).toEqual([]);
  });

  it("gives up on a receiver that does not answer in time", async () => {
    const { port, hits } = await listen(() => undefined);
    const started = Date.now();
    const result = await sendWebhook({
      ...message,
      timeoutMs: 200,
      url: `http://127.0.0.1:${port}/hooks`,
    });
    expect(result).toMatchObject({ statusCode: null, error: "timed out after 200 ms" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(hits).toEqual(["POST /hooks"]);
  });

  it("abandons an attempt when its signal aborts", async () => {
    const { port } = await listen(() => undefined);
    const controller = new AbortController();
    const sending = sendWebhook({
      ...message,
      timeoutMs: 60_000,
      url: `http://127.0.0.1:${port}/hooks`,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect(await sending).toMatchObject({
      statusCode: null,
      error: "abandoned: the server is stopping",
    });
  });

  it("never connects to a name that turns private between the check and the connection", async () => {
    const { port, hits } = await listen((_req, res) => res.writeHead(200).end());
    const answers: LookupAddress[][] = [
      [{ address: "93.184.216.34", family: 4 }],
      [{ address: "127.0.0.1", family: 4 }],
    ];
    const asked: string[] = [];
    const result = await sendWebhook({
      ...message,
      allowPrivate: false,
      url: `http://rebinding.example:${port}/hooks`,
      resolve: async (hostname) => {
        asked.push(hostname);
        return answers.shift() ?? [];
      },
    });
    expect(asked).toEqual(["rebinding.example", "rebinding.example"]);
    expect(result).toMatchObject({
      statusCode: null,
      error: "rebinding.example resolves to a private address (127.0.0.1)",
    });
    expect(hits).toEqual([]);
  });
});
