import { performance } from "node:perf_hooks";
import { bootInProcess, eventsUrl, ms, percentile, readSse } from "./support.js";

/** 5. A client reconnecting at `Last-Event-ID: 0` to a session of `count` events, most of them read back from the log. */
export async function replayFromLog(count: number): Promise<void> {
  const { server, newSession } = await bootInProcess(1000);
  const sessionId = await newSession();
  const live = await server.runtimes.get("bench").getSession(sessionId);
  const text = "streamed word ".repeat(10);
  for (let i = 0; i < count; i++) {
    live.hub.publish({ type: "queue_update", steering: [text], followUp: [] });
  }
  const lastId = live.hub.lastId;
  await new Promise((resolve) => setTimeout(resolve, 50)); // the log is written
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    let done: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      done = resolve;
    });
    const reader = await readSse(
      eventsUrl(server, sessionId),
      (id) => {
        if (id === lastId) done();
      },
      { "last-event-id": "0" },
    );
    await arrived;
    times.push(performance.now() - started);
    reader.close();
  }
  await server.stop();
  console.log(
    `5. replay of ${count} events (${live.hub.replayBytes} bytes still in memory) to a client reconnecting at 0: p50 ${ms(percentile(times, 50))}`,
  );
}
