import type { Logger } from "../logging/logger.js";
import type { TaskStore } from "./task-store.js";
import type { TaskRecord } from "./task-types.js";
import type { TaskWorktrees } from "./task-worktrees.js";

export interface RecoveryDeps {
  store: TaskStore;
  worktrees: TaskWorktrees;
  projectExists(projectId: string): boolean;
  listSessions(projectId: string): Promise<Array<{ id: string }>>;
  now: () => Date;
  logger: Logger;
  /**
   * Whether worktree directories of unknown projects are swept. Only a single server may:
   * a node of a cluster can see a project another node has just created as unknown.
   */
  sweepOrphanWorktrees: boolean;
}

export const interruptedError = "The server stopped while the task was running; it was not resumed";

/**
 * Start-up recovery. Tasks a crash left `running` are failed (their run was cut short
 * at an unknown point, so resuming is not safe) and their worktrees follow the cleanup
 * policy; a session pi never got to save is unlinked. Tasks and worktrees of projects
 * that no longer exist (a deletion a crash cut short) are dropped. Approved tasks stay
 * queued. Which tasks count is the store's answer: on a node of a cluster, only the ones
 * this node had claimed (the others may be running on live nodes).
 */
export async function recoverInterruptedTasks(deps: RecoveryDeps): Promise<void> {
  const { store, worktrees } = deps;
  if (deps.sweepOrphanWorktrees) await worktrees.removeOrphans(deps.projectExists);
  const { interrupted, orphaned } = await store.recoveryCandidates(deps.projectExists);
  for (const task of orphaned) await store.delete(task.id);
  for (const task of interrupted) {
    await worktrees.recoverProject(task.projectId);
    const failed: TaskRecord = { ...task, status: "failed", error: interruptedError };
    const cleaned = await worktrees.cleanUp(failed);
    const saved = await sessionSaved(deps, task);
    const at = deps.now().toISOString();
    await store.update(task.id, (current) => {
      if (current.status !== "running") return current;
      return {
        ...current,
        ...failed,
        ...cleaned,
        ...(saved ? {} : { sessionId: null }),
        finishedAt: at,
        updatedAt: at,
      };
    });
    deps.logger.warn("task interrupted by a restart marked failed", { task: task.id });
  }
}

/** pi writes a transcript once the first reply exists; a run killed earlier left none. */
async function sessionSaved(deps: RecoveryDeps, task: TaskRecord): Promise<boolean> {
  if (task.sessionId === null) return false;
  const sessions = await deps.listSessions(task.projectId);
  return sessions.some((session) => session.id === task.sessionId);
}
