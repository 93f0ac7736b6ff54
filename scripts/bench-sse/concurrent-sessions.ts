import { performance } from "node:perf_hooks";
import { fauxAssistantMessage } from "#test-support/faux.js";
import { bootInProcess, eventsUrl, ms, readSse, until } from "./support.js";

/** 4. `count` sessions streaming at once: events lost or duplicated on their streams (must be 0). */
export async function concurrentSessions(count: number): Promise<void> {
  const { server, faux, post, newSession } = await bootInProcess(1000);
  const ids = await Promise.all(Array.from({ length: count }, () => newSession()));
  const published = new Map<string, number>();
  const readers = await Promise.all(
    ids.map(async (id) => {
      const live = await server.runtimes.get("bench").getSession(id);
      published.set(id, 0);
      live.hub.observe({
        event: () => published.set(id, (published.get(id) ?? 0) + 1),
        close: () => undefined,
      });
      return readSse(eventsUrl(server, id));
    }),
  );
  faux.setResponses(
    Array.from({ length: count }, () => fauxAssistantMessage("concurrent words ".repeat(200))),
  );
  const t0 = performance.now();
  await Promise.all(ids.map((id) => post(`/projects/bench/sessions/${id}/prompt`, { text: "go" })));
  await until(() => readers.every((reader) => reader.types.includes("agent_end")), 120_000);
  const elapsed = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 200));
  let lost = 0;
  let duplicated = 0;
  let delivered = 0;
  readers.forEach((reader, index) => {
    const expected = published.get(ids[index] as string) ?? 0;
    const unique = new Set(reader.ids).size;
    delivered += reader.ids.length;
    lost += Math.max(0, expected - unique);
    duplicated += reader.ids.length - unique;
  });
  for (const reader of readers) reader.close();
  await server.stop();
  console.log(
    `4. ${count} concurrent streaming sessions: ${delivered} events delivered in ${ms(elapsed)}, lost ${lost}, duplicated ${duplicated}`,
  );
}
