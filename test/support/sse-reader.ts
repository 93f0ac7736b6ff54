import { createParser } from "eventsource-parser";

export interface ReadFrame {
  /** The SSE id; undefined for a frame without one (`replay_gap`). */
  id: number | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary event payloads.
  data: any;
}

export interface SseReader {
  frames: ReadFrame[];
  /** Waits until `predicate` holds for the frames read so far. */
  waitFor(predicate: (frames: ReadFrame[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Reads the SSE frames of an in-process response (`app.request`) as they arrive. */
export function readSse(response: Response): SseReader {
  if (response.status !== 200 || !response.body) {
    throw new Error(`not an event stream: ${response.status}`);
  }
  const frames: ReadFrame[] = [];
  const parser = createParser({
    onEvent: (event) =>
      frames.push({
        id: event.id === undefined ? undefined : Number(event.id),
        data: JSON.parse(event.data),
      }),
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
    }
  })();
  return {
    frames,
    async waitFor(predicate, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(frames)) {
        if (Date.now() > until) {
          throw new Error(`stream never matched; read ids ${frames.map((f) => f.id).join(",")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
