import { join } from "node:path";
import type { Logger } from "../logging/logger.js";
import { EventHub } from "../sse/event-hub.js";
import { EventSequence } from "../sse/sequence.js";
import { fileEventLogs } from "../storage/index.js";
import { Git } from "./git.js";
import type { TaskEvent } from "./task-events.js";
import { executeTask } from "./task-execution.js";
import { envFor, type TaskServiceOptions } from "./task-service-options.js";
import { TaskStore } from "./task-store.js";
import { taskBranch } from "./task-types.js";
import { TaskWorker, type TaskWorkerDeps } from "./task-worker.js";
import { TaskWorktrees } from "./task-worktrees.js";

/** What a started queue runs on: the stored tasks, their event hub and the worker. */
export interface TaskQueue {
  store: TaskStore;
  worker: TaskWorker;
  /** The task stream's hub (in a cluster, this node's follower of the shared stream). */
  events: EventHub<TaskEvent>;
  /** Publishes a task event on the stream (in a cluster, to every node). */
  publish(event: TaskEvent): void;
  /** Ends the stream: its streams close, what was published is written. */
  closeEvents(): Promise<void>;
}

/** Git with the tasks' environment and identity, and the worktrees tasks run in. */
export function taskWorkspace(
  options: TaskServiceOptions,
  logger: Logger,
): { git: Git; worktrees: TaskWorktrees } {
  const git = new Git({
    env: envFor("git", options.env ?? {}),
    ...(options.identity ? { identity: options.identity } : {}),
  });
  const worktrees = new TaskWorktrees({
    git,
    root: join(options.registry.layout.globalDir, "worktrees"),
    projectDir: (projectId) => options.registry.layout.projectDir(projectId),
    policy: options.worktreeCleanup ?? "success",
    logger,
  });
  return { git, worktrees };
}

export interface OpenTaskQueueDeps {
  options: TaskServiceOptions;
  git: Git;
  worktrees: TaskWorktrees;
  logger: Logger;
  now: () => Date;
  onChange: TaskWorkerDeps["onChange"];
}

/**
 * Opens the store and the event sequence in `.pi-global/tasks/` and builds the worker
 * that runs approved tasks with `executeTask`, each option's default applied here.
 * Recovering interrupted tasks and the first `pump()` are the caller's.
 */
export async function openTaskQueue(deps: OpenTaskQueueDeps): Promise<TaskQueue> {
  const { options, git, worktrees, logger, now } = deps;
  const tasksDir = options.registry.layout.tasksDir;
  const store = await TaskStore.open(join(tasksDir, "items"), logger);
  const shared = await options.sharedEvents?.();
  const events =
    shared?.hub ??
    new EventHub<TaskEvent>({
      sequence: EventSequence.open(join(tasksDir, "event-seq.json")),
      log: await (options.eventLogs ?? fileEventLogs()).open(join(tasksDir, "events")),
      ...(options.replayMaxBytes === undefined ? {} : { maxBytes: options.replayMaxBytes }),
    });
  const worker = new TaskWorker({
    store,
    logger,
    concurrency: options.concurrency ?? 1,
    timeoutMs: options.timeoutMs ?? 600_000,
    now,
    plan: (task) => ({ branch: taskBranch(task.id), worktreePath: worktrees.path(task) }),
    execute: (task, hooks) => {
      options.runGate?.(task.projectId);
      return executeTask(
        {
          git,
          runtime: (projectId) => options.runtime(projectId),
          projectDir: (projectId) => options.registry.layout.projectDir(projectId),
          withProjectLock: (projectId, work) => worktrees.withProjectLock(projectId, work),
          prCommand: options.prCommand,
          env: envFor("pr", options.env ?? {}),
          maxResultTextLength: options.maxResultTextLength ?? 20_000,
          abortGraceMs: options.abortGraceMs ?? 5000,
        },
        task,
        hooks,
      );
    },
    cleanUp: (task) => worktrees.cleanUp(task),
    onChange: deps.onChange,
  });
  return {
    store,
    worker,
    events,
    publish: (event) => (shared ? shared.publish(event) : events.publish(event)),
    closeEvents: () => (shared ? shared.close() : events.close()),
  };
}
