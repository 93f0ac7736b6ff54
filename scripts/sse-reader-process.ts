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
 * the client's: frames are split on blank lines and only their `id:` and end are read.
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
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          const frame = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const id = /^id: (\d+)$/m.exec(frame)?.[1];
          if (id !== undefined) {
            deliveries.push([Number(id), at]);
            if (frame.includes('"type":"agent_end"')) onEnd();
          }
          boundary = buffer.indexOf("\n\n");
        }
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
