import { fauxAssistantMessage } from "#test-support/faux.js";
import {
  bootInProcess,
  eventsUrl,
  ms,
  percentile,
  RemoteReaders,
  until,
  wallClock,
} from "./support.js";

/** 1. Server-added latency, pi emitting an event → each of 100 SSE subscribers receiving it. */
export async function fanOutLatency(): Promise<void> {
  const { server, faux, post, newSession } = await bootInProcess(2000);
  const sessionId = await newSession();
  const live = await server.runtimes.get("bench").getSession(sessionId);
  const emittedAt = new Map<number, number>();
  // When pi emits an event, before the server touches it: the first tap stage sees it
  // just before the hub gives it the next id (a plain reply adds no ask-user events).
  live.tap("ask-user", () => emittedAt.set(live.hub.lastId + 1, wallClock()));
  const deliveries: Array<[number, number]> = [];
  const readers = new RemoteReaders();
  // Round 0 warms the reader process (and the server's stream path) and is not counted.
  for (let run = 0; run <= 5; run++) {
    const round = await readers.open(
      Array.from(
        { length: 100 },
        () => `${eventsUrl(server, sessionId)}?lastEventId=${live.hub.lastId}`,
      ),
    );
    faux.setResponses([fauxAssistantMessage("streamed word ".repeat(150))]);
    await post(`/projects/bench/sessions/${sessionId}/prompt`, { text: "go" });
    const { deliveries: delivered } = await round.finished;
    if (run > 0) deliveries.push(...delivered);
    await until(() => live.status === "idle");
  }
  readers.close();
  const latencies = deliveries.flatMap(([id, at]) => {
    const t0 = emittedAt.get(id);
    return t0 === undefined ? [] : [at - t0];
  });
  if (process.env.FANOUT_DETAIL) {
    const byId = new Map<number, number[]>();
    for (const [id, at] of deliveries) {
      const t0 = emittedAt.get(id);
      if (t0 === undefined) continue;
      const list = byId.get(id) ?? [];
      list.push(at - t0);
      byId.set(id, list);
    }
    const mins: number[] = [];
    const spreads: number[] = [];
    const worst: Array<[number, number, number]> = [];
    for (const [id, list] of byId) {
      const min = Math.min(...list);
      const max = Math.max(...list);
      mins.push(min);
      spreads.push(max - min);
      worst.push([id, min, max]);
    }
    worst.sort((a, b) => b[2] - a[2]);
    console.log(
      `first subscriber p50 ${ms(percentile(mins, 50))} p99 ${ms(percentile(mins, 99))}; spread p50 ${ms(percentile(spreads, 50))} p99 ${ms(percentile(spreads, 99))}`,
    );
    console.log(
      "worst events [id, min, max]:",
      worst
        .slice(0, 12)
        .map((w) => w.map((v) => v.toFixed(1)).join("/"))
        .join("  "),
    );
  }
  await server.stop();
  console.log(
    `1. fan-out, 100 subscribers, ${latencies.length / 100} events (${latencies.length} deliveries): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(percentile(latencies, 100))}`,
  );
}
