import type { Queryable } from "../storage/postgres/index.js";
import type { TaskRecord } from "./task-types.js";

/** The columns every task query reads: the record itself. */
export interface TaskRow {
  record: TaskRecord;
}

/** The resource of a task's claim in `leases`, held by the node running it. */
export const taskClaimResource = (taskId: string): string => `task:${taskId}`;

/** The resource of a project's ownership in `leases`. */
export const projectResource = (projectId: string): string => `project:${projectId}`;

/** The channel on which nodes announce queued tasks (`queued`) and cancel requests (`cancel:<id>`). */
export const tasksChannel = "tasks";

/**
 * Writes `task` over its row, its sort and filter columns following the record. A task
 * leaving `running` drops its claim (the `task:<id>` lease too); a task becoming
 * `approved` wakes every worker when the transaction commits.
 */
export async function writeTaskRow(
  client: Queryable,
  previous: TaskRecord,
  task: TaskRecord,
  claimedBy?: string,
): Promise<void> {
  const running = task.status === "running";
  await client.query(
    `UPDATE tasks SET project_id = $2, source = $3, external_id = $4, status = $5,
            priority = $6, created_at = $7, session_id = $8, record = $9,
            claimed_by = CASE WHEN $10 THEN coalesce($11, claimed_by) ELSE NULL END,
            cancel_requested = cancel_requested AND $10
      WHERE id = $1`,
    [
      task.id,
      task.projectId,
      task.source,
      task.externalId,
      task.status,
      task.priority,
      task.createdAt,
      task.sessionId,
      JSON.stringify(task),
      running,
      claimedBy ?? null,
    ],
  );
  if (previous.status === "running" && !running) {
    await client.query("DELETE FROM leases WHERE resource = $1", [taskClaimResource(task.id)]);
  }
  if (previous.status !== "approved" && task.status === "approved") {
    await client.query("SELECT pg_notify($1, 'queued')", [tasksChannel]);
  }
}

/** Inserts a new task's row; answers false when a unique key (its external id) is taken. */
export async function insertTaskRow(client: Queryable, task: TaskRecord): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO tasks (id, project_id, source, external_id, status, priority, created_at,
                        session_id, record)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT DO NOTHING`,
    [
      task.id,
      task.projectId,
      task.source,
      task.externalId,
      task.status,
      task.priority,
      task.createdAt,
      task.sessionId,
      JSON.stringify(task),
    ],
  );
  if (rowCount === 1 && task.status === "approved") {
    await client.query("SELECT pg_notify($1, 'queued')", [tasksChannel]);
  }
  return rowCount === 1;
}

/** Whether node `nodeId` has a task of `projectId` running (claimed and not yet ended). */
export async function hasRunningTaskOn(
  client: Queryable,
  projectId: string,
  nodeId: string,
): Promise<boolean> {
  const { rowCount } = await client.query(
    "SELECT 1 FROM tasks WHERE project_id = $1 AND status = 'running' AND claimed_by = $2 LIMIT 1",
    [projectId, nodeId],
  );
  return (rowCount ?? 0) > 0;
}
