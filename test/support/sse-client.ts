import { createParser } from "eventsource-parser";
import { wireEventViolation } from "./wire-event-validator.js";

export interface ReceivedEvent {
  /** The SSE id; `undefined` for a frame without one (`replay_gap`). */
  id: number | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary event payloads.
  data: any;
}

export interface SseConnection {
  events: ReceivedEvent[];
  /** Raw text received, comments included. */
  raw(): string;
  /** Events that were not valid JSON WireEvents (each one also fails `waitFor` and `close`). */
  violations: string[];
  waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
  closed: Promise<void>;
}

/**
 * Opens an SSE stream with fetch and parses it with a real SSE parser. Every event must
 * be JSON matching the generated schema (`TaskStreamEvent` on `/tasks/events`, `WireEvent`
 * with `?view=full`, otherwise `CompactWireEvent`): a violation makes `waitFor` and `close` throw, so every test that streams
 * checks the contract.
 */
export async function openSse(
  url: string,
  options: { lastEventId?: number; headers?: Record<string, string> } = {},
): Promise<SseConnection> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: "text/event-stream", ...options.headers };
  if (options.lastEventId !== undefined) headers["last-event-id"] = String(options.lastEventId);
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) {
    throw new Error(`SSE open failed: ${response.status} ${await response.text()}`);
  }
  const events: ReceivedEvent[] = [];
  let raw = "";
  const violations: string[] = [];
  const parsed = new URL(url);
  const root = parsed.pathname.endsWith("/tasks/events")
    ? "TaskStreamEvent"
    : parsed.searchParams.get("view") === "full"
      ? "WireEvent"
      : "CompactWireEvent";
  const parser = createParser({
    onEvent: (event) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        violations.push(`event ${event.id ?? "?"} is not JSON: ${event.data.slice(0, 200)}`);
        return;
      }
      const violation = wireEventViolation(data, root);
      if (violation) violations.push(`event ${event.id ?? "?"}: ${violation}`);
      events.push({ id: event.id === undefined ? undefined : Number(event.id), data });
    },
  });
  const assertValid = () => {
    if (violations.length > 0) {
      throw new Error(`SSE stream broke the WireEvent contract:\n${violations.join("\n")}`);
    }
  };
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  const closed = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        parser.feed(text);
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    raw: () => raw,
    violations,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        assertValid();
        if (Date.now() > deadline) {
          throw new Error(`Timed out; received: ${events.map((e) => e.data.type).join(", ")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assertValid();
    },
    close: () => {
      controller.abort();
      assertValid();
    },
    closed,
  };
}
