import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { WorktreeCleanupPolicy } from "../config/index.js";
import type { Logger } from "../logging/logger.js";
import type { Git } from "./git.js";
import { isTaskId, type TaskRecord } from "./task-types.js";

export interface TaskWorktreesOptions {
  git: Git;
  /** `.pi-global/worktrees`. */
  root: string;
  /** A project's directory; throws for ids that are not safe slugs. */
  projectDir(projectId: string): string;
  policy: WorktreeCleanupPolicy;
  logger: Logger;
}

/**
 * Where task worktrees live (`.pi-global/worktrees/{projectId}/{taskId}`, outside every
 * project's own checkout and derived from server-made ids only), when they are removed,
 * and the per-project lock that serialises repository-level git work.
 */
export class TaskWorktrees {
  readonly #options: TaskWorktreesOptions;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(options: TaskWorktreesOptions) {
    this.#options = options;
  }

  path(task: Pick<TaskRecord, "id" | "projectId">): string {
    if (!isTaskId(task.id)) throw new Error(`refusing unsafe task id ${task.id}`);
    this.#options.projectDir(task.projectId);
    return join(this.#options.root, task.projectId, task.id);
  }

  /**
   * Applies the cleanup policy to a finished task: removes its worktree (the branch
   * stays) when due. Returns the fields to record (`worktreePath: null` once it is gone).
   */
  async cleanUp(task: TaskRecord): Promise<Partial<TaskRecord>> {
    if (task.worktreePath === null) return {};
    const { policy } = this.#options;
    const remove = policy === "terminal" || (policy === "success" && task.status === "completed");
    if (!remove) {
      const present = await stat(task.worktreePath).then(
        () => true,
        () => false,
      );
      return present ? {} : { worktreePath: null };
    }
    try {
      await this.remove(task);
      return { worktreePath: null };
    } catch (error) {
      this.#options.logger.warn("could not remove a task worktree", {
        task: task.id,
        message: (error as Error).message,
      });
      return {};
    }
  }

  remove(task: Pick<TaskRecord, "id" | "projectId">): Promise<void> {
    const projectDir = this.#options.projectDir(task.projectId);
    return this.withProjectLock(task.projectId, () =>
      this.#options.git.removeWorktree(projectDir, this.path(task)),
    );
  }

  /**
   * Removes a task's worktree and its branch, so the task can run again from scratch
   * (a requeued run of a task whose node died).
   */
  discard(task: Pick<TaskRecord, "id" | "projectId" | "branch">): Promise<void> {
    const projectDir = this.#options.projectDir(task.projectId);
    return this.withProjectLock(task.projectId, async () => {
      await this.#options.git.removeWorktree(projectDir, this.path(task));
      if (task.branch !== null) await this.#options.git.deleteBranch(projectDir, task.branch);
    });
  }

  /**
   * Readies a project's repository after a crash: a lock file the killed process left is
   * stale (nothing else runs at start-up), and worktree records of removed directories
   * are pruned.
   */
  async recoverProject(projectId: string): Promise<void> {
    const projectDir = this.#options.projectDir(projectId);
    await rm(join(projectDir, ".git", "index.lock"), { force: true });
    await this.#options.git.prune(projectDir).catch(() => undefined);
  }

  /** Removes every worktree directory of a deleted project. */
  async removeProject(projectId: string): Promise<void> {
    this.#options.projectDir(projectId);
    await rm(join(this.#options.root, projectId), { recursive: true, force: true });
  }

  /**
   * Removes the worktree directories of projects that no longer exist: what a project
   * deletion cut short by a crash left behind.
   */
  async removeOrphans(projectExists: (projectId: string) => boolean): Promise<void> {
    const entries = await readdir(this.#options.root).catch(() => [] as string[]);
    for (const entry of entries.filter((name) => !projectExists(name))) {
      await rm(join(this.#options.root, entry), { recursive: true, force: true });
    }
  }

  withProjectLock<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(projectId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.catch(() => undefined);
    this.#locks.set(projectId, settled);
    void settled.then(() => {
      if (this.#locks.get(projectId) === settled) this.#locks.delete(projectId);
    });
    return result;
  }
}
