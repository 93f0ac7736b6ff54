import type { SessionStatus } from "../contract/session-status.js";
import type { Logger } from "../logging/logger.js";
import type { LiveSession } from "../sessions/index.js";
import type { ExecutionHooks, ExecutionOutcome } from "./task-execution.js";
import type { TaskStore } from "./task-store.js";
import { requeuedTask, type TaskRecord } from "./task-types.js";

/** Why a running task's execution was aborted. */
export type InterruptReason = "cancelled" | "timeout" | "shutdown";

export interface TaskWorkerDeps {
  store: TaskStore;
  logger: Logger;
  /** Tasks executing at once. */
  concurrency: number;
  /** A running task is aborted and failed after this. */
  timeoutMs: number;
  now: () => Date;
  /** The branch and worktree path a claimed task gets. */
  plan(task: TaskRecord): { branch: string; worktreePath: string };
  execute(task: TaskRecord, hooks: ExecutionHooks): Promise<ExecutionOutcome>;
  /** Removes a finished task's worktree per policy; returns the fields to record. */
  cleanUp(task: TaskRecord): Promise<Partial<TaskRecord>>;
  /**
   * What a stop does to the tasks it interrupts: `fail` them, or `requeue` them (back to
   * `approved`, run fields cleared, worktree and branch removed with `discard`) for
   * another node to run. Default `fail`.
   */
  onStop?: "fail" | "requeue";
  /** Removes a task's worktree and branch (before a requeue). */
  discard?(task: TaskRecord): Promise<void>;
  /** Called with the task's project once a run here ended and left the active set. */
  onRunEnded?(projectId: string): void;
  /** Every status change, and session status changes of running tasks. */
  onChange(task: TaskRecord, session: LiveSession | undefined, sessionStatus?: SessionStatus): void;
}

interface ActiveRun {
  controller: AbortController;
  session: LiveSession | undefined;
  done: Promise<void>;
}

const interruptErrors = (timeoutMs: number): Record<InterruptReason, string> => ({
  cancelled: "Cancelled while running",
  timeout: `Timed out after ${timeoutMs} ms (TASK_TIMEOUT_MS)`,
  shutdown: "The server shut down while the task was running",
});

/** A run ended elsewhere (failed over by another node, or deleted): its results are dropped. */
class RunSuperseded extends Error {}

/**
 * Claims approved tasks by priority then age, at most `concurrency` at once. The store
 * decides each claim (approved → running) atomically, so each task is claimed exactly
 * once, on this process or on another node sharing the store.
 */
export class TaskWorker {
  readonly #deps: TaskWorkerDeps;
  readonly #active = new Map<string, ActiveRun>();
  #stopped = false;
  #claiming: Promise<void> | undefined;
  #claimAgain = false;

  constructor(deps: TaskWorkerDeps) {
    this.#deps = deps;
  }

  get runningCount(): number {
    return this.#active.size;
  }

  /** The live session of a running task, if it has one yet. */
  session(taskId: string): LiveSession | undefined {
    return this.#active.get(taskId)?.session;
  }

  /** Ids of the tasks executing here. */
  activeIds(): string[] {
    return [...this.#active.keys()];
  }

  isActive(taskId: string): boolean {
    return this.#active.has(taskId);
  }

  /** Starts as many queued tasks as the concurrency allows; calls while claiming coalesce. */
  pump(): void {
    if (this.#claiming) {
      this.#claimAgain = true;
      return;
    }
    this.#claiming = this.#claimWhileFree().finally(() => {
      this.#claiming = undefined;
      if (this.#claimAgain) {
        this.#claimAgain = false;
        this.pump();
      }
    });
  }

  async #claimWhileFree(): Promise<void> {
    const { store, now, logger } = this.#deps;
    while (!this.#stopped && this.#active.size < this.#deps.concurrency) {
      let task: TaskRecord | undefined;
      try {
        task = await store.claim((current) => {
          const at = now().toISOString();
          return { ...this.#deps.plan(current), startedAt: at, updatedAt: at };
        });
      } catch (error) {
        logger.warn("could not claim a task", { message: (error as Error).message });
        return;
      }
      if (!task) return;
      const claimed = task;
      const run: ActiveRun = {
        controller: new AbortController(),
        session: undefined,
        done: Promise.resolve(),
      };
      this.#active.set(claimed.id, run);
      if (this.#stopped) run.controller.abort("shutdown");
      run.done = this.#run(claimed, run).finally(() => {
        this.#active.delete(claimed.id);
        this.#deps.onRunEnded?.(claimed.projectId);
        this.pump();
      });
    }
  }

  /** Aborts a running task's execution and waits until it is finished. */
  async interrupt(taskId: string, reason: InterruptReason): Promise<void> {
    const run = this.#active.get(taskId);
    if (!run) return;
    run.controller.abort(reason);
    await run.done;
  }

  /** Claims nothing more, aborts every running task and waits for them. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#claiming;
    const runs = [...this.#active.values()];
    for (const run of runs) run.controller.abort("shutdown");
    await Promise.all(runs.map((run) => run.done));
  }

  async #run(task: TaskRecord, run: ActiveRun): Promise<void> {
    const { store, now } = this.#deps;
    const id = task.id;
    const ours = (current: TaskRecord): TaskRecord => {
      if (current.status !== "running" || current.startedAt !== task.startedAt) {
        throw new RunSuperseded(`task ${id} is no longer this run's`);
      }
      return current;
    };
    this.#deps.onChange(task, undefined);
    const { signal } = run.controller;
    const timer = setTimeout(() => run.controller.abort("timeout"), this.#deps.timeoutMs);
    let latest = task;
    let outcome: ExecutionOutcome;
    try {
      outcome = await this.#deps.execute(task, {
        signal,
        save: async (patch) => {
          const saved = await store.update(id, (current) => ({
            ...ours(current),
            ...patch,
            updatedAt: now().toISOString(),
          }));
          latest = saved;
          return saved;
        },
        onSession: (session) => {
          run.session = session;
          this.#deps.onChange(latest, session);
        },
        onSessionStatus: (status) => {
          this.#deps.onChange(latest, run.session, status);
        },
      });
    } catch (error) {
      outcome = { status: "failed", error: (error as Error).message, patch: {} };
    } finally {
      clearTimeout(timer);
    }
    await this.#finish(latest, run, outcome, ours);
  }

  async #finish(
    task: TaskRecord,
    run: ActiveRun,
    outcome: ExecutionOutcome,
    ours: (current: TaskRecord) => TaskRecord,
  ): Promise<void> {
    const id = task.id;
    const { store, now, logger } = this.#deps;
    const reason = run.controller.signal.reason as InterruptReason | undefined;
    const interrupted = outcome.status === "interrupted" || run.controller.signal.aborted;
    if (interrupted && reason === "shutdown" && this.#deps.onStop === "requeue") {
      return this.#requeue(task, run, ours);
    }
    const status = interrupted
      ? reason === "cancelled"
        ? "cancelled"
        : "failed"
      : (outcome.status as "completed" | "failed" | "cancelled");
    const error = interrupted
      ? interruptErrors(this.#deps.timeoutMs)[reason ?? "shutdown"]
      : "error" in outcome
        ? outcome.error
        : null;
    try {
      const current = await store.get(id);
      if (!current) return;
      ours(current);
      const cleaned = await this.#deps.cleanUp({ ...current, ...outcome.patch, status });
      const at = now().toISOString();
      const finished = await store.update(id, (latest) => ({
        ...ours(latest),
        ...outcome.patch,
        ...cleaned,
        status,
        error,
        finishedAt: at,
        updatedAt: at,
      }));
      const fields = { task: id, project: finished.projectId, status, error };
      if (status === "failed") logger.warn("task finished", fields);
      else logger.info("task finished", fields);
      this.#deps.onChange(finished, run.session);
    } catch (failure) {
      if (failure instanceof RunSuperseded) {
        logger.warn("a run's result was dropped: the task ended elsewhere", { task: id });
        return;
      }
      logger.error("could not record a finished task", {
        task: id,
        message: (failure as Error).message,
      });
    }
  }

  /** Puts a task this stop interrupted back to `approved`, its worktree and branch gone. */
  async #requeue(
    task: TaskRecord,
    run: ActiveRun,
    ours: (current: TaskRecord) => TaskRecord,
  ): Promise<void> {
    const { store, now, logger } = this.#deps;
    try {
      const current = await store.get(task.id);
      if (!current) return;
      await this.#deps.discard?.(ours(current)).catch((failure: Error) =>
        logger.warn("could not discard a requeued task's worktree", {
          task: task.id,
          message: failure.message,
        }),
      );
      const requeued = await store.update(task.id, (latest) =>
        requeuedTask(ours(latest), now().toISOString()),
      );
      logger.info("task requeued at stop", { task: task.id, project: requeued.projectId });
      this.#deps.onChange(requeued, run.session);
    } catch (failure) {
      logger.error("could not requeue a task at stop", {
        task: task.id,
        message: (failure as Error).message,
      });
    }
  }
}
