import { createParser } from "eventsource-parser";

export interface ReceivedEvent {
  id: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary event payloads.
  data: any;
}

export interface SseConnection {
  events: ReceivedEvent[];
  /** Raw text received, comments included. */
  raw(): string;
  waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
  closed: Promise<void>;
}

/** Opens an SSE stream with fetch and parses it with a real SSE parser. */
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
  const parser = createParser({
    onEvent: (event) => events.push({ id: Number(event.id), data: JSON.parse(event.data) }),
  });
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
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline) {
          throw new Error(`Timed out; received: ${events.map((e) => e.data.type).join(", ")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => controller.abort(),
    closed,
  };
}
