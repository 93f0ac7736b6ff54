import { type ClusterNode, tryAcquireLease } from "../cluster/index.js";
import type { Queryable } from "../storage/postgres/index.js";
import { projectResource, type TaskRow, taskClaimResource, writeTaskRow } from "./pg-task-rows.js";
import type { ClaimPlan } from "./task-store.js";
import type { TaskRecord } from "./task-types.js";

/** Serialises claims while a cluster-wide cap is set, so the running count cannot overshoot. */
const claimLockKey = 0x70_69_74_71; // "pitq"

/** Projects skipped in one claim because another node took their lease meanwhile. */
const maxProjectRaces = 8;

/** A claimed task and the leases the claim took (for the node's heartbeat to renew). */
export interface Claim {
  task: TaskRecord;
  resources: string[];
}

/**
 * Claims the next approved task for `node`, in one transaction: the highest-priority,
 * oldest approved row whose project is unowned, expired or owned by this node, locked
 * with `SKIP LOCKED` (so nodes claiming at once take different rows); then the project's
 * lease and the task's claim lease; then the row becomes `running`, claimed by the node.
 * With a cluster cap, claims run one at a time under an advisory lock and stop at the cap.
 */
export function claimNextTask(
  node: ClusterNode,
  clusterConcurrency: number,
  plan: ClaimPlan,
): Promise<Claim | undefined> {
  return node.database.transaction(async (client) => {
    if (clusterConcurrency > 0 && (await runningCount(client)) >= clusterConcurrency) {
      return undefined;
    }
    const raced: string[] = [];
    for (let attempt = 0; attempt <= maxProjectRaces; attempt++) {
      const task = await nextClaimable(client, node.nodeId, raced);
      if (!task) return undefined;
      const project = projectResource(task.projectId);
      if (!(await tryAcquireLease(client, project, node.nodeId, node.leaseTtlMs))) {
        raced.push(task.projectId);
        continue;
      }
      const claimResource = taskClaimResource(task.id);
      if (!(await tryAcquireLease(client, claimResource, node.nodeId, node.leaseTtlMs))) {
        throw new Error(`task ${task.id} is approved but another node holds its claim`);
      }
      const claimed: TaskRecord = { ...task, ...plan(task), status: "running" };
      await writeTaskRow(client, task, claimed, node.nodeId);
      return { task: claimed, resources: [project, claimResource] };
    }
    return undefined;
  });
}

async function runningCount(client: Queryable): Promise<number> {
  await client.query("SELECT pg_advisory_xact_lock($1)", [claimLockKey]);
  const { rows } = await client.query<{ running: number }>(
    "SELECT count(*)::int AS running FROM tasks WHERE status = 'running'",
  );
  return rows[0]?.running ?? 0;
}

async function nextClaimable(
  client: Queryable,
  nodeId: string,
  skippedProjects: string[],
): Promise<TaskRecord | undefined> {
  const { rows } = await client.query<TaskRow>(
    `SELECT t.record FROM tasks t
      WHERE t.status = 'approved' AND t.project_id <> ALL($2::text[])
        AND NOT EXISTS (
          SELECT 1 FROM leases l
           WHERE l.resource = 'project:' || t.project_id
             AND l.node_id <> $1 AND l.expires_at >= now())
      ORDER BY t.priority DESC, t.created_at, t.id
      LIMIT 1
      FOR UPDATE OF t SKIP LOCKED`,
    [nodeId, skippedProjects],
  );
  return rows[0]?.record;
}
