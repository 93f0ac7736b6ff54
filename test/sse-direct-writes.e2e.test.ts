import { once } from "node:events";
import { Agent, get, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { afterEach, describe, expect, it } from "vitest";
import { EventHub } from "../src/sse/event-hub.js";
import { EventSequence } from "../src/sse/sequence.js";
import { createSseResponse } from "../src/sse/sse-response.js";

type Event = { type: string; n: number; pad?: string };

/** A Node server whose `/events` streams `hub` the way the API's stream routes do, behind CORS. */
async function serveHub(hub: EventHub<Event>, maxQueuedFrames?: number) {
  const closed: string[] = [];
  const app = new Hono<{ Bindings: { outgoing: ServerResponse } }>();
  app.use("*", cors({ origin: "https://console.example" }));
  app.get("/events", (c) =>
    createSseResponse({
      hub,
      label: "test",
      signal: c.req.raw.signal,
      outgoing: c.env.outgoing,
      onClose: () => closed.push("closed"),
      ...(maxQueuedFrames === undefined ? {} : { maxQueuedFrames }),
    }),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/events`, closed };
}

function openStream(url: string, agent?: Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { origin: "https://console.example" } }, resolve).on(
      "error",
      reject,
    );
  });
}

/** Collects a response's text as it arrives. */
function collect(response: IncomingMessage): { text(): string; ended: Promise<unknown> } {
  let text = "";
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    text += chunk;
  });
  return { text: () => text, ended: once(response, "end") };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe("an SSE response served by Node", () => {
  const servers: Array<{ close(): void; closeAllConnections?(): void }> = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections?.();
      server.close();
    }
  });

  it("keeps the middleware's headers and sends every frame in order, written straight to the socket", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const { server, url } = await serveHub(hub);
    servers.push(server as never);
    const response = await openStream(url);
    expect(response.headers["access-control-allow-origin"]).toBe("https://console.example");
    expect(response.headers["content-type"]).toContain("text/event-stream");
    let text = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      text += chunk;
    });
    await until(() => text.includes(": connected to test"));
    // Bursts (one chunk per turn) and single events (one per microtask), interleaved.
    for (let turn = 0; turn < 20; turn++) {
      for (let i = 0; i < 10; i++) hub.publish({ type: "message_update", n: turn * 11 + i });
      hub.publish({ type: "turn_end", n: turn * 11 + 10 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => (text.match(/^id: /gm) ?? []).length === 220);
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids).toEqual(Array.from({ length: 220 }, (_, i) => i + 1));
    const ns = [...text.matchAll(/"n":(\d+)/g)].map((match) => Number(match[1]));
    expect(ns).toEqual(Array.from({ length: 220 }, (_, i) => i));
    response.destroy();
    await until(() => hub.subscriberCount === 0);
  });

  it("frames its chunks so that the kept-alive connection serves the next request after the stream ends", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const { server, url } = await serveHub(hub);
    servers.push(server as never);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    agent.on("free", (socket) => sockets.add(socket));
    const first = collect(await openStream(url, agent));
    await until(() => first.text().includes(": connected to test"));
    for (let n = 0; n < 30; n++) {
      hub.publish({ type: "turn_end", n, pad: "é".repeat(n) }); // multi-byte: sizes count bytes
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => (first.text().match(/^id: /gm) ?? []).length === 30);
    await hub.close(); // the server ends the stream: the last chunk follows the direct ones
    await first.ended;
    expect([...first.text().matchAll(/"n":(\d+)/g)].map((m) => Number(m[1]))).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
    await until(() => sockets.size === 1);
    const second = await openStream(url, agent); // the hub is closed: 200, then the end
    expect(second.statusCode).toBe(200);
    expect(sockets.has(second.socket)).toBe(true); // the first stream's socket, reused
    await collect(second).ended;
    agent.destroy();
  });

  it("sends an HTTP/1.0 client its frames unchunked, ending the stream by closing", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const { server } = await serveHub(hub);
    servers.push(server as never);
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    let raw = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      raw += chunk;
    });
    const closed = once(socket, "close");
    socket.write("GET /events HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    await until(() => raw.includes(": connected to test"));
    for (let n = 0; n < 5; n++) {
      hub.publish({ type: "turn_end", n });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => (raw.match(/^id: /gm) ?? []).length === 5);
    await hub.close();
    await closed;
    expect(raw).not.toMatch(/transfer-encoding/i);
    const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
    const frames = body.split("\n\n").filter((frame) => frame.startsWith("id: "));
    expect(frames).toEqual(
      Array.from({ length: 5 }, (_, n) => `id: ${n + 1}\ndata: {"type":"turn_end","n":${n}}`),
    );
  });

  it("cuts off a reader that stops reading once frames back up behind its socket", async () => {
    const hub = new EventHub<Event>({ sequence: EventSequence.inMemory() });
    const { server, closed } = await serveHub(hub, 8);
    servers.push(server as never);
    const { port } = server.address() as AddressInfo;
    // A client that sends its request and never reads a byte of the answer.
    const socket = connect(port, "127.0.0.1");
    socket.pause();
    socket.write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await until(() => hub.subscriberCount === 1);
    await new Promise((resolve) => setTimeout(resolve, 50)); // headers out, writes direct
    const pad = "x".repeat(64 * 1024);
    for (let n = 0; n < 400 && hub.subscriberCount > 0; n++) {
      hub.publish({ type: "turn_end", n, pad });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(hub.subscriberCount).toBe(0);
    await until(() => closed.length === 1);
    socket.destroy();
  });
});
