/**
 * Child process for bench-sse: opens SSE readers so their parsing does not share the
 * server's event loop. Protocol (IPC): receives `{ urls }`, answers `{ opened }` once
 * every stream is connected, then `{ done, deliveries }` once every stream has seen
 * `agent_end`; each delivery is `[eventId, wallClockMs]`.
 */
import { performance } from "node:perf_hooks";
import { createParser } from "eventsource-parser";

const wallClock = () => performance.timeOrigin + performance.now();

async function open(url: string, deliveries: Array<[number, number]>, onEnd: () => void) {
  const response = await fetch(url);
  if (!response.body) throw new Error(`no body from ${url}`);
  const parser = createParser({
    onEvent: (event) => {
      deliveries.push([Number(event.id), wallClock()]);
      if (event.data.includes('"type":"agent_end"')) onEnd();
    },
  });
  const decoder = new TextDecoder();
  void (async () => {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
    }
  })().catch(() => undefined);
}

process.on("message", async (message: { urls: string[] }) => {
  const deliveries: Array<[number, number]> = [];
  let ended = 0;
  let doneAt = 0;
  const onEnd = () => {
    ended += 1;
    if (ended === message.urls.length) {
      doneAt = wallClock();
      process.send?.({ done: true, doneAt, deliveries }, () => process.exit(0));
    }
  };
  await Promise.all(message.urls.map((url) => open(url, deliveries, onEnd)));
  process.send?.({ opened: true });
});
