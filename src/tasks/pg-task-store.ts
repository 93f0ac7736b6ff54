import { type ClusterNode, releaseLease } from "../cluster/index.js";
import { claimNextTask } from "./pg-task-claim.js";
import {
  insertTaskRow,
  type TaskRow,
  taskClaimResource,
  tasksChannel,
  writeTaskRow,
} from "./pg-task-rows.js";
import type { ClaimPlan, RecoveryCandidates, TaskListFilter, TaskStore } from "./task-store.js";
import { type TaskRecord, type TaskStatus, zeroCounts } from "./task-types.js";

export interface PgTaskStoreOptions {
  /** This node: its database, id, lease time and the registry that renews its leases. */
  cluster: ClusterNode;
  /** Tasks running at once across the cluster; 0 caps nothing. Default 0. */
  clusterConcurrency?: number;
}

/**
 * Tasks in the cluster's PostgreSQL database (table `tasks`, see migration 0003): every
 * node reads and writes the same rows. `update` locks the row, so a change computed on
 * one node never overwrites another node's; deduplication of `(projectId, source,
 * externalId)` is a unique index; a claim is `FOR UPDATE SKIP LOCKED` and takes the
 * project's lease and the task's claim lease (`task:<id>`) in the same transaction.
 */
export class PgTaskStore implements TaskStore {
  readonly #cluster: ClusterNode;
  readonly #clusterConcurrency: number;
  readonly #sessionTasks = new Map<string, string>();
  #counts = zeroCounts();
  #latestCreated = "";

  constructor(options: PgTaskStoreOptions) {
    this.#cluster = options.cluster;
    this.#clusterConcurrency = options.clusterConcurrency ?? 0;
  }

  async get(id: string): Promise<TaskRecord | undefined> {
    return this.#one("SELECT record FROM tasks WHERE id = $1", [id]);
  }

  findExternal(
    projectId: string,
    source: string | null,
    externalId: string,
  ): Promise<TaskRecord | undefined> {
    return this.#one(
      `SELECT record FROM tasks
        WHERE project_id = $1 AND coalesce(source, '') = coalesce($2, '') AND external_id = $3`,
      [projectId, source, externalId],
    );
  }

  async list(filter: TaskListFilter): Promise<{ items: TaskRecord[]; total: number }> {
    const where = "($1::text IS NULL OR project_id = $1) AND ($2::text IS NULL OR status = $2)";
    const values = [filter.projectId ?? null, filter.status ?? null];
    const { database } = this.#cluster;
    const [page, count] = await Promise.all([
      database.query<TaskRow>(
        `SELECT record FROM tasks WHERE ${where}
          ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [...values, filter.limit, filter.offset],
      ),
      database.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM tasks WHERE ${where}`,
        values,
      ),
    ]);
    return {
      items: page.rows.map((row) => this.#seen(row.record)),
      total: count.rows[0]?.total ?? 0,
    };
  }

  async ofProject(projectId: string): Promise<TaskRecord[]> {
    const { rows } = await this.#cluster.database.query<TaskRow>(
      "SELECT record FROM tasks WHERE project_id = $1 ORDER BY created_at, id",
      [projectId],
    );
    return rows.map((row) => this.#seen(row.record));
  }

  /** As of the last `refreshCounts()` (the node refreshes them on every poll). */
  countsByStatus(): Record<TaskStatus, number> {
    return { ...this.#counts };
  }

  /** Reads how many tasks are in each status. */
  async refreshCounts(): Promise<void> {
    const { rows } = await this.#cluster.database.query<{ status: TaskStatus; count: number }>(
      "SELECT status, count(*)::int AS count FROM tasks GROUP BY status",
    );
    const counts = zeroCounts();
    for (const row of rows) counts[row.status] = row.count;
    this.#counts = counts;
  }

  /**
   * Known for every task this node has read or written: a session belongs to one task
   * for good, so the answer is never wrong, only absent for tasks run on other nodes.
   */
  taskIdForSession(projectId: string, sessionId: string): string | undefined {
    return this.#sessionTasks.get(`${projectId}/${sessionId}`);
  }

  creationTime(now: Date): string {
    let at = now.toISOString();
    if (at <= this.#latestCreated) at = new Date(Date.parse(this.#latestCreated) + 1).toISOString();
    this.#latestCreated = at;
    return at;
  }

  async insert(task: TaskRecord): Promise<{ task: TaskRecord; created: boolean }> {
    if (await insertTaskRow(this.#cluster.database, task)) return { task, created: true };
    const existing =
      task.externalId === null
        ? undefined
        : await this.findExternal(task.projectId, task.source, task.externalId);
    if (!existing) throw new Error(`task ${task.id} is already in the store`);
    return { task: existing, created: false };
  }

  async update(id: string, change: (current: TaskRecord) => TaskRecord): Promise<TaskRecord> {
    const next = await this.#cluster.database.transaction(async (client) => {
      const { rows } = await client.query<TaskRow>(
        "SELECT record FROM tasks WHERE id = $1 FOR UPDATE",
        [id],
      );
      const current = rows[0]?.record;
      if (!current) throw new Error(`task ${id} is not in the store`);
      const changed = change(current);
      await writeTaskRow(client, current, changed);
      if (current.status === "running" && changed.status !== "running") {
        // Its claim ends with the run, so a requeued task is free to claim anywhere at once.
        await releaseLease(client, taskClaimResource(id), this.#cluster.nodeId);
      }
      return changed;
    });
    if (next.status !== "running") this.#cluster.nodes.untrack(taskClaimResource(id));
    return this.#seen(next);
  }

  async delete(id: string): Promise<void> {
    await this.#cluster.database.query("DELETE FROM tasks WHERE id = $1", [id]);
  }

  async claim(plan: ClaimPlan): Promise<TaskRecord | undefined> {
    const claim = await claimNextTask(this.#cluster, this.#clusterConcurrency, plan);
    if (!claim) return undefined;
    for (const resource of claim.resources) this.#cluster.nodes.track(resource);
    return this.#seen(claim.task);
  }

  /** Only the tasks this node id had claimed: the others may be running on live nodes. */
  async recoveryCandidates(): Promise<RecoveryCandidates> {
    const { rows } = await this.#cluster.database.query<TaskRow>(
      "SELECT record FROM tasks WHERE status = 'running' AND claimed_by = $1",
      [this.#cluster.nodeId],
    );
    return { interrupted: rows.map((row) => row.record), orphaned: [] };
  }

  /**
   * Asks the node running the task to stop it (the flag stays on the row for its poll,
   * and a notification tells it at once). Answers false when the task is not running.
   */
  async requestCancel(id: string): Promise<boolean> {
    return this.#cluster.database.transaction(async (client) => {
      const { rowCount } = await client.query(
        "UPDATE tasks SET cancel_requested = true WHERE id = $1 AND status = 'running'",
        [id],
      );
      if (rowCount === 1) {
        await client.query("SELECT pg_notify($1, $2)", [tasksChannel, `cancel:${id}`]);
      }
      return rowCount === 1;
    });
  }

  /** Which of `ids` (tasks this node runs) another node asked to cancel. */
  async cancelRequested(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#cluster.database.query<{ id: string }>(
      "SELECT id FROM tasks WHERE id = ANY($1::text[]) AND cancel_requested",
      [ids],
    );
    return rows.map((row) => row.id);
  }

  async close(): Promise<void> {}

  async #one(text: string, values: unknown[]): Promise<TaskRecord | undefined> {
    const { rows } = await this.#cluster.database.query<TaskRow>(text, values);
    return rows[0] ? this.#seen(rows[0].record) : undefined;
  }

  #seen(task: TaskRecord): TaskRecord {
    if (task.sessionId !== null) {
      this.#sessionTasks.set(`${task.projectId}/${task.sessionId}`, task.id);
    }
    return task;
  }
}
