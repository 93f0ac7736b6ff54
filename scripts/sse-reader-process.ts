/**
 * Child process for bench-sse: opens SSE readers so their parsing does not share the
 * server's event loop. Protocol (IPC), one round at a time: receives `{ urls }`, answers
 * `{ opened }` once every stream is connected, then `{ done, deliveries }` once every
 * stream has seen `agent_end` (and closes them); each delivery is `[eventId, wallClockMs]`.
 * The process stays for the next round, so later rounds find its code warm.
 */
import { type ClientRequest, get } from "node:http";
import { performance } from "node:perf_hooks";

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * A lean SSE reader (node:http, no web streams) so the measurement is the server's, not
 * the client's: frames are found by their blank lines and only their `id:` line and
 * whether their event is `agent_end` (its `type` comes first) are read.
 */
function open(
  url: string,
  deliveries: Array<[number, number]>,
  onEnd: () => void,
): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      response.setEncoding("utf8");
      response.on("error", () => undefined); // destroyed once the round is done
      let buffer = "";
      resolve(request);
      response.on("data", (chunk: string) => {
        const at = wallClock();
        buffer += chunk;
        // Walk the frames with a cursor: each is read once, whatever the chunk holds.
        let start = 0;
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          if (buffer.startsWith("id: ", start)) {
            const idEnd = buffer.indexOf("\n", start);
            deliveries.push([Number(buffer.slice(start + 4, idEnd)), at]);
            if (buffer.startsWith('data: {"type":"agent_end"', idEnd + 1)) onEnd();
          }
          start = boundary + 2;
          boundary = buffer.indexOf("\n\n", start);
        }
        buffer = buffer.slice(start);
      });
    });
    request.on("error", reject);
  });
}

process.on("message", async (message: { urls: string[] }) => {
  const deliveries: Array<[number, number]> = [];
  let ended = 0;
  let requests: ClientRequest[] = [];
  const onEnd = () => {
    ended += 1;
    if (ended === message.urls.length) {
      const doneAt = wallClock();
      for (const request of requests) request.destroy();
      process.send?.({ done: true, doneAt, deliveries });
    }
  };
  requests = await Promise.all(message.urls.map((url) => open(url, deliveries, onEnd)));
  process.send?.({ opened: true });
});
