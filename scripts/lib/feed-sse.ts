import type { EventSourceParser } from "eventsource-parser";

/**
 * Feeds a streamed response body to an SSE parser in the background, until the stream
 * ends or is torn down (a benchmark closing it, or the server behind it killed).
 */
export function feedSse(body: ReadableStream<Uint8Array>, parser: EventSourceParser): void {
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // Torn down: nothing more to read.
    }
  })();
}
