import { Hono } from "hono";
import { describe, expect, it, vi } from "vitest";
import { readJson } from "#test-support/json.js";
import { EventHub } from "../sse/event-hub.js";
import { EventSequence } from "../sse/sequence.js";
import { StreamCounter } from "../sse/stream-counter.js";
import { eventStreamResponse } from "./event-stream-route.js";

/** A route serving one hub through `eventStreamResponse`, its source's release a spy. */
function streamApp(counter: StreamCounter, tokenId?: string) {
  const hub = new EventHub<{ type: string }>({ sequence: EventSequence.inMemory() });
  hub.publish({ type: "one" });
  const release = vi.fn();
  const app = new Hono();
  app.get("/events", (c) =>
    eventStreamResponse(c, { hub, label: "test", channel: "test", release, tokenId }, counter),
  );
  return { app, hub, release };
}

const sse = { accept: "text/event-stream" };

describe("eventStreamResponse", () => {
  it("refuses a stream beyond the counter's bound with 503, subscribing nothing and releasing its source", async () => {
    const counter = new StreamCounter({ max: 1 });
    counter.open("other");
    const { app, hub, release } = streamApp(counter);
    const refused = await app.request("/events", { headers: sse });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const problem = await readJson(refused);
    expect(problem).toMatchObject({ code: "STREAM_LIMIT_REACHED", status: 503 });
    expect(problem.detail).toContain("SSE_MAX_STREAMS");
    expect(release).toHaveBeenCalledTimes(1);
    expect(hub.subscriberCount).toBe(0);
    expect(counter.snapshot()).toEqual({ other: 1 });

    const page = await app.request("/events", { headers: { accept: "application/json" } });
    expect(page.status).toBe(200);
    expect((await readJson(page)).events).toHaveLength(1);
    const head = await app.request("/events", { method: "HEAD", headers: sse });
    expect(head.status).toBe(200);
    expect(release).toHaveBeenCalledTimes(3);
  });

  it("refuses a stream beyond its API token's bound, naming that bound", async () => {
    const counter = new StreamCounter({ max: 10, maxPerToken: 1 });
    counter.open("other", "token-a");
    const { app, release } = streamApp(counter, "token-a");
    const refused = await app.request("/events", { headers: sse });
    expect(refused.status).toBe(503);
    expect((await readJson(refused)).detail).toContain("SSE_MAX_STREAMS_PER_TOKEN");
    expect(release).toHaveBeenCalledTimes(1);
    expect(counter.snapshot()).toEqual({ other: 1 });
  });

  it("counts an open stream and releases its source once, when the client goes away", async () => {
    const counter = new StreamCounter({ max: 1 });
    const { app, hub, release } = streamApp(counter);
    const controller = new AbortController();
    const response = await app.request("/events", { headers: sse, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(counter.snapshot()).toEqual({ test: 1 });
    expect(hub.subscriberCount).toBe(1);
    expect(release).not.toHaveBeenCalled();

    controller.abort();
    await response.body?.cancel().catch(() => undefined);
    await vi.waitFor(() => expect(release).toHaveBeenCalledTimes(1));
    expect(counter.snapshot()).toEqual({ test: 0 });
    expect(hub.subscriberCount).toBe(0);
    expect(counter.open("test").refused).toBeUndefined();
  });
});
