import { performance } from "node:perf_hooks";
import { createParser } from "eventsource-parser";
import { apiToken } from "#test-support/tasks.js";
import { feedSse } from "../lib/feed-sse.js";

/** An SSE stream whose events carry the time (`performance.now()`) this process parsed them. */
export interface TimedStream {
  /** Arrival time of each event by SSE id. */
  arrivals: Map<number, number>;
  /** Event type of each event by SSE id. */
  types: Map<number, string>;
  /** Resolves once an event of `type` arrived after id `after`, with its arrival time. */
  waitFor(type: string, after: number, timeoutMs?: number): Promise<number>;
  close(): void;
}

/**
 * Opens `url` (a session's `/events`) with the test API token, from `lastEventId` on, and
 * records when each event arrives. Parsing is light (one `JSON.parse` for the type), so
 * several streams read in one process stay comparable.
 */
export async function openTimedStream(url: string, lastEventId = 0): Promise<TimedStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      accept: "text/event-stream",
      authorization: `Bearer ${apiToken}`,
      "last-event-id": String(lastEventId),
    },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`stream ${url}: ${response.status} ${await response.text()}`);
  }
  const arrivals = new Map<number, number>();
  const types = new Map<number, string>();
  const parser = createParser({
    onEvent: (event) => {
      if (event.id === undefined) return;
      const id = Number(event.id);
      arrivals.set(id, performance.now());
      types.set(id, (JSON.parse(event.data) as { type: string }).type);
    },
  });
  feedSse(response.body, parser);
  const found = (type: string, after: number) => {
    for (const [id, seen] of types) if (id > after && seen === type) return arrivals.get(id);
    return undefined;
  };
  return {
    arrivals,
    types,
    async waitFor(type, after, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const at = found(type, after);
        if (at !== undefined) return at;
        if (Date.now() > deadline) throw new Error(`no ${type} after id ${after} on ${url}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => controller.abort(),
  };
}
