/**
 * Cluster benchmarks (docs/scale-out.md): real node processes (`test/fixtures/cluster-node.ts`,
 * the standalone server with a faux agent) on a throwaway PostgreSQL started here, sharing
 * one temp workspace per cluster:
 *   1. task throughput: approved tasks run by 1 node (role all) vs 3 nodes, each
 *      configuration on a fresh database, same TASK_CONCURRENCY per node (tasks/s, ratio);
 *   2. stream latency: a session's prompts run on node A; per event, arrival on the SSE
 *      streams of B and C (served from the shared log through LISTEN/NOTIFY) minus arrival
 *      on A's own stream (p50/p95/p99);
 *   3. failover: SIGKILL the node that runs a project; time until a prompt through another
 *      node is accepted and until its `agent_end` arrives on a third node's stream (median).
 * The machine's noise shows in every number: read ratios and medians, not single values.
 *
 * Usage: npm run bench:cluster [-- --tasks=120 --only=1,2,3 ...]
 *   --tasks         approved tasks in part 1 (default 120, or BENCH_CLUSTER_TASKS)
 *   --projects      git projects the tasks are spread over (default 12)
 *   --concurrency   TASK_CONCURRENCY of every node (default 4)
 *   --shape         the 3-node configuration: `all` (3× all, default) or `api+workers`
 *   --prompts       prompts in part 2 (default 5)
 *   --chunks        text chunks per reply in part 2 (default 300)
 *   --tokens-per-second  streaming pace of the faux model in parts 2 and 3 (default 2000)
 *   --failovers     crashes in part 3, each of a fresh node and project (default 3)
 *   --lease-ttl     CLUSTER_LEASE_TTL_MS of every node (default 2000)
 *   --only          parts to run (default 1,2,3)
 */
import { cpus } from "node:os";
import { openBenchEnvironment } from "./bench-cluster/bench-cluster-env.js";
import { measureFailover } from "./bench-cluster/failover.js";
import { measureStreamLatency } from "./bench-cluster/stream-latency.js";
import { measureThroughput, type ThreeNodeShape } from "./bench-cluster/throughput.js";

function option(name: string, fallback: string): string {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
}

function count(name: string, fallback: string): number {
  const raw = option(name, fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} takes a positive integer, got ${raw}`);
  }
  return value;
}

const tasks = count("tasks", process.env.BENCH_CLUSTER_TASKS ?? "120");
const projects = count("projects", "12");
const concurrency = count("concurrency", "4");
const shape = option("shape", "all");
if (shape !== "all" && shape !== "api+workers") {
  throw new Error(`--shape takes all or api+workers, got ${shape}`);
}
const prompts = count("prompts", "5");
const chunks = count("chunks", "300");
const tokensPerSecond = count("tokens-per-second", "2000");
const failovers = count("failovers", "3");
const leaseTtlMs = count("lease-ttl", "2000");
const only = new Set(option("only", "1,2,3").split(",").map(Number));

const env = await openBenchEnvironment(leaseTtlMs);
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // `on`, not `once`: Ctrl-C reaches this process twice (the terminal and tsx's relay).
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    void env.close().finally(() => process.exit(130));
  });
}

try {
  const started = Date.now();
  console.log(
    `bench:cluster on ${process.platform}/${process.arch}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, Node ${process.version}; CLUSTER_LEASE_TTL_MS=${leaseTtlMs}`,
  );
  if (only.has(1)) {
    await measureThroughput(env, { tasks, projects, concurrency, shape: shape as ThreeNodeShape });
  }
  if (only.has(2) || only.has(3)) {
    // Parts 2 and 3 share one cluster: a runs the streamed session, b and c watch it;
    // in part 3 fresh nodes crash, prompts go through b and c streams.
    const cluster = await env.cluster();
    const nodeEnv = {
      FAUX_REPLY_CHUNKS: String(chunks),
      FAUX_TOKENS_PER_SECOND: String(tokensPerSecond),
    };
    const a = await cluster.start({ nodeId: "a", env: nodeEnv });
    const b = await cluster.start({ nodeId: "b", env: nodeEnv });
    const c = await cluster.start({ nodeId: "c", role: "api", env: nodeEnv });
    if (only.has(2)) await measureStreamLatency(a, [b, c], { prompts, chunks });
    if (only.has(3)) await measureFailover(cluster, b, c, { repeats: failovers, leaseTtlMs });
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await env.close();
}
