import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { runsSessions } from "../cluster/index.js";
import type { Logger } from "../logging/logger.js";
import { EventHub } from "../sse/event-hub.js";
import { logErrorsTo } from "../sse/hub-log.js";
import { EventSequence } from "../sse/sequence.js";
import { fileEventLogs } from "../storage/index.js";
import { FileTaskStore } from "./file-task-store.js";
import { Git } from "./git.js";
import { takeOverLostTasks } from "./pg-task-failover.js";
import { PgTaskStore } from "./pg-task-store.js";
import { TaskClusterLink } from "./task-cluster-link.js";
import type { TaskEvent } from "./task-events.js";
import { executeTask } from "./task-execution.js";
import { envFor, type TaskServiceOptions } from "./task-service-options.js";
import type { TaskStore } from "./task-store.js";
import { taskBranch } from "./task-types.js";
import { TaskWorker, type TaskWorkerDeps } from "./task-worker.js";
import { TaskWorktrees } from "./task-worktrees.js";

/**
 * What a started queue runs on: the stored tasks, their event hub, the worker and, on a
 * node of a cluster, the link to the other nodes.
 */
export interface TaskQueue {
  store: TaskStore;
  worker: TaskWorker;
  /** The task stream's hub (in a cluster, this node's follower of the shared stream). */
  events: EventHub<TaskEvent>;
  link: TaskClusterLink | undefined;
  /** Publishes a task event on the stream (in a cluster, to every node). */
  publish(event: TaskEvent): void;
  /** Ends the stream: its streams close, what was published is written. */
  closeEvents(): Promise<void>;
}

/**
 * The task store backend: the cluster's database when `options.cluster` is set, else
 * one JSON file per task in `.pi-global/tasks/items`.
 */
export async function openTaskStore(
  options: TaskServiceOptions,
  logger: Logger,
): Promise<FileTaskStore | PgTaskStore> {
  if (options.cluster) {
    return new PgTaskStore({
      cluster: options.cluster,
      ...(options.clusterConcurrency === undefined
        ? {}
        : { clusterConcurrency: options.clusterConcurrency }),
    });
  }
  return FileTaskStore.open(join(options.registry.layout.tasksDir, "items"), logger);
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

/** Where the task stream's replay log lives: per node in a cluster, until the stream is shared. */
function eventsDir(options: TaskServiceOptions): string {
  const tasksDir = options.registry.layout.tasksDir;
  return options.cluster ? join(tasksDir, "nodes", `node-${options.cluster.nodeId}`) : tasksDir;
}

/**
 * Opens the store and the event sequence in `.pi-global/tasks/` and builds the worker
 * that runs approved tasks with `executeTask`, each option's default applied here.
 * Recovering interrupted tasks, the first `pump()` and starting the link are the caller's.
 */
export async function openTaskQueue(deps: OpenTaskQueueDeps): Promise<TaskQueue> {
  const { options, git, worktrees, logger, now } = deps;
  const store = await openTaskStore(options, logger);
  const shared = await options.sharedEvents?.();
  const events = shared?.hub ?? (await localTaskEvents(options));
  const worker = new TaskWorker({
    store,
    logger,
    concurrency:
      options.cluster && !runsSessions(options.cluster.role) ? 0 : (options.concurrency ?? 1),
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
    // A stopped node's tasks run on elsewhere only in a cluster; alone, a restart fails them.
    onStop: options.cluster ? (options.lostPolicy ?? "fail") : "fail",
    discard: (task) => worktrees.discard(task),
    ...(options.onRunEnded ? { onRunEnded: options.onRunEnded } : {}),
    onChange: deps.onChange,
  });
  const { cluster } = options;
  const link =
    cluster && store instanceof PgTaskStore
      ? new TaskClusterLink({
          database: cluster.database,
          store,
          worker,
          takeOverLost: () =>
            takeOverLostTasks({
              database: cluster.database,
              nodeId: cluster.nodeId,
              policy: options.lostPolicy ?? "fail",
              worktrees,
              now,
              logger,
            }),
          onChange: (task) => deps.onChange(task, undefined),
          pollIntervalMs: options.clusterPollMs ?? 2000,
          logger,
        })
      : undefined;
  return {
    store,
    worker,
    events,
    link,
    publish: (event) => (shared ? shared.publish(event) : events.publish(event)),
    closeEvents: () => (shared ? shared.close() : events.close()),
  };
}

/** The task stream of a single server: ids from a file sequence, events in a file log. */
async function localTaskEvents(options: TaskServiceOptions): Promise<EventHub<TaskEvent>> {
  const tasksDir = eventsDir(options);
  await mkdir(tasksDir, { recursive: true, mode: 0o700 });
  return new EventHub<TaskEvent>({
    sequence: EventSequence.open(join(tasksDir, "event-seq.json")),
    log: await (options.eventLogs ?? fileEventLogs()).open(join(tasksDir, "events")),
    ...(options.replayMaxBytes === undefined ? {} : { maxBytes: options.replayMaxBytes }),
    ...(options.logger ? { onLogError: logErrorsTo(options.logger, { stream: "tasks" }) } : {}),
  });
}
