import type { LostTaskPolicy } from "../config/index.js";
import type { Logger } from "../logging/logger.js";
import type { Database, Queryable } from "../storage/postgres/index.js";
import { type TaskRow, writeTaskRow } from "./pg-task-rows.js";
import { requeuedTask, type TaskRecord } from "./task-types.js";
import type { TaskWorktrees } from "./task-worktrees.js";

export interface LostTaskDeps {
  database: Database;
  /** This node: its own claims are recovered at its start, never taken over. */
  nodeId: string;
  policy: LostTaskPolicy;
  worktrees: TaskWorktrees;
  now: () => Date;
  logger: Logger;
}

/** The error a task records when the node running it died. */
export const lostTaskError = (nodeId: string) => `node ${nodeId} stopped while running it`;

interface LostRow extends TaskRow {
  claimed_by: string | null;
  cancel_requested: boolean;
}

/**
 * Ends the running tasks of nodes that died: a task whose claim lease (`task:<id>`)
 * expired or vanished is failed with "node <id> stopped while running it" (its
 * worktree cleaned up per the cleanup policy), or with `requeue` put back to `approved`
 * with its run fields cleared and its worktree and branch removed, so it runs again. A
 * task whose cancellation was requested is cancelled instead. Each task is taken over
 * by exactly one node: its row stays locked until its new state is committed. Answers
 * the tasks ended or requeued.
 */
export async function takeOverLostTasks(deps: LostTaskDeps): Promise<TaskRecord[]> {
  const handled: TaskRecord[] = [];
  for (;;) {
    const task = await deps.database.transaction(async (client) => {
      const lost = await nextLost(client, deps.nodeId);
      if (!lost) return undefined;
      const next = await resolveLost(deps, lost);
      await writeTaskRow(client, lost.record, next);
      return next;
    });
    if (!task) return handled;
    deps.logger.warn("task of a stopped node taken over", { task: task.id, status: task.status });
    handled.push(task);
  }
}

async function nextLost(client: Queryable, nodeId: string): Promise<LostRow | undefined> {
  const { rows } = await client.query<LostRow>(
    `SELECT t.record, t.claimed_by, t.cancel_requested FROM tasks t
      WHERE t.status = 'running' AND t.claimed_by IS DISTINCT FROM $1
        AND NOT EXISTS (
          SELECT 1 FROM leases l
           WHERE l.resource = 'task:' || t.id
             AND l.node_id = t.claimed_by AND l.expires_at >= now())
      ORDER BY t.created_at, t.id
      LIMIT 1
      FOR UPDATE OF t SKIP LOCKED`,
    [nodeId],
  );
  return rows[0];
}

async function resolveLost(deps: LostTaskDeps, lost: LostRow): Promise<TaskRecord> {
  const at = deps.now().toISOString();
  const error = lostTaskError(lost.claimed_by ?? "unknown");
  if (deps.policy === "requeue" && !lost.cancel_requested) {
    await deps.worktrees.discard(lost.record).catch((failure: Error) =>
      deps.logger.warn("could not discard a lost task's worktree", {
        task: lost.record.id,
        message: failure.message,
      }),
    );
    return requeuedTask(lost.record, at);
  }
  const ended: TaskRecord = lost.cancel_requested
    ? { ...lost.record, status: "cancelled", error: `Cancelled; ${error}` }
    : { ...lost.record, status: "failed", error };
  const cleaned = await deps.worktrees.cleanUp(ended);
  return { ...ended, ...cleaned, finishedAt: at, updatedAt: at };
}
