import { describe, expect, it, vi } from "vitest";
import {
  EventStreamError,
  type StreamedEvent,
  streamSessionEvents,
  streamTaskEvents,
} from "./event-stream.js";

interface Call {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}

type Script = (call: Call) => Response | Promise<Response>;

/** A fetch that answers each connection with the next scripted response. */
function scriptedFetch(...script: Script[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const call = {
      url,
      headers: init.headers as Record<string, string>,
      signal: init.signal as AbortSignal,
    };
    calls.push(call);
    const next = script[calls.length - 1];
    if (!next) throw new Error("no more scripted responses");
    return next(call);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const sse = (text: string) => () =>
  new Response(text, { status: 200, headers: { "content-type": "text/event-stream" } });

/** A stream that stays open until the request is aborted. */
const hanging = (text: string) => (call: Call) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        call.signal.addEventListener("abort", () => controller.error(new Error("aborted")));
      },
    }),
    { status: 200 },
  );

const base = { baseUrl: "http://agents.test/", projectId: "demo", sessionId: "s 1" };

async function collect<E>(stream: AsyncIterable<StreamedEvent<E>>, limit = Infinity) {
  const out: StreamedEvent<E>[] = [];
  for await (const item of stream) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

/** A session stream that starts backing off at 10 ms and gives up after two retries, recording its waits. */
function retryingTwice(fetch: typeof globalThis.fetch) {
  const delays: number[] = [];
  const stream = streamSessionEvents({
    ...base,
    fetch,
    initialDelayMs: 10,
    maxRetries: 2,
    onRetry: ({ delayMs }) => delays.push(delayMs),
  });
  return { stream, delays };
}

describe("streamSessionEvents", () => {
  it("yields JSON events with their ids and skips comments and non-JSON data", async () => {
    const { fetch, calls } = scriptedFetch(
      hanging(
        'retry: 5\n: connected to s1\n\nid: 7\ndata: {"type":"agent_start"}\n\n: heartbeat\n\ndata: not json\n\ndata: {"no":"type"}\n\nid: 8\ndata: {"type":"turn_start"}\n\n',
      ),
    );
    const events = await collect(streamSessionEvents({ ...base, fetch }), 2);
    expect(events).toEqual([
      { id: 7, event: { type: "agent_start" } },
      { id: 8, event: { type: "turn_start" } },
    ]);
    expect(calls[0]?.url).toBe("http://agents.test/v1/projects/demo/sessions/s%201/events");
    expect(calls[0]?.headers.accept).toBe("text/event-stream");
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it("reconnects after the stream ends, resuming with Last-Event-ID", async () => {
    const { fetch, calls } = scriptedFetch(
      sse('id: 3\ndata: {"type":"agent_start"}\n\n'),
      hanging('id: 4\ndata: {"type":"agent_end","messages":[]}\n\n'),
    );
    const retries: number[] = [];
    const events = await collect(
      streamSessionEvents({
        ...base,
        fetch,
        lastEventId: 2,
        initialDelayMs: 1,
        onRetry: ({ attempt }) => retries.push(attempt),
      }),
      2,
    );
    expect(events.map((e) => e.id)).toEqual([3, 4]);
    expect(calls.map((call) => call.headers["last-event-id"])).toEqual(["2", "3"]);
    expect(retries).toEqual([1]);
  });

  it("backs off exponentially on server errors and gives up after maxRetries", async () => {
    const unavailable = () => new Response("busy", { status: 503 });
    const { fetch, calls } = scriptedFetch(unavailable, unavailable, unavailable);
    const { stream, delays } = retryingTwice(fetch);
    await expect(collect(stream)).rejects.toThrow(/answered 503/);
    expect(calls).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(8);
    expect(delays[0]).toBeLessThanOrEqual(12);
    expect(delays[1]).toBeGreaterThanOrEqual(16);
    expect(delays[1]).toBeLessThanOrEqual(24);
  });

  it("waits at least what a refusal's Retry-After asks, in seconds or as a date", async () => {
    const limited = () =>
      new Response(JSON.stringify({ code: "STREAM_LIMIT_REACHED" }), {
        status: 503,
        headers: { "retry-after": "5", "content-type": "application/problem+json" },
      });
    const dated = () =>
      new Response("busy", {
        status: 503,
        headers: { "retry-after": new Date(Date.now() + 60_000).toUTCString() },
      });
    const { fetch } = scriptedFetch(limited, dated, () => new Response("x", { status: 502 }));
    const { stream, delays } = retryingTwice(fetch);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const ended = collect(stream).then(
        () => undefined,
        (error: unknown) => error,
      );
      for (let i = 0; i < 3; i++) await vi.advanceTimersByTimeAsync(61_000);
      expect(String(await ended)).toMatch(/answered 502/);
    } finally {
      vi.useRealTimers();
    }
    expect(delays[0]).toBe(5000);
    expect(delays[1]).toBeGreaterThan(58_000);
    expect(delays[1]).toBeLessThanOrEqual(60_000);
  });

  it("retries after a network error and sends fresh headers on each connection", async () => {
    let token = 0;
    const { fetch, calls } = scriptedFetch(
      () => Promise.reject(new TypeError("fetch failed")),
      hanging('id: 1\ndata: {"type":"agent_start"}\n\n'),
    );
    const events = await collect(
      streamSessionEvents({
        ...base,
        fetch,
        initialDelayMs: 1,
        headers: () => ({ authorization: `Bearer t${++token}` }),
      }),
      1,
    );
    expect(events).toHaveLength(1);
    expect(calls.map((call) => call.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("sends a stream ticket in the query when given one", async () => {
    const { fetch, calls } = scriptedFetch(hanging('id: 1\ndata: {"type":"agent_start"}\n\n'));
    await collect(streamSessionEvents({ ...base, fetch, ticket: "t/1", apiPrefix: "/agents" }), 1);
    expect(calls[0]?.url).toBe(
      "http://agents.test/agents/projects/demo/sessions/s%201/events?ticket=t%2F1",
    );
  });

  it("asks for the full view when told to, beside a ticket", async () => {
    const { fetch, calls } = scriptedFetch(hanging('id: 1\ndata: {"type":"agent_start"}\n\n'));
    await collect(streamSessionEvents({ ...base, fetch, ticket: "t", view: "full" }), 1);
    expect(calls[0]?.url).toBe(
      "http://agents.test/v1/projects/demo/sessions/s%201/events?view=full&ticket=t",
    );
  });

  it("fails for good on a 4xx answer, exposing the problem document", async () => {
    const { fetch, calls } = scriptedFetch(() =>
      Response.json({ code: "SESSION_NOT_FOUND", detail: "No session" }, { status: 404 }),
    );
    const error = await collect(streamSessionEvents({ ...base, fetch })).catch((e) => e);
    expect(error).toBeInstanceOf(EventStreamError);
    expect(error.status).toBe(404);
    expect(error.problem).toMatchObject({ code: "SESSION_NOT_FOUND" });
    expect(error.message).toContain("No session");
    expect(calls).toHaveLength(1);
  });

  it("ends without an error when its signal is aborted", async () => {
    const { fetch, calls } = scriptedFetch(hanging('id: 1\ndata: {"type":"agent_start"}\n\n'));
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const { event } of streamSessionEvents({
      ...base,
      fetch,
      signal: controller.signal,
    })) {
      seen.push(event.type);
      controller.abort();
    }
    expect(seen).toEqual(["agent_start"]);
    expect(calls[0]?.signal.aborted).toBe(true);
  });
});

describe("streamTaskEvents", () => {
  it("reads the org task stream under the given prefix, with a ticket, resuming after its ids", async () => {
    const { fetch, calls } = scriptedFetch(
      sse('id: 3\ndata: {"type":"task_status","taskId":"t1","status":"running"}\n\n'),
      hanging('id: 4\ndata: {"type":"task_deleted","taskId":"t1"}\n\n'),
    );
    const events = await collect(
      streamTaskEvents({
        baseUrl: "http://agents.test",
        apiPrefix: "/agents",
        ticket: "t k",
        initialDelayMs: 1,
        fetch,
      }),
      2,
    );
    expect(events.map((item) => [item.id, item.event.type])).toEqual([
      [3, "task_status"],
      [4, "task_deleted"],
    ]);
    expect(calls.map((call) => call.url)).toEqual([
      "http://agents.test/agents/tasks/events?ticket=t%20k",
      "http://agents.test/agents/tasks/events?ticket=t%20k",
    ]);
    expect(calls[1]?.headers["last-event-id"]).toBe("3");
  });
});

describe("issue 14.8: a replay_gap without an SSE id", () => {
  it("is yielded without an id and leaves Last-Event-ID at the last real event", async () => {
    const { fetch, calls } = scriptedFetch(
      sse(
        'data: {"type":"replay_gap","lastEventId":2,"oldestAvailableId":9,"message":"reload"}\n\nid: 9\ndata: {"type":"agent_start"}\n\ndata: {"type":"replay_gap","lastEventId":9,"oldestAvailableId":null,"message":"reload"}\n\n',
      ),
      hanging('id: 10\ndata: {"type":"turn_start"}\n\n'),
    );
    const events = await collect(
      streamSessionEvents({ ...base, fetch, lastEventId: 2, initialDelayMs: 1 }),
      4,
    );
    expect(events.map(({ id, event }) => [id, event.type])).toEqual([
      [undefined, "replay_gap"],
      [9, "agent_start"],
      [undefined, "replay_gap"],
      [10, "turn_start"],
    ]);
    expect(calls.map((call) => call.headers["last-event-id"])).toEqual(["2", "9"]);
  });
});
