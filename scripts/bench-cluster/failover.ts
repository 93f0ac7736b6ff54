import { performance } from "node:perf_hooks";
import type { NodeProcess } from "#test-support/cluster-processes.js";
import { stopNodeProcess } from "#test-support/cluster-processes.js";
import type { BenchCluster } from "./bench-cluster-env.js";
import { expectJson, formatTable, median } from "./stats.js";
import { openTimedStream } from "./timed-stream.js";

export interface FailoverOptions {
  repeats: number;
  leaseTtlMs: number;
}

interface FailoverSample {
  victim: string;
  acceptedMs: number;
  endedMs: number;
  refusals: number;
}

/**
 * Part 3: a fresh node takes a fresh project (created through it, one prompt answered),
 * then is SIGKILLed. Measured from the kill: until a prompt through `prompter` is accepted
 * (202; refused with 503 while the dead node's lease lasts), and until that run's
 * `agent_end` arrives on a stream from `watcher`, opened before the kill.
 */
export async function measureFailover(
  cluster: BenchCluster,
  prompter: NodeProcess,
  watcher: NodeProcess,
  options: FailoverOptions,
): Promise<void> {
  const samples: FailoverSample[] = [];
  for (let run = 1; run <= options.repeats; run++) {
    samples.push(await failOnce(cluster, `victim${run}`, prompter, watcher));
  }
  const rows = samples.map((sample, i) => [
    String(i + 1),
    sample.victim,
    String(options.leaseTtlMs),
    sample.acceptedMs.toFixed(0),
    sample.endedMs.toFixed(0),
    String(sample.refusals),
  ]);
  rows.push([
    "median",
    "",
    String(options.leaseTtlMs),
    median(samples.map((sample) => sample.acceptedMs)).toFixed(0),
    median(samples.map((sample) => sample.endedMs)).toFixed(0),
    "",
  ]);
  console.log(
    `\n3. Failover: SIGKILL the node that runs a project, then prompt it through ${prompter.nodeId} (retrying every 50 ms) and stream from ${watcher.nodeId}; leases renew every TTL/3, so expect ≈ lease TTL (less up to a third) + a poll`,
  );
  console.log(
    formatTable(
      ["run", "killed", "lease TTL ms", "kill → 202 ms", "kill → agent_end ms", "503s"],
      rows,
    ),
  );
}

async function failOnce(
  cluster: BenchCluster,
  victimId: string,
  prompter: NodeProcess,
  watcher: NodeProcess,
): Promise<FailoverSample> {
  const victim = await cluster.start({ nodeId: victimId });
  const project = await expectJson<{ id: string }>(
    victim.api("/projects", { method: "POST", body: { name: `Failover ${victimId}` } }),
    201,
  );
  const session = await expectJson<{ id: string }>(
    victim.api(`/projects/${project.id}/sessions`, { method: "POST", body: {} }),
    201,
  );
  const path = `/projects/${project.id}/sessions/${session.id}`;
  const stream = await openTimedStream(`${watcher.url}/v1${path}/events`);
  await expectJson(victim.api(`${path}/prompt`, { method: "POST", body: { text: "Hello" } }), 202);
  await stream.waitFor("agent_end", 0);
  const health = await expectJson<{ cluster: { projects: string[] } }>(victim.api("/healthz"), 200);
  if (!health.cluster.projects.includes(project.id)) {
    throw new Error(`${victimId} does not run the project it created`);
  }
  const before = Math.max(...stream.arrivals.keys());

  const killedAt = performance.now();
  await stopNodeProcess(victim, "SIGKILL");
  let refusals = 0;
  for (;;) {
    const response = await prompter.api(`${path}/prompt`, {
      method: "POST",
      body: { text: "Are you there?" },
    });
    if (response.status === 202) break;
    const text = await response.text();
    if (response.status !== 503)
      throw new Error(`prompt after the crash: ${response.status} ${text}`);
    refusals += 1;
    if (performance.now() - killedAt > 60_000) throw new Error("no takeover within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const acceptedMs = performance.now() - killedAt;
  const endedMs = (await stream.waitFor("agent_end", before)) - killedAt;
  stream.close();
  return { victim: victimId, acceptedMs, endedMs, refusals };
}
