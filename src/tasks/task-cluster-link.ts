import type { Logger } from "../logging/logger.js";
import type { Database } from "../storage/postgres/index.js";
import { tasksChannel } from "./pg-task-rows.js";
import type { PgTaskStore } from "./pg-task-store.js";
import type { TaskRecord } from "./task-types.js";
import type { TaskWorker } from "./task-worker.js";

export interface TaskClusterLinkDeps {
  database: Database;
  store: PgTaskStore;
  worker: TaskWorker;
  /** Ends the running tasks of dead nodes; answers the tasks it changed. */
  takeOverLost(): Promise<TaskRecord[]>;
  /** Publishes a status change this node made to a task (a taken-over one). */
  onChange(task: TaskRecord): void;
  /** How often the node looks without being told. */
  pollIntervalMs: number;
  logger: Logger;
}

/**
 * What ties one node's task worker to the others: a notification wakes the worker when
 * a task is approved anywhere and interrupts a run that another node asked to cancel;
 * a poll repeats both (notifications sent while the listener reconnects are lost),
 * takes over the tasks of dead nodes and refreshes the status counts.
 */
export class TaskClusterLink {
  readonly #deps: TaskClusterLinkDeps;
  #unlisten: (() => void) | undefined;
  #offReconnect: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(deps: TaskClusterLinkDeps) {
    this.#deps = deps;
  }

  /** Listens for announcements and starts polling; the first poll runs at once. */
  async start(): Promise<void> {
    const { database, pollIntervalMs } = this.#deps;
    this.#unlisten = await database.listen(tasksChannel, (payload) => this.#notified(payload));
    this.#offReconnect = database.onReconnect(() => this.poll());
    this.#timer = setInterval(() => this.poll(), pollIntervalMs);
    this.#timer.unref();
    this.poll();
  }

  /** One round: take over lost tasks, honour cancel requests, claim, refresh counts. */
  poll(): Promise<void> {
    this.#polling = this.#polling.then(() => this.#round());
    return this.#polling;
  }

  /** Asks the node running `taskId` to stop it; false when it is not running. */
  requestCancel(taskId: string): Promise<boolean> {
    return this.#deps.store.requestCancel(taskId);
  }

  /**
   * Asks the node running `taskId` to stop it and waits (at most `patienceMs`) until the
   * task has left `running`; answers the task then, or undefined when it was not running.
   */
  async cancelElsewhere(taskId: string, patienceMs: number): Promise<TaskRecord | undefined> {
    const { store } = this.#deps;
    if (!(await store.requestCancel(taskId))) return undefined;
    const deadline = Date.now() + patienceMs;
    let current = await store.get(taskId);
    while (current?.status === "running" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await store.get(taskId);
    }
    return current;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#unlisten?.();
    this.#offReconnect?.();
    await this.#polling;
  }

  async #round(): Promise<void> {
    if (this.#stopped) return;
    const { store, worker, logger } = this.#deps;
    try {
      for (const task of await this.#deps.takeOverLost()) this.#deps.onChange(task);
      for (const id of await store.cancelRequested(worker.activeIds())) {
        void worker.interrupt(id, "cancelled");
      }
      worker.pump();
      await store.refreshCounts();
    } catch (error) {
      logger.warn("task poll failed", { message: (error as Error).message });
    }
  }

  #notified(payload: string): void {
    if (this.#stopped) return;
    const { worker } = this.#deps;
    if (payload === "queued") worker.pump();
    else if (payload.startsWith("cancel:")) {
      const id = payload.slice("cancel:".length);
      if (worker.isActive(id)) void worker.interrupt(id, "cancelled");
    }
  }
}
