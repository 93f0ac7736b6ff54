import { type TaskStatus, taskStatuses } from "../contract/task-events.js";

export { type TaskStatus, taskStatuses };

/** Statuses a task never leaves. */
export const terminalStatuses: ReadonlySet<TaskStatus> = new Set([
  "completed",
  "failed",
  "cancelled",
  "rejected",
]);

/** Lowest and highest accepted `priority`; higher runs first. */
export const minPriority = -1000;
export const maxPriority = 1000;

/** One task as the store keeps it and the API returns it. */
export interface TaskRecord {
  /** Server-made UUID; the only input to the task's branch name and worktree path. */
  id: string;
  projectId: string;
  title: string;
  prompt: string;
  priority: number;
  source: string | null;
  externalId: string | null;
  metadata: Record<string, unknown> | null;
  status: TaskStatus;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  rejectReason: string | null;
  /** The project session the task runs in, once it started. */
  sessionId: string | null;
  /** `tasks/<id>`, once the worktree was created. */
  branch: string | null;
  /** The worktree directory while it exists. */
  worktreePath: string | null;
  /** Sha of the commit holding the agent's changes; null when there were none. */
  commit: string | null;
  /** `true` pushed, `false` push failed, `null` not attempted (no remote, no commit). */
  pushed: boolean | null;
  pushError: string | null;
  prUrl: string | null;
  prError: string | null;
  /** The agent's final assistant text, bounded. */
  resultText: string | null;
  /** Why the task failed or was cancelled. */
  error: string | null;
}

/** What a webhook submits. */
export interface NewTaskInput {
  title: string;
  prompt: string;
  priority?: number | undefined;
  source?: string | undefined;
  externalId?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** `<prefix>/<taskId>`: the branch a task delivers on. */
export function taskBranch(taskId: string): string {
  return `tasks/${taskId}`;
}

const taskIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` has the shape of a server-made task id (safe in paths and ref names). */
export function isTaskId(id: string): boolean {
  return taskIdPattern.test(id);
}

/** Every field a run sets, as it is before a task runs. */
const noRun = {
  startedAt: null,
  finishedAt: null,
  sessionId: null,
  branch: null,
  worktreePath: null,
  commit: null,
  pushed: null,
  pushError: null,
  prUrl: null,
  prError: null,
  resultText: null,
  error: null,
} as const satisfies Partial<TaskRecord>;

/** A new `pending` task. */
export function newTaskRecord(
  id: string,
  projectId: string,
  input: NewTaskInput,
  createdAt: string,
): TaskRecord {
  return {
    id,
    projectId,
    title: input.title,
    prompt: input.prompt,
    priority: input.priority ?? 0,
    source: input.source ?? null,
    externalId: input.externalId ?? null,
    metadata: input.metadata ?? null,
    status: "pending",
    createdAt,
    updatedAt: createdAt,
    approvedAt: null,
    rejectReason: null,
    ...noRun,
  };
}

/**
 * `task` put back to `approved` to run again from the start: every field a run set is
 * cleared (the caller removes its worktree and branch).
 */
export function requeuedTask(task: TaskRecord, at: string): TaskRecord {
  return {
    ...task,
    status: "approved",
    ...noRun,
    updatedAt: at,
  };
}

/** Queue order: higher priority first, then older first. */
export function compareQueued(a: TaskRecord, b: TaskRecord): number {
  return (
    b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  );
}

/** Statuses by count, all zero. */
export function zeroCounts(): Record<TaskStatus, number> {
  return Object.fromEntries(taskStatuses.map((status) => [status, 0])) as Record<
    TaskStatus,
    number
  >;
}
