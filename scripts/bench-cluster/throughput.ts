import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { NodeProcess } from "#test-support/cluster-processes.js";
import { bareRemote, initProjectRepo } from "#test-support/git.js";
import { webhookSecret } from "#test-support/tasks.js";
import type { BenchEnvironment } from "./bench-cluster-env.js";
import { expectJson, formatTable, median, waitUntil } from "./stats.js";

/** How the three-node configuration divides the work. */
export type ThreeNodeShape = "all" | "api+workers";

export interface ThroughputOptions {
  tasks: number;
  projects: number;
  /** `TASK_CONCURRENCY` of every node. */
  concurrency: number;
  shape: ThreeNodeShape;
}

interface ThroughputResult {
  label: string;
  runners: number;
  wallMs: number;
  failed: number;
  /** Median time of one task from start to finish. */
  runMs: number;
  /** Tasks run by each node, e.g. `t0 40, t1 41`. */
  ranOn: string;
}

/**
 * Part 1: `tasks` approved tasks spread over `projects` git projects (each with its own
 * bare remote), run by one node and then by three, each configuration on a fresh database
 * and workspace. The clock runs from the first approval to the last task finished.
 */
export async function measureThroughput(
  env: BenchEnvironment,
  options: ThroughputOptions,
): Promise<void> {
  const single = await runTasks(env, options, "1 node (all)", ["all"]);
  const three: Array<"all" | "api" | "worker"> =
    options.shape === "all" ? ["all", "all", "all"] : ["api", "worker", "worker"];
  const label = options.shape === "all" ? "3 nodes (3× all)" : "3 nodes (api + 2 workers)";
  const multi = await runTasks(env, options, label, three);
  const rate = (result: ThroughputResult) => (options.tasks * 1000) / result.wallMs;
  const rows = [single, multi].map((result) => [
    result.label,
    String(result.runners * options.concurrency),
    `${(result.wallMs / 1000).toFixed(2)}`,
    rate(result).toFixed(2),
    (result.runMs / 1000).toFixed(2),
    String(result.failed),
    result.ranOn,
  ]);
  console.log(
    `\n1. Task throughput: ${options.tasks} approved tasks over ${options.projects} projects, TASK_CONCURRENCY=${options.concurrency} per node`,
  );
  console.log(
    formatTable(
      [
        "configuration",
        "task slots",
        "wall s",
        "tasks/s",
        "run s (p50)",
        "failed",
        "tasks per node",
      ],
      rows,
    ),
  );
  console.log(
    `ratio 3-node/1-node: ${(rate(multi) / rate(single)).toFixed(2)}× tasks/s (wall: first approval → last task finished; run: one task's start → finish; a project's tasks all run on the node holding its lease)`,
  );
}

async function runTasks(
  env: BenchEnvironment,
  options: ThroughputOptions,
  label: string,
  roles: Array<"all" | "api" | "worker">,
): Promise<ThroughputResult> {
  const cluster = await env.cluster();
  const nodes: NodeProcess[] = [];
  // One at a time: the first runs the migrations, the rest find them applied.
  for (const [i, role] of roles.entries()) {
    nodes.push(
      await cluster.start({
        nodeId: `t${i}`,
        role,
        env: { TASK_CONCURRENCY: String(options.concurrency) },
      }),
    );
  }
  const front = nodes.filter((_node, i) => roles[i] !== "worker");
  // Projects are created round-robin through the serving nodes, so `all` nodes each take some.
  const projects: string[] = [];
  for (let p = 0; p < options.projects; p++) {
    const via = front[p % front.length] as NodeProcess;
    const project = await expectJson<{ id: string }>(
      via.api("/projects", { method: "POST", body: { name: `Bench ${p}` } }),
      201,
    );
    await initProjectRepo(
      join(cluster.workspace, project.id),
      await bareRemote(await env.tempDir()),
    );
    projects.push(project.id);
  }
  const submitted: Array<{ via: NodeProcess; path: string }> = [];
  for (let i = 0; i < options.tasks; i++) {
    const p = i % projects.length;
    const via = front[p % front.length] as NodeProcess;
    const path = `/projects/${projects[p]}/tasks`;
    const task = await expectJson<{ id: string }>(
      via.api(path, {
        method: "POST",
        token: webhookSecret,
        body: { title: `Task ${i}`, prompt: `write task-${i}.txt ${i}` },
      }),
      201,
    );
    submitted.push({ via, path: `${path}/${task.id}/approve` });
  }
  const started = performance.now();
  await Promise.all(
    front.map(async (via) => {
      for (const task of submitted.filter((entry) => entry.via === via)) {
        await expectJson(via.api(task.path, { method: "POST" }), 200);
      }
    }),
  );
  const finished = await waitUntil(
    () =>
      cluster.query<{ completed: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
                count(*) FILTER (WHERE status IN ('failed', 'cancelled', 'rejected'))::int AS failed
           FROM tasks`,
      ),
    ([row]) => (row?.completed ?? 0) + (row?.failed ?? 0) >= options.tasks,
    300_000,
    25,
  );
  const wallMs = performance.now() - started;
  const runs = await cluster.query<{ ms: number }>(
    `SELECT extract(epoch FROM (record->>'finishedAt')::timestamptz - (record->>'startedAt')::timestamptz) * 1000 AS ms
       FROM tasks WHERE status = 'completed'`,
  );
  const runMs = median(runs.map((row) => Number(row.ms)));
  // A claim takes the project's lease, which stays with its node while that node lives:
  // the lease holders at the end are the nodes that ran each project's tasks.
  const perNode = await cluster.query<{ node_id: string; n: number }>(
    `SELECT l.node_id, count(*)::int AS n FROM tasks t
       JOIN leases l ON l.resource = 'project:' || t.project_id
      GROUP BY l.node_id ORDER BY l.node_id`,
  );
  await cluster.stop();
  const runners = roles.filter((role) => role !== "api").length;
  return {
    label,
    runners,
    wallMs,
    failed: finished[0]?.failed ?? 0,
    runMs,
    ranOn: perNode.map((row) => `${row.node_id} ${row.n}`).join(", "),
  };
}
