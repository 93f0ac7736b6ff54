import type { SessionStatus } from "../contract/session-status.js";
import type { Logger } from "../logging/logger.js";
import type { LiveSession } from "../sessions/index.js";
import type { ExecutionHooks, ExecutionOutcome } from "./task-execution.js";
import type { TaskStore } from "./task-store.js";
import type { TaskRecord } from "./task-types.js";

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

/** Higher priority first, then older first. */
export function compareQueued(a: TaskRecord, b: TaskRecord): number {
  return (
    b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  );
}

/**
 * Claims approved tasks by priority then age, at most `concurrency` at once. A claim
 * (approved → running) is checked and applied in one synchronous step of the store,
 * so each task is claimed exactly once.
 */
export class TaskWorker {
  readonly #deps: TaskWorkerDeps;
  readonly #active = new Map<string, ActiveRun>();
  #stopped = false;

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

  isActive(taskId: string): boolean {
    return this.#active.has(taskId);
  }

  /** Starts as many queued tasks as the concurrency allows. */
  pump(): void {
    while (!this.#stopped && this.#active.size < this.#deps.concurrency) {
      const next = this.#deps.store
        .all()
        .filter((task) => task.status === "approved" && !this.#active.has(task.id))
        .sort(compareQueued)[0];
      if (!next) return;
      const controller = new AbortController();
      const run: ActiveRun = { controller, session: undefined, done: Promise.resolve() };
      this.#active.set(next.id, run);
      run.done = this.#run(next.id, run).finally(() => {
        this.#active.delete(next.id);
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
    const runs = [...this.#active.values()];
    for (const run of runs) run.controller.abort("shutdown");
    await Promise.all(runs.map((run) => run.done));
  }

  async #run(id: string, run: ActiveRun): Promise<void> {
    const { store, now } = this.#deps;
    let task: TaskRecord;
    try {
      task = await store.update(id, (current) => {
        if (current.status !== "approved") throw new Error("no longer approved");
        const at = now().toISOString();
        return {
          ...current,
          ...this.#deps.plan(current),
          status: "running",
          startedAt: at,
          updatedAt: at,
        };
      });
    } catch {
      return;
    }
    this.#deps.onChange(task, undefined);
    const { signal } = run.controller;
    const timer = setTimeout(() => run.controller.abort("timeout"), this.#deps.timeoutMs);
    let outcome: ExecutionOutcome;
    try {
      outcome = await this.#deps.execute(task, {
        signal,
        save: (patch) =>
          store.update(id, (current) => ({ ...current, ...patch, updatedAt: now().toISOString() })),
        onSession: (session) => {
          run.session = session;
          const current = store.get(id);
          if (current) this.#deps.onChange(current, session);
        },
        onSessionStatus: (status) => {
          const current = store.get(id);
          if (current) this.#deps.onChange(current, run.session, status);
        },
      });
    } catch (error) {
      outcome = { status: "failed", error: (error as Error).message, patch: {} };
    } finally {
      clearTimeout(timer);
    }
    await this.#finish(id, run, outcome);
  }

  async #finish(id: string, run: ActiveRun, outcome: ExecutionOutcome): Promise<void> {
    const { store, now, logger } = this.#deps;
    const reason = run.controller.signal.reason as InterruptReason | undefined;
    const interrupted = outcome.status === "interrupted" || run.controller.signal.aborted;
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
      const current = store.get(id);
      if (!current) return;
      const cleaned = await this.#deps.cleanUp({ ...current, ...outcome.patch, status });
      const at = now().toISOString();
      const finished = await store.update(id, (latest) => ({
        ...latest,
        ...outcome.patch,
        ...cleaned,
        status,
        error,
        finishedAt: at,
        updatedAt: at,
      }));
      logger.info("task finished", { task: id, project: finished.projectId, status, error });
      this.#deps.onChange(finished, run.session);
    } catch (failure) {
      logger.error("could not record a finished task", {
        task: id,
        message: (failure as Error).message,
      });
    }
  }
}
