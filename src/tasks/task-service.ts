import { randomUUID } from "node:crypto";
import type { SessionStatus } from "../contract/session-status.js";
import { AppError } from "../errors/index.js";
import { type Logger, silentLogger } from "../logging/logger.js";
import type { LiveSession } from "../sessions/index.js";
import type { EventHub } from "../sse/event-hub.js";
import type { Git } from "./git.js";
import { type TaskEvent, taskStatusEvent } from "./task-events.js";
import { openTaskQueue, type TaskQueue, taskWorkspace } from "./task-queue.js";
import { recoverInterruptedTasks } from "./task-recovery.js";
import type { TaskServiceOptions } from "./task-service-options.js";
import {
  type NewTaskInput,
  newTaskRecord,
  type TaskRecord,
  type TaskStatus,
  zeroCounts,
} from "./task-types.js";
import type { TaskWorktrees } from "./task-worktrees.js";

/**
 * A task as the API shows it: the record plus its live session's status while it runs.
 * On a node of a cluster, `sessionStatus` is null for a task running on another node.
 */
export type TaskView = TaskRecord & { sessionStatus: SessionStatus | null };

function conflict(task: TaskRecord, action: string): AppError {
  return new AppError("TASK_STATUS_CONFLICT", `Cannot ${action} a task that is ${task.status}`);
}

/**
 * The approval queue: webhook submissions wait for a human; approved tasks run as
 * project sessions in git worktrees (see `TaskWorker`). State lives in
 * `.pi-global/tasks/`; status changes are published on `events` and on the task's
 * session stream. Nothing touches the disk until first use (or `ready()`).
 *
 * @example
 * const tasks = new TaskService({ registry, runtime: (id) => runtimes.get(id), concurrency: 2 });
 * await tasks.ready(); // recovers tasks interrupted by a crash and starts the worker
 */
export class TaskService {
  readonly #options: TaskServiceOptions;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #git: Git;
  readonly #worktrees: TaskWorktrees;
  #started: Promise<TaskQueue> | undefined;
  #resolved: TaskQueue | undefined;

  constructor(options: TaskServiceOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? (() => new Date());
    const workspace = taskWorkspace(options, this.#logger);
    this.#git = workspace.git;
    this.#worktrees = workspace.worktrees;
    options.registry.onDelete((projectId) => this.#forgetProject(projectId));
  }

  /** Loads the store, resolves tasks a crash left `running`, and starts the worker. Idempotent. */
  ready(): Promise<TaskQueue> {
    this.#started ??= this.#start();
    return this.#started;
  }

  /** Tasks executing right now. */
  get runningCount(): number {
    return this.#resolved?.worker.runningCount ?? 0;
  }

  /**
   * The task that owns a session, if any; `undefined` until the store has loaded. On a
   * node of a cluster, known for the tasks this node has run or read.
   */
  taskIdForSession(projectId: string, sessionId: string): string | undefined {
    return this.#resolved?.store.taskIdForSession(projectId, sessionId);
  }

  /** Bytes of task events held for stream replay; 0 until the service has started. */
  get replayBytes(): number {
    return this.#resolved?.events.replayBytes ?? 0;
  }

  /** How many tasks are in each status; all zero until the store has loaded. */
  countsByStatus(): Record<TaskStatus, number> {
    return this.#resolved?.store.countsByStatus() ?? zeroCounts();
  }

  /** The org-wide task event hub (for SSE). */
  async events(): Promise<EventHub<TaskEvent>> {
    return (await this.ready()).events;
  }

  /**
   * Adds a pending task, or returns the project's task with the same `(source, externalId)`.
   *
   * @throws {AppError} `PROJECT_NOT_FOUND`
   */
  async submit(
    projectId: string,
    input: NewTaskInput,
  ): Promise<{ task: TaskView; created: boolean }> {
    this.#options.registry.require(projectId);
    const { store } = await this.ready();
    if (input.externalId !== undefined) {
      const existing = await store.findExternal(projectId, input.source ?? null, input.externalId);
      if (existing) return { task: this.#view(existing), created: false };
    }
    const fresh = newTaskRecord(randomUUID(), projectId, input, store.creationTime(this.#now()));
    const { task, created } = await store.insert(fresh);
    if (!created) return { task: this.#view(task), created: false };
    this.#logger.info("task submitted", { task: task.id, project: projectId });
    this.#publish(task, undefined);
    return { task: this.#view(task), created: true };
  }

  /** @throws {AppError} `PROJECT_NOT_FOUND`, `TASK_NOT_FOUND` */
  async get(projectId: string, taskId: string): Promise<TaskView> {
    return this.#view(await this.#require(projectId, taskId));
  }

  async list(filter: {
    projectId?: string | undefined;
    status?: TaskStatus | undefined;
    limit: number;
    offset: number;
  }): Promise<{ items: TaskView[]; total: number }> {
    if (filter.projectId !== undefined) this.#options.registry.require(filter.projectId);
    const { store } = await this.ready();
    const { items, total } = await store.list(filter);
    return { items: items.map((task) => this.#view(task)), total };
  }

  /** pending → approved; the worker picks it up by priority then age. */
  async approve(projectId: string, taskId: string): Promise<TaskView> {
    this.#options.runGate?.(projectId);
    const task = await this.#transition(projectId, taskId, "approve", ["pending"], (at) => ({
      status: "approved",
      approvedAt: at,
    }));
    (await this.ready()).worker.pump();
    return task;
  }

  /** pending → rejected, with an optional reason. */
  reject(projectId: string, taskId: string, reason?: string): Promise<TaskView> {
    return this.#transition(projectId, taskId, "reject", ["pending"], (at) => ({
      status: "rejected",
      rejectReason: reason ?? null,
      finishedAt: at,
    }));
  }

  /**
   * approved → cancelled at once; running → aborted, cancelled once the agent stopped.
   * A task running on another node of a cluster is asked to stop there, and the answer
   * waits (within the abort grace and two polls) until it has.
   */
  async cancel(projectId: string, taskId: string): Promise<TaskView> {
    const { worker, store, link } = await this.ready();
    const task = await this.#require(projectId, taskId);
    if (task.status === "running" && worker.isActive(taskId)) {
      await worker.interrupt(taskId, "cancelled");
      return this.#view((await store.get(taskId)) ?? task);
    }
    if (task.status === "running" && link) {
      const patienceMs =
        (this.#options.abortGraceMs ?? 5000) + 2 * (this.#options.clusterPollMs ?? 2000) + 1000;
      const stopped = await link.cancelElsewhere(taskId, patienceMs);
      if (stopped) return this.#view(stopped);
    }
    const from: TaskStatus[] = link ? ["approved"] : ["approved", "running"];
    return this.#transition(projectId, taskId, "cancel", from, (at) => ({
      status: "cancelled",
      error: "Cancelled before it ran",
      finishedAt: at,
    }));
  }

  /** Deletes a task that is not running, and its worktree (its branch and session stay). */
  async delete(projectId: string, taskId: string): Promise<void> {
    const { store } = await this.ready();
    const task = await this.#require(projectId, taskId);
    if (task.status === "running") throw conflict(task, "delete");
    await store.delete(taskId);
    if (task.worktreePath !== null) await this.#worktrees.remove(task).catch(() => undefined);
    this.#emit({ type: "task_deleted", taskId, projectId, at: this.#now().toISOString() });
  }

  /**
   * Stops claiming, aborts running tasks (recorded as failed; in a cluster with
   * `lostPolicy: "requeue"`, put back to `approved` for another node) and flushes the store.
   */
  async stop(): Promise<void> {
    if (!this.#started) return;
    const { worker, store, closeEvents, link } = await this.#started;
    await link?.stop();
    await worker.stop();
    await store.close();
    await closeEvents();
  }

  async #start(): Promise<TaskQueue> {
    const started = await openTaskQueue({
      options: this.#options,
      git: this.#git,
      worktrees: this.#worktrees,
      logger: this.#logger,
      now: this.#now,
      onChange: (task, session, sessionStatus) => this.#publish(task, session, sessionStatus),
    });
    this.#resolved = started;
    await recoverInterruptedTasks({
      store: started.store,
      worktrees: this.#worktrees,
      projectExists: (projectId) => this.#options.registry.get(projectId) !== undefined,
      listSessions: (projectId) => this.#options.runtime(projectId).listSessions(),
      now: this.#now,
      logger: this.#logger,
      sweepOrphanWorktrees: this.#options.cluster === undefined,
    });
    if (started.link) await started.link.start();
    else started.worker.pump();
    return started;
  }

  async #forgetProject(projectId: string): Promise<void> {
    const { store, worker, link } = await this.ready();
    for (const task of await store.ofProject(projectId)) {
      if (worker.isActive(task.id)) await worker.interrupt(task.id, "cancelled");
      else if (task.status === "running") await link?.requestCancel(task.id);
      await store.delete(task.id);
      this.#emit({
        type: "task_deleted",
        taskId: task.id,
        projectId,
        at: this.#now().toISOString(),
      });
    }
    await this.#worktrees.removeProject(projectId);
  }

  async #require(projectId: string, taskId: string): Promise<TaskRecord> {
    this.#options.registry.require(projectId);
    const { store } = await this.ready();
    const task = await store.get(taskId);
    if (!task || task.projectId !== projectId) {
      throw new AppError("TASK_NOT_FOUND", `No task with id "${taskId}" in this project`);
    }
    return task;
  }

  async #transition(
    projectId: string,
    taskId: string,
    action: string,
    from: readonly TaskStatus[],
    change: (at: string) => Partial<TaskRecord>,
  ): Promise<TaskView> {
    await this.#require(projectId, taskId);
    const { store } = await this.ready();
    const updated = await store.update(taskId, (current) => {
      if (!from.includes(current.status)) throw conflict(current, action);
      const at = this.#now().toISOString();
      return { ...current, ...change(at), updatedAt: at };
    });
    this.#publish(updated, undefined);
    return this.#view(updated);
  }

  #view(task: TaskRecord): TaskView {
    const session = task.status === "running" ? this.#resolved?.worker.session(task.id) : undefined;
    return { ...task, sessionStatus: session?.status ?? null };
  }

  #publish(task: TaskRecord, session: LiveSession | undefined, sessionStatus?: SessionStatus) {
    const event = taskStatusEvent(
      task,
      sessionStatus ?? session?.status ?? null,
      this.#now().toISOString(),
    );
    this.#emit(event);
    if (session && sessionStatus === undefined) session.hub.publish(event);
  }

  #emit(event: TaskEvent): void {
    this.#resolved?.publish(event);
    this.#options.onEvent?.(event);
  }
}
