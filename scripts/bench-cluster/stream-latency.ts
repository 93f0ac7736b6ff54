import type { NodeProcess } from "#test-support/cluster-processes.js";
import { expectJson, formatTable, percentile, waitUntil } from "./stats.js";
import { openTimedStream, type TimedStream } from "./timed-stream.js";

export interface StreamLatencyOptions {
  prompts: number;
  /** Text chunks per reply (`FAUX_REPLY_CHUNKS` of the nodes). */
  chunks: number;
}

/**
 * Part 2: a session whose prompts run on `runner`; one SSE subscriber on `runner` itself
 * and one on each of `others` (served from the shared event log through LISTEN/NOTIFY).
 * For every event, the arrival time on each other node's stream minus its arrival time on
 * the runner's own stream.
 */
export async function measureStreamLatency(
  runner: NodeProcess,
  others: NodeProcess[],
  options: StreamLatencyOptions,
): Promise<void> {
  const project = await expectJson<{ id: string }>(
    runner.api("/projects", { method: "POST", body: { name: "Streams" } }),
    201,
  );
  const session = await expectJson<{ id: string }>(
    runner.api(`/projects/${project.id}/sessions`, { method: "POST", body: {} }),
    201,
  );
  const health = await expectJson<{ cluster: { projects: string[] } }>(runner.api("/healthz"), 200);
  if (!health.cluster.projects.includes(project.id)) {
    throw new Error(`node ${runner.nodeId} does not run the project it created`);
  }
  const path = `/projects/${project.id}/sessions/${session.id}`;
  const nodes = [runner, ...others];
  const streams = await Promise.all(
    nodes.map((node) => openTimedStream(`${node.url}/v1${path}/events`)),
  );
  let lastId = 0;
  for (let k = 0; k < options.prompts; k++) {
    // The session turns idle just after `agent_end`; until then a prompt is refused (409).
    const accepted = await waitUntil(
      () =>
        runner.api(`${path}/prompt`, {
          method: "POST",
          body: { text: `[long] Tell me a long story, part ${k + 1}` },
        }),
      (response) => response.status !== 409,
      30_000,
    );
    await expectJson(accepted, 202);
    await Promise.all(streams.map((stream) => stream.waitFor("agent_end", lastId)));
    lastId = Math.max(...streams.map((stream) => Math.max(...stream.arrivals.keys())));
  }
  for (const stream of streams) stream.close();

  const own = streams[0] as TimedStream;
  const rows = others.map((node, i) => {
    const stream = streams[i + 1] as TimedStream;
    const delays: number[] = [];
    let missing = 0;
    for (const [id, at] of own.arrivals) {
      const there = stream.arrivals.get(id);
      if (there === undefined) missing += 1;
      else delays.push(there - at);
    }
    return [
      node.nodeId,
      String(delays.length),
      String(missing),
      percentile(delays, 50).toFixed(2),
      percentile(delays, 95).toFixed(2),
      percentile(delays, 99).toFixed(2),
      Math.max(...delays).toFixed(2),
    ];
  });
  const types = [...own.types.values()];
  const deltas = types.filter((type) => type === "message_update").length;
  console.log(
    `\n2. Stream latency: ${options.prompts} prompts on node ${runner.nodeId}, ~${options.chunks} chunks per reply (${own.arrivals.size} events, ${deltas} message_update); per event, arrival on another node's stream minus arrival on ${runner.nodeId}'s own stream`,
  );
  console.log(
    formatTable(["stream on", "events", "missing", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows),
  );
}
